"""The vocabulary file's life: opening, checking, recovering, migrating.

Durability choices (the word store in ``store`` relies on them):

* WAL journal with ``synchronous=FULL``: a call that returned has reached the disk.
* ``PRAGMA quick_check`` on open; a damaged file is moved aside (never deleted) and
  the newest intact backup is restored; ``RecoveryReport`` says what happened.
* A backup before every migration.
* A file written by a newer version is refused and left byte-identical.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader import paths
from reader.vocab import backups, schema
from reader.vocab.backups import BackupKind
from reader.vocab.errors import (
    DamagedVocabularyError,
    NewerVocabularyError,
    VocabularyLockedError,
    VocabularyStorageError,
)
from reader.vocab.word import utc_now


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What happened when the vocabulary file was found damaged on open."""

    damaged_path: Path  # where the damaged file was moved; it is kept for inspection
    restored_from: Path | None  # the backup now in use, or None when none was intact
    reason: str

    @property
    def message(self) -> str:
        if self.restored_from is not None:
            outcome = f"the backup {self.restored_from.name} was restored"
        else:
            outcome = "no intact backup was found, so an empty vocabulary was started"
        return (
            f"The vocabulary file was damaged ({self.reason}); it was moved to "
            f"{self.damaged_path} and {outcome}"
        )


def storage_error(error: BaseException, action: str, path: Path) -> Exception:
    """Turn a sqlite3/OS error into a one-line VocabularyError naming the cause."""
    name = getattr(error, "sqlite_errorname", "") or ""
    code = error.errno if isinstance(error, OSError) else None
    text = str(error).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return VocabularyLockedError(
            f"Could not {action}: the vocabulary is in use by another running copy of the "
            "reader; close it or try again"
        )
    if name == "SQLITE_FULL" or code == errno.ENOSPC or "disk is full" in text:
        return VocabularyStorageError(
            f"Could not {action}: the disk holding {path.parent} is full; "
            "free some space and try again (nothing already saved was lost)"
        )
    if (
        name.startswith("SQLITE_READONLY")
        or code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or "readonly" in text
    ):
        return VocabularyStorageError(
            f"Could not {action}: {path} or its folder is read-only "
            "(nothing already saved was lost)"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DamagedVocabularyError(
            f"Could not {action}: the vocabulary file {path} is damaged; restart the reader "
            "to restore it from a backup"
        )
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return VocabularyStorageError(
        f"Could not {action}: {detail} ({path}; nothing already saved was lost)"
    )


def backups_dir_for(db_path: Path) -> Path:
    """The data directory's backups folder for the usual file, else ``backups/`` beside it."""
    if db_path == paths.vocabulary_db():
        return paths.backups_dir()
    return db_path.parent / "backups"


def connect(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None)
    except sqlite3.Error as error:
        raise storage_error(error, "open the vocabulary", path) from error
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise VocabularyStorageError(f"Could not switch {path} to WAL mode")
        connection.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        connection.close()
        raise storage_error(error, "open the vocabulary", path) from error
    return connection


def newer_error(path: Path, version: int) -> NewerVocabularyError:
    return NewerVocabularyError(
        f"{path} was written by a newer version of the reader (schema {version}, this "
        f"version knows up to {schema.LATEST_VERSION}); it was left untouched — update the reader"
    )


_SQLITE_MAGIC = b"SQLite format 3\x00"
_USER_VERSION_OFFSET = 60


def _refuse_newer_by_header(path: Path) -> None:
    """Refuse a newer file from its header bytes alone.

    Opening it with SQLite, even read-only, would create -wal/-shm files beside it;
    reading the header with plain file I/O leaves the folder exactly as it was.
    """
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError as error:
        raise storage_error(error, "open the vocabulary", path) from error
    if len(header) == 100 and header.startswith(_SQLITE_MAGIC):
        version = int.from_bytes(header[_USER_VERSION_OFFSET : _USER_VERSION_OFFSET + 4], "big")
        if version > schema.LATEST_VERSION:
            raise newer_error(path, version)


def health_problem(path: Path, busy_timeout_s: float) -> str | None:
    """Why the file at ``path`` cannot be used as it is, or None when it is healthy.

    Refuses (raises) a file from a newer version.  Reads only: a refused or healthy
    file is not modified.
    """
    _refuse_newer_by_header(path)
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_s
        )
    except sqlite3.Error as error:
        raise storage_error(error, "open the vocabulary", path) from error
    try:
        version = schema.schema_version(connection)
        if version > schema.LATEST_VERSION:
            raise newer_error(path, version)
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except NewerVocabularyError:
        raise
    except sqlite3.Error as error:
        name = getattr(error, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return str(error)
        if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            # A read-only look is not always possible (a crashed writer's WAL must be
            # recovered first); a normal connection does that without changing content.
            return _health_problem_writable(path, busy_timeout_s)
        raise storage_error(error, "open the vocabulary", path) from error
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return None


def _health_problem_writable(path: Path, busy_timeout_s: float) -> str | None:
    try:
        connection = sqlite3.connect(path, timeout=busy_timeout_s)
    except sqlite3.Error as error:
        raise storage_error(error, "open the vocabulary", path) from error
    try:
        version = schema.schema_version(connection)
        if version > schema.LATEST_VERSION:
            raise newer_error(path, version)
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as error:
        name = getattr(error, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return str(error)
        raise storage_error(error, "open the vocabulary", path) from error
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return None


def recover(path: Path, reason: str) -> RecoveryReport:
    """Move the damaged file (and its -wal/-shm) aside and put the newest intact backup back."""
    damaged_dir = path.parent / "damaged"
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    damaged = damaged_dir / f"{path.stem}-damaged-{stamp}{path.suffix}"
    backups_dir = backups_dir_for(path)
    try:
        damaged_dir.mkdir(parents=True, exist_ok=True)
        os.replace(path, damaged)
        for suffix in ("-wal", "-shm"):
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.replace(companion, Path(f"{damaged}{suffix}"))
        for backup in backups.list_backups(backups_dir):
            if not backups.is_intact(backup.path):
                continue
            partial = path.parent / f".{path.name}.{os.getpid()}.restoring"
            source = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                backups.copy_database(source, partial)
            finally:
                source.close()
            if backups.is_intact(partial):
                os.replace(partial, path)
                return RecoveryReport(damaged, backup.path, reason)
            partial.unlink()
    except (OSError, sqlite3.Error) as error:
        raise storage_error(error, "recover the damaged vocabulary", path) from error
    return RecoveryReport(damaged, None, reason)


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date, backing up first when the file already held data."""
    try:
        version = schema.schema_version(connection)
        if version > schema.LATEST_VERSION:
            raise newer_error(path, version)
        pending = schema.pending_migrations(connection)
        if not pending:
            return
        if schema.has_any_tables(connection):
            backups.write_backup(connection, backups_dir_for(path), BackupKind.BEFORE_MIGRATION)
        for migration in pending:
            schema.apply_migration(connection, migration)
    except sqlite3.Error as error:
        raise storage_error(error, "update the vocabulary file", path) from error
