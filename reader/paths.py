"""The one place that decides where files live.

User data (vocabulary, user glossaries, backups), the cache (the compiled
CC-CEDICT index) and settings live in the platform's directories from
platformdirs.  One override moves all of them: ``--data-dir PATH`` on the
command line or the ``READER_DATA_DIR`` environment variable, which the tests
and portable installs use.  Bundled, read-only data (``dictionaries/``,
``articles/``, ``resources/``) is found inside the installed wheel or, in a
source checkout, beside the package.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "duzhe-reader"
DATA_DIR_ENV = "READER_DATA_DIR"
CEDICT_ENV = "READER_CEDICT"

_PACKAGE_DIR = Path(__file__).resolve().parent
_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Move user data, cache and settings under ``path`` (``None`` restores the default)."""
    global _override
    _override = Path(path).expanduser().resolve() if path is not None else None


def _base_override() -> Path | None:
    if _override is not None:
        return _override
    from_env = os.environ.get(DATA_DIR_ENV)
    return Path(from_env).expanduser().resolve() if from_env else None


def data_dir() -> Path:
    """Where the vocabulary, user glossaries and backups are kept."""
    base = _base_override()
    if base:
        return base / "data"
    import platformdirs  # only without the override (tests and benchmarks set it)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Where rebuildable caches (the CC-CEDICT index) are kept."""
    base = _base_override()
    if base:
        return base / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Where settings are kept."""
    base = _base_override()
    if base:
        return base / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def vocabulary_db() -> Path:
    return data_dir() / "vocabulary.sqlite3"


def backups_dir() -> Path:
    return data_dir() / "backups"


def user_glossaries_dir() -> Path:
    return data_dir() / "glossaries"


def reading_corrections_file() -> Path:
    """The learner's own readings of words ("This is read …", ``reader readings``)."""
    return data_dir() / "reading-corrections.json"


def damaged_dir() -> Path:
    """Where a damaged file of the learner's is moved, never deleted."""
    return data_dir() / "damaged"


def chosen_cedict(
    given: str | os.PathLike[str] | None = None, saved: str | None = None
) -> Path | None:
    """Which CC-CEDICT file this run uses; None means the bundled one.

    The one rule, for the command line and the window: ``given`` for this run
    (``--cedict``) wins, then ``$READER_CEDICT``, then ``saved`` (the file the
    learner chose in the window, remembered in the settings).
    """
    if given:
        return Path(given).expanduser()
    from_env = os.environ.get(CEDICT_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(saved).expanduser() if saved else None


def _bundled(folder: str) -> Path:
    installed = _PACKAGE_DIR / "_bundled" / folder
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / folder


def bundled_dictionaries_dir() -> Path:
    return _bundled("dictionaries")


def bundled_articles_dir() -> Path:
    return _bundled("articles")


def bundled_resources_dir() -> Path:
    return _bundled("resources")
