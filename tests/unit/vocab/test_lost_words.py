"""An emptied, missing or foreign vocabulary file is a loss to repair, never a fresh start."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from reader import paths
from reader.vocab import backups
from reader.vocab.backups import BackupKind
from reader.vocab.store import VocabularyStore
from reader.vocab.word import VocabWord

_SAVED = ("城市", "治理", "现代化")


def _saved_words(data_dir) -> None:
    with VocabularyStore.open() as store:
        for characters in _SAVED:
            store.add(VocabWord(characters))
    # closing wrote an automatic backup holding these words


def _foreign_database_with_a_words_table(path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE words (spelling TEXT, frequency INTEGER)")
    connection.execute("INSERT INTO words VALUES ('hello', 3)")
    connection.commit()
    connection.close()


DAMAGE = {
    "zero bytes": lambda path: path.write_bytes(b""),
    "missing": lambda path: path.unlink(),
    "foreign database with a words table": lambda path: (
        path.unlink(),
        _foreign_database_with_a_words_table(path),
    ),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_the_backup_comes_back_and_the_learner_is_told(data_dir, damage):
    _saved_words(data_dir)
    database = paths.vocabulary_db()
    for suffix in ("-wal", "-shm"):
        assert not os.path.exists(f"{database}{suffix}")
    damage(database)
    with VocabularyStore.open() as store:
        assert {word.simplified for word in store.words()} == set(_SAVED)
        assert store.recovery is not None
        assert "damaged" in store.recovery.message
        assert store.recovery.restored_from is not None


def test_a_first_start_with_an_empty_file_and_no_backup_is_just_a_first_start(data_dir):
    paths.vocabulary_db().parent.mkdir(parents=True, exist_ok=True)
    paths.vocabulary_db().write_bytes(b"")
    with VocabularyStore.open() as store:
        assert store.recovery is None and store.count() == 0


def test_the_command_line_restores_a_zero_byte_file_and_says_so(data_dir):
    _saved_words(data_dir)
    paths.vocabulary_db().write_bytes(b"")
    listed = subprocess.run(
        [sys.executable, "-m", "reader", "vocab", "list", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.returncode == 0
    assert all(characters in listed.stdout for characters in _SAVED)
    assert len(listed.stderr.splitlines()) == 1 and "restored" in listed.stderr


def test_many_empty_starts_never_rotate_out_the_last_backup_with_words(data_dir):
    _saved_words(data_dir)
    backups_dir = paths.backups_dir()
    with VocabularyStore.open() as store:
        for characters in _SAVED:
            store.remove(characters)
        # The learner emptied the vocabulary: every later automatic backup is empty.
        for _ in range(backups.KEEP_AUTOMATIC + 3):
            store.backup(manual=False)
    automatic = [b for b in backups.list_backups(backups_dir) if b.kind is BackupKind.AUTOMATIC]
    assert len(automatic) == backups.KEEP_AUTOMATIC + 1
    assert sum(backups.holds_words(b.path) for b in automatic) == 1
