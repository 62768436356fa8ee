"""What counts as an intact backup: only a whole vocabulary database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.vocab.backups import is_intact
from reader.vocab.store import VocabularyStore
from reader.vocab.word import VocabWord


@pytest.mark.parametrize("content", [b"", b"x", b"SQLite format 3\x00" + b"\x00" * 10])
def test_empty_tiny_and_cut_short_files_are_not_backups(tmp_path: Path, content: bytes):
    # SQLite itself opens an empty or one-byte file as a valid empty database.
    path = tmp_path / "impostor.sqlite3"
    path.write_bytes(content)
    assert not is_intact(path)


def test_another_programs_database_is_not_a_backup(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    assert not is_intact(path)


def test_a_real_backup_is_intact(data_dir: Path):
    with VocabularyStore.open() as store:
        store.add(VocabWord("治理", "zhì lǐ"))
        backup = store.backup()
    assert is_intact(backup)
    assert not is_intact(backup.parent)
