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
import functools
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
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
from reader.vocab.word import Status, utc_now


@dataclass(frozen=True, slots=True)
class RecoveryReport:
    """What happened when the vocabulary file was found damaged on open."""

    damaged_path: Path | None  # where the damaged file was kept for inspection (None: missing)
    restored_from: Path | None  # the backup now in use, or None when none was intact
    reason: str

    @property
    def message(self) -> str:
        if self.restored_from is not None:
            outcome = f"the backup {self.restored_from.name} was restored"
        else:
            outcome = "no intact backup was found, so an empty vocabulary was started"
        if self.damaged_path is None:
            return f"The vocabulary file was damaged ({self.reason}); {outcome}"
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
        return _problem_seen_by(f"{path.resolve().as_uri()}?mode=ro", path, busy_timeout_s)
    except sqlite3.Error as error:
        # A read-only look is not always possible (a crashed writer's WAL must be
        # recovered first); a normal connection does that without changing content.
        if not _error_name(error).startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            raise storage_error(error, "open the vocabulary", path) from error
    try:
        return _problem_seen_by(str(path), path, busy_timeout_s)
    except sqlite3.Error as error:
        raise storage_error(error, "open the vocabulary", path) from error


def _error_name(error: sqlite3.Error) -> str:
    return getattr(error, "sqlite_errorname", "") or ""


def _problem_seen_by(database: str, path: Path, busy_timeout_s: float) -> str | None:
    """``health_problem`` through one connection; raises sqlite3.Error other than damage."""
    connection = sqlite3.connect(database, uri=database.startswith("file:"), timeout=busy_timeout_s)
    try:
        version = schema.schema_version(connection)
        if version > schema.LATEST_VERSION:
            raise newer_error(path, version)
        rows = connection.execute("PRAGMA quick_check").fetchall()
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    except sqlite3.Error as error:
        if _error_name(error).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
            return str(error)
        raise
    finally:
        connection.close()
    if rows != [("ok",)]:
        return "; ".join(str(row[0]) for row in rows[:3])
    # Migrating another program's database would mix our tables into it (or fail on a
    # table of the same name, for every later command): it is not this vocabulary.
    if version == 0 and tables:
        return "it is another program's database, not a vocabulary"
    if version > 0 and "words" not in tables:
        return "its table of words is missing"
    return None


def lost_words_problem(path: Path) -> str | None:
    """Why a missing or empty vocabulary file is a loss rather than a first start, or None.

    SQLite takes a 0-byte file for a valid empty database, so an emptied file would
    otherwise pass every check and start an empty vocabulary; it is a loss (a sync
    tool or a full disk did it) when a backup shows the learner once had words.
    """
    if path.exists():
        if path.stat().st_size > 0 and _has_any_tables(path):
            return None
        state = "empty"
    else:
        state = "missing"
    if not any(backups.holds_words(b.path) for b in backups.list_backups(backups_dir_for(path))):
        return None
    return f"the file was {state} although the backups hold words"


def _has_any_tables(path: Path) -> bool:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return schema.has_any_tables(connection)
    except sqlite3.Error:
        return True  # unreadable: health_problem decides what it is
    finally:
        connection.close()


def recover(path: Path, reason: str) -> RecoveryReport:
    """Move the damaged file (and its -wal/-shm) aside and put the newest good backup back.

    The newest intact backup that holds words is preferred over a newer empty one: an
    empty backup is more likely the product of the damage than the learner's choice.
    """
    damaged_dir = path.parent / "damaged"
    stamp = utc_now().strftime("%Y%m%dT%H%M%S%fZ")
    damaged: Path | None = damaged_dir / f"{path.stem}-damaged-{stamp}{path.suffix}"
    backups_dir = backups_dir_for(path)
    try:
        if path.exists():
            assert damaged is not None
            damaged_dir.mkdir(parents=True, exist_ok=True)
            os.replace(path, damaged)
            for suffix in ("-wal", "-shm"):
                companion = Path(f"{path}{suffix}")
                if companion.exists():
                    os.replace(companion, Path(f"{damaged}{suffix}"))
        else:
            damaged = None
        intact = [b for b in backups.list_backups(backups_dir) if backups.is_intact(b.path)]
        intact.sort(key=lambda backup: not backups.holds_words(backup.path))  # stable
        for backup in intact:
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


