"""Imports are planned first, then merged in one transaction."""

from __future__ import annotations

import pytest

from reader.errors import VocabularyError
from reader.vocab.errors import VocabularyStorageError
from reader.vocab.export import ExportFormat, export_words
from reader.vocab.importing import parse_import
from reader.vocab.word import Context, Status, VocabWord


def test_planning_writes_nothing_and_applying_merges_without_duplicates(store, tmp_path):
    store.add(VocabWord("城市", "chéng shì", definition="my note on city"), Context("城市。", "A"))
    source = tmp_path / "list.json"
    export_words(
        [
            VocabWord(
                "城市",
                "chéng shì",
                definition="city",
                status=Status.LEARNING,
                contexts=(Context("超大城市。", "B"),),
            ),
            VocabWord("治理", "zhì lǐ", contexts=(Context("治理。", "B"),)),
            VocabWord("治理", "zhì lǐ", tags=("again",)),
        ],
        source,
        ExportFormat.JSON,
    )
    plan = parse_import(source)
    assert len(plan.good) == 2 and plan.bad == ()
    assert store.count() == 1
    preview = store.import_preview(plan)
    assert (preview.added, preview.merged) == (1, 1)
    assert store.count() == 1
    outcome = store.apply_import(plan)
    assert (outcome.added, outcome.merged) == (1, 1)
    city = store.get("城市")
    assert city.definition == "my note on city" and city.status is Status.LEARNING
    assert [c.article_title for c in city.contexts] == ["A", "B"]
    assert store.get("治理").tags == ("again",)


def test_an_import_that_fails_half_way_saves_none_of_it(store, tmp_path):
    source = tmp_path / "big.csv"
    export_words(
        [VocabWord(f"词{n}", "cí", definition="d" * 3000) for n in range(300)],
        source,
        ExportFormat.CSV,
    )
    plan = parse_import(source)
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages + 20}")
    with pytest.raises(VocabularyStorageError, match="full"):
        store.apply_import(plan)
    assert store.count() == 0


def test_unreadable_files_are_refused_with_one_line(tmp_path):
    missing = tmp_path / "missing.csv"
    with pytest.raises(VocabularyError, match="missing.csv: no such file"):
        parse_import(missing)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("simplified\n\xe9t\xe9\n".encode("latin-1"))
    with pytest.raises(VocabularyError, match="not UTF-8"):
        parse_import(latin)
    with pytest.raises(VocabularyError, match="Cannot import apkg"):
        parse_import(tmp_path / "deck.apkg")
