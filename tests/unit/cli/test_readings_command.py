"""``reader readings`` as a learner runs it: real processes over one data folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader import paths

REPO_ROOT = Path(__file__).resolve().parents[3]
DEADLINE_S = 120


def reader(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *arguments],
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def test_set_list_and_remove(data_dir: Path) -> None:
    assert reader(data_dir, "readings", "list").stdout == ""

    done = reader(data_dir, "readings", "set", "重点", "chong2", "dian3")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "重点 is read chóng diǎn from now on\n"
    assert reader(data_dir, "readings", "set", "長城", "zhǎngchéng").returncode == 0

    listed = reader(data_dir, "readings", "list")
    assert listed.stdout.splitlines() == ["重点\tchóng diǎn", "長城\tzhǎng chéng"]
    rows = json.loads(reader(data_dir, "readings", "list", "--format", "json").stdout)
    assert {"word": "長城", "simplified": "长城", "pinyin": "zhǎng chéng"} in rows

    removed = reader(data_dir, "readings", "remove", "长城")  # either script names it
    assert removed.returncode == 0, removed.stderr
    assert "(was zhǎng chéng)" in removed.stdout
    assert reader(data_dir, "readings", "list").stdout == "重点\tchóng diǎn\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["set", "长城", "chang2"], "2 characters but “chang2” is 1 syllable"),
        (["set", "长城", "chang2", "chengx"], "is not pinyin"),
        (["set", "abc", "a1"], "no Chinese characters"),
        (["set", "长城"], "the following arguments are required: PINYIN"),
        (["remove", "长城"], "长城 has no reading correction"),
        (["rename", "长城"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(
    data_dir: Path, arguments: list[str], message: str
) -> None:
    finished = reader(data_dir, "readings", *arguments)
    assert finished.returncode == 2
    assert len(finished.stderr.splitlines()) == 1 and message in finished.stderr
    assert not paths.reading_corrections_file().exists()  # nothing half-made was saved


def test_annotate_states_the_corrected_reading_and_its_sense(data_dir: Path) -> None:
    assert reader(data_dir, "readings", "set", "重点", "chóng diǎn").returncode == 0

    as_json = reader(data_dir, "annotate", "--format", "json")
    as_text = reader(data_dir, "annotate", "--format", "text")

    assert as_json.returncode == 0, as_json.stderr
    tokens = [t for t in json.loads(as_json.stdout)["tokens"] if t["text"] == "重点"]
    assert tokens and all(t["pinyin"] == ["chóng", "diǎn"] for t in tokens)
    assert all(t["gloss"].startswith("to recount") for t in tokens)
    assert "重点 chóngdiǎn" in as_text.stdout and "zhòngdiǎn" not in as_text.stdout


@pytest.mark.parametrize(
    ("word", "typed", "shown"),
    [
        ("水", ["ｓｈｕｉ３"], "shuǐ"),  # fullwidth, as an IME types it
        ("行", ["ｘíｎｇ"], "xíng"),
        ("长城", ["ｃｈａｎｇ２\u3000ｃｈｅｎｇ２"], "cháng chéng"),
        ("欸", ["ê4"], "ề"),
        ("欸", ["ê̄"], "ê̄"),
    ],
)
def test_fullwidth_and_e_circumflex_pinyin_are_set_and_listed_as_the_reader_writes_them(
    data_dir: Path, word: str, typed: list[str], shown: str
) -> None:
    done = reader(data_dir, "readings", "set", word, *typed)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{word} is read {shown} from now on\n"
    assert reader(data_dir, "readings", "list").stdout == f"{word}\t{shown}\n"


@pytest.mark.parametrize("arguments", [["set", "长城", "chang2", "cheng2"], ["remove", "重"]])
def test_a_change_to_a_newer_versions_file_is_one_line_and_changes_nothing(
    data_dir: Path, arguments: list[str]
) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    content = '{"version": 2, "corrections": [{"word": "重", "pinyin": "zhong4"}]}'
    file.write_text(content, encoding="utf-8")

    finished = reader(data_dir, "readings", *arguments)

    assert finished.returncode == 2
    assert len(finished.stderr.splitlines()) == 1 and "newer version" in finished.stderr
    assert file.read_text(encoding="utf-8") == content and not paths.damaged_dir().exists()


def test_a_change_to_a_damaged_file_sets_it_aside_and_keeps_what_could_be_read(
    data_dir: Path,
) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    rows = [{"word": "重点", "pinyin": "chóng diǎn"}, {"word": "为", "pinyin": "wei9"}]
    file.write_text(json.dumps({"version": 1, "corrections": rows}), encoding="utf-8")

    done = reader(data_dir, "readings", "set", "长城", "zhang3", "cheng2")

    assert done.returncode == 0 and done.stdout == "长城 is read zhǎng chéng from now on\n"
    assert len(done.stderr.splitlines()) == 1 and "1 entry could not be read" in done.stderr
    (moved,) = paths.damaged_dir().iterdir()
    assert json.loads(moved.read_text(encoding="utf-8"))["corrections"] == rows
    listed = reader(data_dir, "readings", "list").stdout.splitlines()
    assert listed == ["重点\tchóng diǎn", "长城\tzhǎng chéng"]


def test_a_damaged_file_is_reported_in_one_line_and_set_aside(data_dir: Path) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("{not json", encoding="utf-8")

    listed = reader(data_dir, "readings", "list")

    assert listed.returncode == 0 and listed.stdout == ""
    assert len(listed.stderr.splitlines()) == 1 and "was damaged" in listed.stderr
    (moved,) = paths.damaged_dir().iterdir()
    assert moved.read_text(encoding="utf-8") == "{not json"


def test_no_export_writes_over_the_corrections(data_dir: Path) -> None:
    assert reader(data_dir, "readings", "set", "重点", "zhong4", "dian3").returncode == 0
    target = str(paths.reading_corrections_file())
    for export in (
        ["glossary", "export", "--format", "json"],
        ["vocab", "export", "--format", "json"],
    ):
        finished = reader(data_dir, *export, "-o", target)
        assert finished.returncode == 2
        assert finished.stderr.strip().endswith(
            "holds your reading corrections; write to another file"
        )
    assert reader(data_dir, "readings", "list").stdout == "重点\tzhòng diǎn\n"


def test_a_word_saved_from_the_command_line_takes_the_corrected_reading(data_dir: Path) -> None:
    """Without --pinyin, `vocab add` saves the learner's correction, else the reading
    pypinyin's phrase reading agrees with, with that entry's senses."""
    assert reader(data_dir, "vocab", "add", "重点").returncode == 0
    assert reader(data_dir, "readings", "set", "行", "xing2").returncode == 0
    assert reader(data_dir, "vocab", "add", "行").returncode == 0
    listed = reader(data_dir, "vocab", "list").stdout.splitlines()
    assert any(
        line.split("\t")[1:3] == ["zhòng diǎn", "new"] and "important point" in line
        for line in listed
    )
    assert any(line.startswith("行\txíng\t") and "to walk" in line for line in listed)
