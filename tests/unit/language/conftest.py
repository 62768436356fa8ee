"""Real data for the language tests: CC-CEDICT readings, the policy glossary, jieba."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from reader import paths
from reader.language.pinyin import PinyinResolver
from reader.language.segment import Segmenter

REPO_ROOT = Path(__file__).resolve().parents[3]
POLYPHONES = REPO_ROOT / "tests" / "data" / "polyphones.tsv"
ARTICLE = REPO_ROOT / "articles" / "guangzhou-governance-ycwb.txt"


@pytest.fixture(scope="session")
def glossary_readings() -> dict[str, tuple[str, ...]]:
    """term -> pinyin syllables, read straight from the bundled policy glossary."""
    table = paths.bundled_dictionaries_dir() / "policy-glossary.tsv"
    with table.open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t")
        return {row["term"]: tuple(row["pinyin"].split()) for row in rows}


@pytest.fixture(scope="session")
def readings_for() -> Callable[[str], Sequence[tuple[str, ...]]]:
    from reader.dictionary.index import CedictIndex

    return CedictIndex.load().readings


@pytest.fixture(scope="session")
def segmenter(glossary_readings: dict[str, tuple[str, ...]]) -> Segmenter:
    return Segmenter(glossary_readings)


@pytest.fixture(scope="session")
def resolver(
    readings_for: Callable[[str], Sequence[tuple[str, ...]]],
    glossary_readings: dict[str, tuple[str, ...]],
) -> PinyinResolver:
    return PinyinResolver(readings_for, glossary_readings.get)
