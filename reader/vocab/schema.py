"""Numbered schema migrations, applied in order and recorded in the database.

Each ``migrations/NNNN_name.sql`` file moves the schema from version NNNN-1 to
NNNN.  The version lives in ``PRAGMA user_version`` (cheap to read before
anything is touched) and every applied migration is also listed in the
``schema_migrations`` table with the time it ran, for anyone inspecting a file.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from reader.vocab.word import utc_now

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> tuple[Migration, ...]:
    """Every migration shipped with this version of the reader, oldest first."""
    folder = resources.files("reader.vocab") / "migrations"
    found: list[Migration] = []
    for item in folder.iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append(Migration(int(match[1]), match[2], item.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    expected = list(range(1, len(found) + 1))
    if [migration.version for migration in found] != expected:
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {found}")
    return tuple(found)


LATEST_VERSION = len(available_migrations())


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def has_any_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def pending_migrations(connection: sqlite3.Connection) -> tuple[Migration, ...]:
    current = schema_version(connection)
    return tuple(m for m in available_migrations() if m.version > current)


def apply_migration(connection: sqlite3.Connection, migration: Migration) -> None:
    """Run one migration in its own transaction: all of it happens, or none of it."""
    script = (
        "BEGIN IMMEDIATE;\n"
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL);\n"
        f"{migration.sql}\n;\n"
        f"INSERT INTO schema_migrations VALUES ({migration.version}, "
        f"'{migration.name}', '{utc_now().isoformat()}');\n"
        f"PRAGMA user_version = {migration.version};\n"
        "COMMIT;"
    )
    try:
        connection.executescript(script)
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
