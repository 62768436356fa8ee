"""Exports: the Anki package Anki will read, stable note GUIDs, and files never half-written."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from reader.errors import VocabularyError
from reader.vocab import export
from reader.vocab.export import ExportFormat, export_words, format_for
from reader.vocab.importing import parse_import
from reader.vocab.word import Context, Status, VocabWord


@pytest.fixture
def saved_words(store, sentences, article_title):
    store.add(
        VocabWord(
            "治理", "zhì lǐ", definition="to govern <well> & wisely", hsk=6, tags=("politics",)
        ),
        Context(next(s for s in sentences if "治理" in s), article_title),
    )
    store.add(VocabWord("行", "háng", definition="row"), Context("我们一行人", "A"))
    store.add(VocabWord("行", "xíng", definition="to go", status=Status.KNOWN))
    return store.words()


def _notes(package: Path) -> list[tuple[str, list[str], str]]:
    with zipfile.ZipFile(package) as archive:
        assert "collection.anki2" in archive.namelist()
        database = package.parent / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(database)
    try:
        rows = connection.execute("SELECT guid, flds, tags FROM notes ORDER BY id").fetchall()
        models = connection.execute("SELECT models FROM col").fetchone()[0]
        cards = connection.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        connection.close()
    assert str(export.ANKI_MODEL_ID) in models and "Recognition" in models and "Recall" in models
    assert cards == 2 * len(rows)  # one Recognition and one Recall card per note
    return [(guid, fields.split("\x1f"), tags.strip()) for guid, fields, tags in rows]


def test_the_anki_package_holds_the_expected_notes_and_guids(saved_words, tmp_path):
    package = tmp_path / "words.apkg"
    assert export_words(saved_words, package, ExportFormat.APKG) == 3
    notes = _notes(package)
    assert [guid for guid, _, _ in notes] == [
        genanki.guid_for("治理", "zhì lǐ"),
        genanki.guid_for("行", "háng"),
        genanki.guid_for("行", "xíng"),
    ]
    fields = notes[0][1]
    assert fields[0] == "治理" and fields[1] == "治理"
    assert "tone4" in fields[2] and "tone3" in fields[2]
    assert fields[3] == "to govern &lt;well&gt; &amp; wisely"
    assert "<b>治理</b>" in fields[4]
    assert fields[6] == "HSK 6"  # hsk_label, as everywhere else
    assert "politics" in notes[0][2] and "status::new" in notes[0][2]


def test_exporting_again_after_an_edit_keeps_the_guids(saved_words, store, tmp_path):
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_words(saved_words, first, ExportFormat.APKG)
    store.update("治理", definition="changed")
    export_words(store.words(), second, ExportFormat.APKG)
    assert [g for g, _, _ in _notes(first)] == [g for g, _, _ in _notes(second)]
    assert _notes(second)[0][1][3] == "changed"


@pytest.mark.parametrize("chosen", [f for f in ExportFormat if f is not ExportFormat.APKG])
def test_every_text_export_imports_back_into_the_same_words(saved_words, tmp_path, chosen):
    path = tmp_path / f"words.{chosen.value}"
    export_words(saved_words, path, chosen)
    plan = parse_import(path, chosen.value)
    assert plan.bad == ()
    carried = {
        ExportFormat.JSON: lambda w: w,
        ExportFormat.CSV: lambda w: w,
        ExportFormat.ANKI_TEXT: lambda w: (
            w.simplified,
            w.pinyin,
            w.definition,
            w.contexts,
            w.tags,
            w.status,
            w.hsk,
        ),
        ExportFormat.PLECO: lambda w: (w.simplified, w.pinyin, w.definition, w.status),
    }[chosen]
    assert [carried(w) for w in plan.good] == [carried(w) for w in saved_words]


def test_an_interrupted_export_leaves_the_previous_file_intact(saved_words, tmp_path, monkeypatch):
    target = tmp_path / "words.apkg"
    export_words(saved_words, target, ExportFormat.APKG)
    before = target.read_bytes()

    def interrupted(words, path, audio):
        path.write_bytes(b"half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_write_apkg", interrupted)
    with pytest.raises(VocabularyError, match="no file was left half-written"):
        export_words(saved_words, target, ExportFormat.APKG)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("*words*")) == ["words.apkg"]


def test_the_format_comes_from_the_extension_or_must_be_named(tmp_path):
    assert format_for(tmp_path / "x.apkg") is ExportFormat.APKG
    assert format_for(tmp_path / "x.txt") is ExportFormat.ANKI_TEXT
    assert format_for(tmp_path / "x.txt", "pleco") is ExportFormat.PLECO
    with pytest.raises(VocabularyError, match="--format"):
        format_for(tmp_path / "x.doc")
    with pytest.raises(VocabularyError, match="Unknown format"):
        format_for(tmp_path / "x.csv", "xls")
