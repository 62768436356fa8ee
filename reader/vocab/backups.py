"""Backups of the vocabulary: made with SQLite's backup API, checked before they count.

A backup is written to a hidden temporary file, checked with
``PRAGMA integrity_check`` and only then renamed into place, so a backup that
exists under its final name is always a whole, readable database.

The kind is part of the file name (``vocabulary-auto-…``, ``vocabulary-manual-…``,
``vocabulary-before-migration-…``, ``vocabulary-before-restore-…``).  Only
automatic backups are pruned (the newest ``KEEP_AUTOMATIC`` are kept, and the
newest one holding words even when older); backups the
learner asked for, and those taken before a migration or a restore, are never
deleted by the program.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from reader.vocab.errors import VocabularyStorageError

KEEP_AUTOMATIC = 10
_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(
    r"^vocabulary-(auto|manual|before-migration|before-restore)-(\d{8}T\d{12}Z)(?:-\d+)?\.sqlite3$"
)
_PARTIAL_SUFFIX = ".partial"
_STALE_PARTIAL_SECONDS = 3600


class BackupKind(StrEnum):
    AUTOMATIC = "auto"
    MANUAL = "manual"
    BEFORE_MIGRATION = "before-migration"
    BEFORE_RESTORE = "before-restore"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    kind: BackupKind
    created: datetime  # UTC


_SQLITE_HEADER = b"SQLite format 3\x00"


def is_intact(path: Path) -> bool:
    """Whether ``path`` is a vocabulary database that passes ``PRAGMA integrity_check``.

    SQLite takes an empty (or one-byte) file for a valid empty database, so the
    header is checked first, and a database without the ``words`` table (another
    program's) does not count: restoring either would empty the vocabulary.
    """
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                return False
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        has_words = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'words'"
        ).fetchone()
        return rows == [("ok",)] and has_words is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def holds_words(path: Path) -> bool:
    """Whether the backup at ``path`` holds at least one word (False when unreadable)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("SELECT EXISTS (SELECT 1 FROM words)").fetchone()[0] == 1
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _unique_name(directory: Path, kind: BackupKind) -> Path:
    stamp = datetime.now(UTC).strftime(_STAMP_FORMAT)
    candidate = directory / f"vocabulary-{kind.value}-{stamp}.sqlite3"
    counter = 1
    while candidate.exists():
        candidate = directory / f"vocabulary-{kind.value}-{stamp}-{counter}.sqlite3"
        counter += 1
    return candidate


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy a live database into ``target`` (a new file) and make it self-contained.

    The copy is switched to a rollback journal so it is one file with no -wal beside it.
    """
    destination = sqlite3.connect(target, isolation_level=None)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def write_backup(source: sqlite3.Connection, directory: Path, kind: BackupKind) -> Path:
    """Back up ``source`` into ``directory``; returns the new backup's path.

    Raises VocabularyStorageError when the backup cannot be written or does not pass
    its check; no existing backup is touched in that case.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        final = _unique_name(directory, kind)
        partial = directory / f".{final.name}.{os.getpid()}{_PARTIAL_SUFFIX}"
        try:
            copy_database(source, partial)
            if not is_intact(partial):
                raise VocabularyStorageError(
                    f"The backup written to {directory} failed its integrity check; "
                    "the vocabulary itself is intact"
                )
            os.replace(partial, final)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
    except (OSError, sqlite3.Error) as error:
        raise VocabularyStorageError(
            f"Could not write a backup to {directory}: {_reason(error)}; "
            "the vocabulary itself is intact"
        ) from error
    if kind is BackupKind.AUTOMATIC:
        prune_automatic(directory)
    return final


def list_backups(directory: Path) -> list[Backup]:
    """Every finished backup in ``directory``, newest first."""
    if not directory.is_dir():
        return []
    found: list[Backup] = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if match:
            created = datetime.strptime(match[2], _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append(Backup(path, BackupKind(match[1]), created))
    found.sort(key=lambda backup: (backup.created, backup.path.name), reverse=True)
    return found


def prune_automatic(directory: Path, keep: int = KEEP_AUTOMATIC) -> None:
    """Delete automatic backups beyond the newest ``keep``, and abandoned partial files."""
    automatic = [b for b in list_backups(directory) if b.kind is BackupKind.AUTOMATIC]
    pruned = automatic[keep:]
    # Empty backups must never push out the last one holding words: a store that lost
    # its words (an emptied file) would otherwise lose them for good after ``keep`` starts.
    if pruned and not any(holds_words(b.path) for b in automatic[:keep]):
        newest_with_words = next((b for b in pruned if holds_words(b.path)), None)
        pruned = [b for b in pruned if b is not newest_with_words]
    for old in pruned:
        with contextlib.suppress(OSError):
            old.path.unlink()
    # A partial file is left behind only when a process died mid-backup; a young one may
    # still be in use by another running copy, so only old ones are removed.
    cutoff = time.time() - _STALE_PARTIAL_SECONDS
    for path in directory.glob(f".vocabulary-*{_PARTIAL_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)
