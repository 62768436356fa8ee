"""Test set-up shared by unit and GUI tests.

Qt runs offscreen, and every test run keeps its user data, cache and settings
under a temporary folder: the compiled CC-CEDICT index is built once per
session there, and tests that need a data directory of their own use the
``data_dir`` fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader import paths  # noqa: E402  (after the environment is set)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _session_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("reader-session")
    os.environ.pop(paths.DATA_DIR_ENV, None)
    paths.set_data_dir(base)
    yield base
    paths.set_data_dir(None)


@pytest.fixture
def data_dir(tmp_path: Path, _session_data_dir: Path) -> Iterator[Path]:
    """A fresh, empty data directory for one test; the shared cache is kept."""
    base = tmp_path / "reader-data"
    paths.set_data_dir(base)
    shared_cache = _session_data_dir / "cache"
    shared_cache.mkdir(parents=True, exist_ok=True)
    (base).mkdir(parents=True, exist_ok=True)
    os.symlink(shared_cache, base / "cache")
    yield base
    paths.set_data_dir(_session_data_dir)
