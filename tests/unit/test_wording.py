"""Counts read as English: one word, two words."""

from __future__ import annotations

from pathlib import Path

from reader.vocab.importing import parse_import
from reader.wording import counted


def test_one_is_singular_and_others_plural() -> None:
    assert counted(1, "word") == "1 word"
    assert counted(0, "word") == "0 words"
    assert counted(2348, "word") == "2,348 words"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(3, "entry", "entries") == "3 entries"


def test_an_import_of_one_word_says_one_word(tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text("河长制\t河長制\thé zhǎng zhì\triver chief system\n", encoding="utf-8")
    summary = parse_import(source).summary()
    assert "1 word to import" in summary and "0 bad lines" in summary
