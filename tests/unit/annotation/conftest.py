"""The annotator over the real CC-CEDICT and the bundled glossaries, shared by these tests."""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator
from reader.dictionary.index import CedictIndex
from reader.glossary.store import GlossarySet


@pytest.fixture(scope="session")
def annotator() -> Annotator:
    return Annotator(CedictIndex.load(), GlossarySet.bundled_only())
