"""One index of the real bundled CC-CEDICT, built once per test session in a temporary cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.dictionary.cedict import bundled_source
from reader.dictionary.index import CedictIndex


@pytest.fixture(scope="session")
def index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cedict-cache")


@pytest.fixture(scope="session")
def index(index_cache: Path) -> CedictIndex:
    return CedictIndex.load(bundled_source(), cache_dir=index_cache)
