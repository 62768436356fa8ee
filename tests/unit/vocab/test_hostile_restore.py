"""``vocab restore`` of a file that is not a good backup: refused whole, the store untouched."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import paths
from reader.cli import main
from reader.vocab.store import VocabularyStore
from reader.vocab.word import VocabWord

_SAVED = ("城市", "治理")


def _edited_backup(tmp_path: Path, *statements: str) -> Path:
    """A real backup of the saved words, then changed by ``statements``."""
    with VocabularyStore.open() as store:
        real = store.backup()
    candidate = tmp_path / "candidate.sqlite3"
    shutil.copy(real, candidate)
    connection = sqlite3.connect(candidate, isolation_level=None)
    connection.execute("PRAGMA ignore_check_constraints = ON")  # as another program might
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return candidate


def _foreign_database(tmp_path: Path) -> Path:
    candidate = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(candidate)
    connection.execute("CREATE TABLE words (spelling TEXT, frequency INTEGER)")
    connection.execute("INSERT INTO words VALUES ('hello', 3)")
    connection.commit()
    connection.close()
    return candidate


CANDIDATES: dict[str, Callable[[Path], Path]] = {
    "another program's database with a words table": _foreign_database,
    "a real backup with its schema version reset to 0": lambda tmp: _edited_backup(
        tmp, "PRAGMA user_version = 0"
    ),
    "garbage dates": lambda tmp: _edited_backup(tmp, "UPDATE words SET created = 'not a date'"),
    "a date without time zone": lambda tmp: _edited_backup(
        tmp, "UPDATE words SET updated = '2024-01-01T00:00:00'"
    ),
    "an unknown status": lambda tmp: _edited_backup(tmp, "UPDATE words SET status = 'forgotten'"),
    "a table missing": lambda tmp: _edited_backup(tmp, "DROP TABLE word_tags"),
    "an extra column": lambda tmp: _edited_backup(tmp, "ALTER TABLE words ADD COLUMN x TEXT"),
    "not SQLite at all": lambda tmp: (tmp / "text.sqlite3", (tmp / "text.sqlite3").write_text("x"))[
        0
    ],
}


@pytest.mark.parametrize("make_candidate", CANDIDATES.values(), ids=CANDIDATES.keys())
def test_a_bad_restore_candidate_is_refused_and_the_store_keeps_working(
    make_candidate, data_dir, tmp_path, capsys
):
    for characters in _SAVED:
        assert main(["vocab", "add", characters]) == 0
    candidate = make_candidate(tmp_path)
    before = paths.vocabulary_db().read_bytes()
    capsys.readouterr()

    assert main(["vocab", "restore", str(candidate)]) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1 and "nothing was changed" in error

    assert main(["vocab", "list"]) == 0
    listed = capsys.readouterr().out
    assert all(characters in listed for characters in _SAVED), listed
    assert main(["vocab", "add", "现代化"]) == 0
    assert main(["vocab", "restore"]) == 0  # the newest real backup still restores
    with VocabularyStore.open() as store:
        assert {w.simplified for w in store.words()} >= set(_SAVED)
    assert before  # the live file existed and was a database all along


def test_a_good_backup_from_an_older_schema_is_migrated_on_the_way_in(data_dir, tmp_path):
    for characters in _SAVED:
        assert main(["vocab", "add", characters]) == 0
    older = _edited_backup(
        tmp_path,
        "DROP INDEX IF EXISTS words_by_updated",
        "DELETE FROM schema_migrations WHERE version = 2",
        "PRAGMA user_version = 1",
    )
    with VocabularyStore.open() as store:
        store.remove("城市")
        store.restore(older)
        assert {w.simplified for w in store.words()} == set(_SAVED)
        store.add(VocabWord("现代化"))
