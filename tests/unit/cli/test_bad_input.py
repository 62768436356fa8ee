"""Bad input on the command line: one line on stderr, status 2, nothing saved is touched."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader import paths
from reader.cli import main

GBK_TEXT = "河长制是一项重要的制度。广州在治理方面有很多经验。"


def fails_with_one_line(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    """Run the command; assert it failed in one stderr line with status 2; that line."""
    status = main(list(arguments))
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reader: ") and not lines[0].startswith("reader: reader")
    return lines[0]


@pytest.fixture
def gbk_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_bytes(GBK_TEXT.encode("gbk"))
    return path


def test_annotate_refuses_to_write_over_its_own_input(capsys, gbk_file):
    line = fails_with_one_line(capsys, "annotate", str(gbk_file), "-o", str(gbk_file))
    assert "is the file being read" in line
    assert gbk_file.read_bytes() == GBK_TEXT.encode("gbk")


def test_annotate_output_that_cannot_be_written_leaves_no_partial_file(capsys, gbk_file):
    folder = gbk_file.parent / "a folder"
    folder.mkdir()
    assert "cannot write" in fails_with_one_line(
        capsys, "annotate", str(gbk_file), "-o", str(folder)
    )
    assert sorted(p.name for p in gbk_file.parent.iterdir()) == ["a folder", "article.txt"]


def test_annotate_with_an_empty_output_name(capsys, gbk_file):
    assert "not a file name" in fails_with_one_line(capsys, "annotate", str(gbk_file), "-o", "")


def test_annotate_with_standard_input_closed(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    assert "standard input is closed" in fails_with_one_line(capsys, "annotate", "-")


def test_annotate_with_standard_output_closed_still_writes_its_file(capsys, monkeypatch, gbk_file):
    monkeypatch.setattr(sys, "stdout", None)
    output = gbk_file.with_name("out.json")
    assert main(["annotate", str(gbk_file), "--format", "json"]) == 0
    assert main(["annotate", str(gbk_file), "--format", "json", "-o", str(output)]) == 0
    assert "河长制" in output.read_text(encoding="utf-8")


def test_lookup_limit_must_be_positive(capsys):
    for limit in ("0", "-5"):
        line = fails_with_one_line(capsys, "lookup", "--pinyin", "he", "--limit", limit)
        assert "--limit must be at least 1" in line


@pytest.mark.parametrize(
    "arguments",
    [
        ["lookup", "\udcff"],
        ["lookup", "--english", "\udcff"],
        ["lookup", "--pinyin", "he\udcff"],
        ["glossary", "show", "河\udcff"],
    ],
)
def test_undecodable_terminal_bytes_are_refused(capsys, arguments):
    assert "not valid text" in fails_with_one_line(capsys, *arguments)


def test_errors_name_the_subcommand_once(capsys):
    line = fails_with_one_line(capsys, "annotate", "--format", "xml")
    assert line.startswith("reader: annotate: argument --format")
    line = fails_with_one_line(capsys, "vocab", "backup", "extra")
    assert line.startswith("reader: unrecognized arguments: extra")
    assert fails_with_one_line(capsys, "--bogus").startswith("reader: unrecognized arguments")


def test_glossary_export_refuses_its_own_article_and_a_mismatched_extension(
    capsys, data_dir, gbk_file
):
    line = fails_with_one_line(
        capsys,
        "glossary", "export", "--article", str(gbk_file), "--format", "html", "-o", str(gbk_file),
    )  # fmt: skip
    assert "is the file being read" in line
    assert gbk_file.read_bytes() == GBK_TEXT.encode("gbk")
    mislabelled = gbk_file.with_name("terms.csv")
    line = fails_with_one_line(
        capsys, "glossary", "export", "--format", "json", "-o", str(mislabelled)
    )
    assert "named like a CSV file but --format is json" in line
    assert not mislabelled.exists()


def test_glossary_export_under_a_file_posing_as_a_folder(capsys, data_dir, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me", encoding="utf-8")
    line = fails_with_one_line(
        capsys, "glossary", "export", "--format", "csv", "-o", str(blocker / "x.csv")
    )
    assert "cannot write" in line
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_glossary_export_into_the_saved_glossaries_folder_is_refused(capsys, data_dir):
    target = paths.user_glossaries_dir() / "mine.json"
    line = fails_with_one_line(capsys, "glossary", "export", "--format", "json", "-o", str(target))
    assert "saved glossaries" in line and not target.exists()


def test_glossary_import_of_deeply_nested_json(capsys, data_dir, tmp_path):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in fails_with_one_line(capsys, "glossary", "import", str(nested))


def test_vocab_export_over_the_vocabulary_database_is_refused(capsys, data_dir):
    assert main(["vocab", "add", "治理"]) == 0
    database = paths.vocabulary_db()
    before = database.read_bytes()
    line = fails_with_one_line(capsys, "vocab", "export", "--format", "csv", "-o", str(database))
    assert "part of your saved vocabulary" in line
    assert database.read_bytes() == before
    backup = paths.backups_dir() / "mine.csv"
    fails_with_one_line(capsys, "vocab", "export", "-o", str(backup))
    assert main(["vocab", "list"]) == 0 and "治理" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"x", b"term,pinyin\n"])
def test_vocab_restore_of_a_file_that_is_not_a_backup_keeps_the_words(
    capsys, data_dir, tmp_path, content
):
    assert main(["vocab", "add", "治理"]) == 0
    impostor = tmp_path / "impostor.sqlite3"
    impostor.write_bytes(content)
    assert "not an intact vocabulary backup" in fails_with_one_line(
        capsys, "vocab", "restore", str(impostor)
    )
    assert main(["vocab", "list"]) == 0 and "治理" in capsys.readouterr().out


def test_vocab_import_with_no_good_line_fails(capsys, data_dir, tmp_path):
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    status = main(["vocab", "import", str(nested), "--yes"])
    err = capsys.readouterr().err
    assert status == 2 and "nested too deeply" in err and "has no words to import" in err
    empty = tmp_path / "empty.csv"
    empty.write_text("simplified,pinyin\n", encoding="utf-8")
    assert "has no words to import" in fails_with_one_line(
        capsys, "vocab", "import", str(empty), "--yes"
    )


def test_vocab_import_question_answered_with_end_of_file(capsys, data_dir, tmp_path, monkeypatch):
    words = tmp_path / "words.csv"
    words.write_text("simplified,pinyin\n治理,zhì lǐ\n", encoding="utf-8")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(""))
    assert main(["vocab", "import", str(words)]) == 2
    assert "nothing was imported" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["vocab", "import", str(words)]) == 2
    assert main(["vocab", "list"]) == 0 and "治理" not in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments",
    [
        ["vocab", "add", "治\udcff"],
        ["vocab", "add", "治理", "--context", "\udcff"],
        ["vocab", "remove", "\udcff"],
        ["vocab", "status", "\udcff", "known"],
    ],
)
def test_vocab_refuses_undecodable_terminal_bytes(capsys, data_dir, arguments):
    assert "not valid text" in fails_with_one_line(capsys, *arguments)


def test_vocab_remove_of_an_empty_word(capsys, data_dir):
    assert "needs its characters" in fails_with_one_line(capsys, "vocab", "remove", " ")


def test_an_empty_data_dir_is_refused_rather_than_the_current_folder_used(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    for arguments in (["--data-dir", "", "vocab", "list"], ["--data-dir=", "annotate"]):
        assert "--data-dir needs a folder path" in fails_with_one_line(capsys, *arguments)
    assert list(tmp_path.iterdir()) == []


def test_window_screenshot_paths_are_checked_before_any_window(capsys, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "shot.png"
    folder.mkdir()
    line = fails_with_one_line(capsys, "--screenshot", str(blocker / "x.png"))
    assert "is a file, not a folder" in line
    assert "is a folder" in fails_with_one_line(capsys, "--screenshot", str(folder))


def test_a_terminal_that_cannot_show_chinese_gets_one_line(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    line = fails_with_one_line(capsys, "lookup", "河长制")
    assert "(ascii) cannot show" in line and "UTF-8" in line


def test_a_file_name_with_undecodable_bytes_is_printed_back(
    capsys, data_dir, tmp_path, monkeypatch
):
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer, encoding="utf-8"))
    output = tmp_path / "terms\udcff.csv"
    assert main(["glossary", "export", "--format", "csv", "-o", str(output)]) == 0
    sys.stdout.flush()
    assert b"terms\xff.csv" in buffer.getvalue()


def test_vocab_add_prefers_the_common_reading_to_a_surname(capsys, data_dir):
    assert main(["vocab", "add", "火"]) == 0
    assert "huǒ\tnew\tfire" in capsys.readouterr().out


@pytest.mark.parametrize(
    "arguments",
    [
        ["annotate", "--format", "json"],
        ["glossary", "export", "--format", "csv"],
        ["vocab", "export", "--format", "csv"],
    ],
)
def test_writing_to_a_named_pipe_writes_into_it_instead_of_replacing_it(
    capsys, data_dir, tmp_path, arguments
):
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    # Opening the write end waits until the reader has the pipe open: only then is the
    # pipe being read (a pipe nobody reads is refused); closing it lets the reader end.
    keeper = os.open(pipe, os.O_WRONLY)
    try:
        assert main([*arguments, "-o", str(pipe)]) == 0
    finally:
        os.close(keeper)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and received[0]
