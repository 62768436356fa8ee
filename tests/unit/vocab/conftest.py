"""Real material for vocabulary tests: sentences of the bundled article and their words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader import paths
from reader.vocab.store import VocabularyStore


@pytest.fixture(scope="session")
def sentences() -> list[str]:
    """Sentences of the bundled Guangzhou article, split at sentence-ending punctuation."""
    text = (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")
    return [
        sentence.strip()
        for paragraph in text.splitlines()
        for sentence in re.split(r"(?<=[。！？])", paragraph)
        if len(sentence.strip()) > 6
    ]


@pytest.fixture(scope="session")
def article_title() -> str:
    return "致广大而尽精微 打造超大城市现代化治理新范例"


@pytest.fixture
def store(data_dir: Path):
    with VocabularyStore.open() as opened:
        yield opened
