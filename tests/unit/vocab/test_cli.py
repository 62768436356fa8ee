"""``reader vocab …`` through ``reader.cli.main``, as a learner would type it."""

from __future__ import annotations

import json

from reader import paths
from reader.cli import main
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Status


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_add_fills_reading_and_definition_from_cc_cedict(data_dir, capsys, sentences):
    sentence = next(s for s in sentences if "治理" in s)
    assert main(["vocab", "add", "治理", "--context", sentence, "--article", "广州"]) == 0
    assert main(["vocab", "add", "行", "--pinyin", "hang2"]) == 0
    capsys.readouterr()
    assert main(["vocab", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["words"]
    governance, row = listed
    assert governance["pinyin"] == "zhì lǐ" and "govern" in governance["definition"]
    assert governance["contexts"] == [{"sentence": sentence, "article": "广州"}]
    assert row["pinyin"] == "háng" and "row" in row["definition"]


def test_status_remove_and_the_one_line_errors(data_dir, capsys):
    main(["vocab", "add", "城市", "--definition", "city"])
    assert main(["vocab", "status", "城市", "learning"]) == 0
    with VocabularyStore.open() as store:
        assert store.get("城市").status is Status.LEARNING
    capsys.readouterr()
    for arguments, message in [
        (["vocab", "status", "城市", "forgotten"], "Unknown status 'forgotten'"),
        (["vocab", "status", "不在", "known"], "不在 is not in the vocabulary"),
        (["vocab", "export", "-o", "x.csv", "--since", "2024-02-30"], "is not a date"),
    ]:
        assert main(arguments) == 2
        error = capsys.readouterr().err
        assert len(_lines(error)) == 1 and message in error
    assert main(["vocab", "remove", "城市"]) == 0
    assert main(["vocab", "list"]) == 0
    assert "城市" not in capsys.readouterr().out.replace("removed 城市", "")


def test_export_then_import_into_another_data_folder(data_dir, tmp_path, capsys):
    main(["vocab", "add", "城市", "--definition", "city", "--tag", "hsk3"])
    main(["vocab", "add", "治理", "--definition", "to govern"])
    main(["vocab", "status", "治理", "known"])
    exported = tmp_path / "words.csv"
    assert main(["vocab", "export", "-o", str(exported), "--status", "known"]) == 0
    assert "exported 1 words" in capsys.readouterr().out

    other = tmp_path / "other"
    # Without --yes and without a terminal on stdin nothing is written.
    assert main(["vocab", "import", str(exported), "--data-dir", str(other)]) == 2
    captured = capsys.readouterr()
    assert "1 word to import" in captured.out and "--yes" in captured.err
    with VocabularyStore.open(other / "data" / "vocabulary.sqlite3") as store:
        assert store.count() == 0
    assert main(["vocab", "import", str(exported), "--yes", "--data-dir", str(other)]) == 0
    assert "imported: 1 new, 0 merged" in capsys.readouterr().out
    with VocabularyStore.open(other / "data" / "vocabulary.sqlite3") as store:
        assert [(w.simplified, w.status) for w in store.words()] == [("治理", Status.KNOWN)]


def test_import_reports_each_bad_line(data_dir, tmp_path, capsys):
    source = tmp_path / "list.pleco"
    source.write_text("//Duzhe/learning\n城市\tcheng2shi4\tcity\nbroken line\n", "utf-8")
    assert main(["vocab", "import", str(source), "--format", "pleco", "--yes"]) == 0
    captured = capsys.readouterr()
    assert "line 3: expected characters<TAB>pinyin<TAB>definition" in captured.err
    with VocabularyStore.open() as store:
        assert store.get("城市").status is Status.LEARNING


def test_backup_and_restore(data_dir, capsys):
    main(["vocab", "add", "保留", "--definition", "keep"])
    capsys.readouterr()
    assert main(["vocab", "backup"]) == 0
    written = capsys.readouterr().out.strip().removeprefix("backup written: ")
    assert "vocabulary-manual-" in written
    main(["vocab", "add", "后来", "--definition", "later"])
    assert main(["vocab", "restore", written]) == 0
    assert "1 words" in capsys.readouterr().out
    with VocabularyStore.open() as store:
        assert [w.simplified for w in store.words()] == ["保留"]


def test_a_recovered_store_is_reported_in_one_line_and_the_command_continues(data_dir, capsys):
    main(["vocab", "add", "城市", "--definition", "city"])
    paths.vocabulary_db().write_bytes(b"damaged" * 1000)
    capsys.readouterr()
    assert main(["vocab", "list"]) == 0
    captured = capsys.readouterr()
    assert len(_lines(captured.err)) == 1 and "was damaged" in captured.err
    assert "城市" in captured.out


def test_add_refuses_what_is_not_a_chinese_word_and_saves_nothing(data_dir, capsys):
    for arguments in (
        ["hello"],
        ["好" * 40],
        ["好", "--pinyin", "xyz9"],
        ["银行", "--pinyin", "yin2"],
    ):
        assert main(["vocab", "add", *arguments]) == 2
        err = capsys.readouterr().err
        assert len(_lines(err)) == 1 and "nothing was saved" in err
    with VocabularyStore.open() as store:
        assert store.count() == 0


def test_add_takes_numbered_pinyin_and_a_glossary_definition(data_dir, capsys):
    assert main(["vocab", "add", "银行", "--pinyin", "yin2 hang2"]) == 0
    assert main(["vocab", "add", "河长制"]) == 0
    capsys.readouterr()
    with VocabularyStore.open() as store:
        assert store.get("银行").pinyin == "yín háng"
        river_chief = store.get("河长制")
    assert river_chief.pinyin == "hé zhǎng zhì"
    assert "river chief" in river_chief.definition.lower()