def checked_restore_copy(source: Path, folder: Path) -> Path:
    """A copy of the backup ``source`` in ``folder``, brought up to date and checked whole.

    The copy is what gets restored, so nothing reaches the live file unchecked: the
    header, ``integrity_check``, the schema version, every table and column against
    what this version's migrations build, and every word's status and dates.  Raises
    VocabularyStorageError (or NewerVocabularyError) saying why the candidate was
    refused; the copy is then deleted and nothing else is touched.
    """
    if not backups.is_intact(source):
        raise VocabularyStorageError(
            f"{source} is not an intact vocabulary backup; nothing was changed"
        )
    copy = folder / f".restore-candidate-{os.getpid()}.sqlite3"
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            backups.copy_database(reader, copy)
        finally:
            reader.close()
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            problem = _restore_problem(connection, source)
        finally:
            connection.close()
    except sqlite3.Error as error:
        copy.unlink(missing_ok=True)
        problem = f"it cannot be read ({error})"
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    if problem is not None:
        copy.unlink(missing_ok=True)
        raise VocabularyStorageError(
            f"{source.name} cannot be restored: {problem}; nothing was changed"
        )
    return copy


def _restore_problem(connection: sqlite3.Connection, source: Path) -> str | None:
    version = schema.schema_version(connection)
    if version > schema.LATEST_VERSION:
        raise NewerVocabularyError(
            f"{source.name} was made by a newer version of the reader; "
            "update the reader to restore it"
        )
    if version == 0:
        return "it has no vocabulary schema version (another program's file, or an edited one)"
    for migration in schema.pending_migrations(connection):
        schema.apply_migration(connection, migration)
    if _columns(connection) != _expected_columns():
        return "its tables are not those of a vocabulary"
    statuses = {status.value for status in Status}
    for simplified, status, created, updated in connection.execute(
        "SELECT simplified, status, created, updated FROM words"
    ):
        if not isinstance(simplified, str) or not simplified.strip():
            return "a word has no characters"
        if status not in statuses:
            return f"the word {simplified} has an unknown status {status!r}"
        for moment in (created, updated):
            if not _is_utc_time(moment):
                return f"the word {simplified} has an unreadable date {str(moment)[:40]!r}"
    return None


def _is_utc_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.tzinfo is not None


def _columns(connection: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: [
            (row[1], row[2].upper()) for row in connection.execute(f"PRAGMA table_info('{table}')")
        ]
        for table in tables
    }


@functools.cache
def _expected_columns() -> dict[str, list[tuple[str, str]]]:
    """Every table and column this version's migrations build, in a scratch database."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in schema.available_migrations():
            schema.apply_migration(connection, migration)
        return _columns(connection)
    finally:
        connection.close()


def is_read_only(path: Path) -> bool:
    """Whether the vocabulary at ``path`` exists but cannot be written (file or folder).

    A read-only file system, a folder without write permission and ``chattr +i`` all
    count; such a vocabulary is opened for reading only instead of failing.
    """
    if not path.is_file():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def connect_read_only(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    """A connection that only reads ``path``, checked whole first.

    SQLite needs to create a -shm file beside a WAL database even to read it; where
    it cannot (the folder is read-only) the file is opened as immutable, which is
    exact because nothing can write to it either.
    """
    _refuse_newer_by_header(path)
    uri = path.resolve().as_uri()
    damaged = DamagedVocabularyError(
        f"The vocabulary file {path} is damaged and read-only, so it cannot be "
        "repaired from a backup; make its folder writable and start again"
    )
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            connection = sqlite3.connect(
                f"{uri}?{options}", uri=True, timeout=busy_timeout_s, isolation_level=None
            )
            rows = connection.execute("PRAGMA quick_check").fetchall()
        except sqlite3.Error as error:
            if _error_name(error).startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
                raise damaged from error
            continue
        if rows != [("ok",)]:
            connection.close()
            raise damaged
        if schema.schema_version(connection) != schema.LATEST_VERSION:
            connection.close()
            raise VocabularyStorageError(
                f"{path} needs an update to this version of the reader but is read-only; "
                "make it writable and start again"
            )
        return connection
    raise VocabularyStorageError(
        f"Could not open {path}: it is read-only and SQLite cannot read it"
    )
