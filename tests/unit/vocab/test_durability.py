"""The learner's words survive crashes, damage, full disks and a second running copy."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader import paths
from reader.vocab import backups, schema
from reader.vocab.backups import BackupKind
from reader.vocab.errors import (
    NewerVocabularyError,
    VocabularyLockedError,
    VocabularyStorageError,
)
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, Status, VocabWord

REPO_ROOT = Path(__file__).resolve().parents[3]


def _integrity(path: Path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()


def _fill(words: int, sentences: list[str]) -> None:
    with VocabularyStore.open() as store:
        for n in range(words):
            store.add(VocabWord(f"词{n}", "cí"), Context(sentences[n % len(sentences)], "A"))


# ------------------------------------------------------------------ crashes

_WRITER = textwrap.dedent(
    """
    import sys
    from reader.vocab.store import VocabularyStore
    from reader.vocab.word import Context, VocabWord
    first = int(sys.argv[2])
    store = VocabularyStore.open(sys.argv[1])
    for n in range(first, first + 100000):
        store.add(VocabWord(f"词{n}", "cí"), Context(f"第{n}句。", "crash test"))
        print(n, flush=True)
    """
)


@pytest.mark.slow
def test_every_add_reported_done_survives_sigkill(tmp_path):
    database = tmp_path / "vocabulary.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    reported: list[int] = []
    next_word = 0
    for round_number in range(20):
        writer = subprocess.Popen(
            [sys.executable, str(script), str(database), str(next_word)],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        assert writer.stdout is not None
        # Kill at a different point each round, in the middle of the stream of adds.
        for _ in range(5 + 7 * round_number % 23):
            line = writer.stdout.readline()
            assert line, "the writer stopped before it was killed"
            reported.append(int(line))
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        # Lines written after the last read are also done: the process printed them
        # only after their commit returned.
        reported.extend(int(line) for line in writer.stdout.read().split())
        writer.stdout.close()
        next_word = reported[-1] + 1
    assert _integrity(database) == [("ok",)]
    with VocabularyStore.open(database) as store:
        saved = {word.simplified for word in store.words()}
        assert store.recovery is None
    assert {f"词{n}" for n in reported} <= saved


# ------------------------------------------------------------------ damage


def _damage_test_setup(data_dir: Path, sentences: list[str]) -> Path:
    _fill(5, sentences)  # closing writes an automatic backup of these five words
    with VocabularyStore.open() as store:
        store.add(VocabWord("新词", "xīn cí"))  # in the file, not yet in a backup
        store._changed = False  # keep the close from backing this up: it is the loss case
    return paths.vocabulary_db()


def _assert_recovered_from_backup(store: VocabularyStore, damaged_bytes: bytes) -> None:
    report = store.recovery
    assert report is not None
    assert report.restored_from is not None and report.restored_from.parent == paths.backups_dir()
    assert report.damaged_path.read_bytes() == damaged_bytes  # kept, not overwritten
    assert str(report.damaged_path) in report.message
    assert store.count() == 5
    assert _integrity(store.path) == [("ok",)]


def test_garbage_in_the_file_is_moved_aside_and_the_backup_restored(data_dir, sentences):
    database = _damage_test_setup(data_dir, sentences)
    with open(database, "r+b") as file:
        file.seek(4096)
        file.write(os.urandom(8192))
    damaged = database.read_bytes()
    with VocabularyStore.open() as store:
        _assert_recovered_from_backup(store, damaged)


def test_a_file_that_is_not_a_database_is_moved_aside(data_dir, sentences):
    database = _damage_test_setup(data_dir, sentences)
    database.write_bytes(b"this is not SQLite" * 400)
    with VocabularyStore.open() as store:
        _assert_recovered_from_backup(store, b"this is not SQLite" * 400)


def test_a_truncated_file_is_moved_aside(data_dir, sentences):
    database = _damage_test_setup(data_dir, sentences)
    with open(database, "r+b") as file:
        file.truncate(database.stat().st_size // 3)
    damaged = database.read_bytes()
    with VocabularyStore.open() as store:
        _assert_recovered_from_backup(store, damaged)


def test_damage_without_any_backup_starts_empty_and_keeps_the_damaged_file(data_dir):
    database = paths.vocabulary_db()
    database.parent.mkdir(parents=True)
    database.write_bytes(b"\x00garbage" * 1000)
    with VocabularyStore.open() as store:
        assert store.recovery is not None and store.recovery.restored_from is None
        assert "empty vocabulary" in store.recovery.message
        assert store.recovery.damaged_path.read_bytes() == b"\x00garbage" * 1000
        assert store.count() == 0


def test_a_missing_wal_file_after_a_clean_close_loses_nothing(data_dir, sentences):
    _fill(30, sentences)
    wal = Path(f"{paths.vocabulary_db()}-wal")
    if wal.exists():
        wal.unlink()
    with VocabularyStore.open() as store:
        assert store.recovery is None
        assert store.count() == 30


def test_a_missing_wal_file_after_a_crash_loses_nothing_acknowledged(data_dir, sentences):
    _fill(10, sentences)
    store = VocabularyStore.open()
    store.add(VocabWord("未检查", "wèi jiǎn chá"))
    wal = Path(f"{store.path}-wal")
    store._connection.close()  # like a crash: no checkpoint on close, no backup
    if wal.exists():
        wal.unlink()
    with VocabularyStore.open() as reopened:
        assert reopened.recovery is None
        assert reopened.count() == 11  # each action is checkpointed into the main file
        assert _integrity(reopened.path) == [("ok",)]


# ------------------------------------------------------------------ the disk refuses


def test_a_read_only_database_gives_a_clear_error_and_loses_nothing(data_dir, sentences):
    # Tests run as root, for whom chmod does not stop writes; PRAGMA query_only makes
    # SQLite refuse writes with the same SQLITE_READONLY error a read-only file gives.
    _fill(3, sentences)
    with VocabularyStore.open() as store:
        store._connection.execute("PRAGMA query_only = ON")
        with pytest.raises(VocabularyStorageError, match="read-only"):
            store.add(VocabWord("不能写", "bù néng xiě"))
        store._connection.execute("PRAGMA query_only = OFF")
        assert store.count() == 3


def test_a_data_folder_that_cannot_be_created_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(VocabularyStorageError, match="Could not open the vocabulary"):
        VocabularyStore.open(blocker / "data" / "vocabulary.sqlite3")


def test_a_full_disk_gives_a_clear_error_and_the_action_is_not_half_done(data_dir, sentences):
    # max_page_count stops the file growing: SQLite then fails exactly as on a full
    # disk (SQLITE_FULL, "database or disk is full").
    _fill(3, sentences)
    with VocabularyStore.open() as store:
        pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
        store._connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(VocabularyStorageError, match="full"):
            for n in range(2000):
                store.add(
                    VocabWord(f"长词{n}", "cháng", definition="x" * 2000),
                    Context(sentences[n % len(sentences)], "full disk"),
                )
        added_before_full = store.count() - 3
        store._connection.execute("PRAGMA max_page_count = 1073741823")
        assert all(w.definition == "x" * 2000 for w in store.words() if w.simplified[0] == "长")
    with VocabularyStore.open() as store:
        assert store.count() == 3 + added_before_full
        assert _integrity(store.path) == [("ok",)]


def test_a_backup_that_cannot_be_written_leaves_old_backups_and_the_store_alone(
    data_dir, sentences, monkeypatch
):
    _fill(3, sentences)
    with VocabularyStore.open() as store:
        before = store.list_backups()

        def disk_full(*arguments, **keywords):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backups.os, "replace", disk_full)
        with pytest.raises(VocabularyStorageError, match="no space left on device"):
            store.backup()
        monkeypatch.undo()
        assert store.list_backups() == before
        assert not list(paths.backups_dir().glob(".*partial"))
        assert store.count() == 3


# ------------------------------------------------------------------ a second running copy


def test_a_second_copy_waits_and_then_reports_the_lock_clearly(data_dir):
    with VocabularyStore.open() as first:
        first.add(VocabWord("第一", "dì yī"))
        second = VocabularyStore.open(busy_timeout_s=0.2)
        try:
            first._connection.execute("BEGIN IMMEDIATE")  # first is in the middle of a write
            with pytest.raises(VocabularyLockedError, match="another running copy"):
                second.add(VocabWord("第二", "dì èr"))
            first._connection.execute("COMMIT")
            second.add(VocabWord("第二", "dì èr"))  # once free, the second copy can write
            assert first.count() == 2
        finally:
            second.close()


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    database = tmp_path / "vocabulary.sqlite3"
    VocabularyStore.open(database).close()
    script = tmp_path / "writer.py"
    script.write_text(
        _WRITER.replace("range(first, first + 100000)", "range(first, first + 150)"),
        encoding="utf-8",
    )
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(database), str(start)],
            stdout=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for start in (0, 1000)
    ]
    outputs = [writer.communicate(timeout=120)[0] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0]
    assert all(len(output.split()) == 150 for output in outputs)
    with VocabularyStore.open(database) as store:
        assert store.count() == 300
    assert _integrity(database) == [("ok",)]


# ------------------------------------------------------------------ versions and migrations


def test_a_file_from_a_newer_version_is_refused_and_left_byte_identical(data_dir, sentences):
    _fill(3, sentences)
    database = paths.vocabulary_db()
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {schema.LATEST_VERSION + 1}")
    connection.close()
    snapshot = {p.name: p.read_bytes() for p in database.parent.iterdir() if p.is_file()}
    backups_before = sorted(p.name for p in paths.backups_dir().iterdir())
    with pytest.raises(NewerVocabularyError, match="newer version"):
        VocabularyStore.open()
    assert {p.name: p.read_bytes() for p in database.parent.iterdir() if p.is_file()} == snapshot
    assert sorted(p.name for p in paths.backups_dir().iterdir()) == backups_before


def test_an_older_file_is_backed_up_then_migrated(data_dir, sentences):
    database = paths.vocabulary_db()
    database.parent.mkdir(parents=True)
    connection = sqlite3.connect(database, isolation_level=None)
    schema.apply_migration(connection, schema.available_migrations()[0])
    connection.execute(
        "INSERT INTO words (simplified, pinyin, status, created, updated) "
        "VALUES ('旧', 'jiù', 'known', '2020-01-01T00:00:00+00:00', "
        "'2020-01-01T00:00:00+00:00')"
    )
    connection.close()
    with VocabularyStore.open() as store:
        assert store.get("旧").status is Status.KNOWN
        kinds = [b.kind for b in store.list_backups()]
        applied = store._connection.execute(
            "SELECT version FROM schema_migrations ORDER BY version"
        ).fetchall()
    assert BackupKind.BEFORE_MIGRATION in kinds
    assert applied == [(m.version,) for m in schema.available_migrations()]
    (before_migration,) = [
        b
        for b in backups.list_backups(paths.backups_dir())
        if b.kind is BackupKind.BEFORE_MIGRATION
    ]
    old = sqlite3.connect(before_migration.path)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


# ------------------------------------------------------------------ backups


def test_only_the_last_ten_automatic_backups_are_kept_and_manual_ones_never_pruned(data_dir):
    with VocabularyStore.open() as store:
        store.add(VocabWord("备份", "bèi fèn"))
        manual = store.backup(manual=True)
        for _ in range(14):
            store.backup(manual=False)
        listed = store.list_backups()
    automatic = [b for b in listed if b.kind is BackupKind.AUTOMATIC]
    assert len(automatic) == 10
    assert manual.exists() and "manual" in manual.name


def test_restore_brings_back_a_backup_after_saving_the_current_state(data_dir):
    with VocabularyStore.open() as store:
        store.add(VocabWord("保留", "bǎo liú"))
        point = store.backup()
        store.add(VocabWord("后来", "hòu lái"))
        assert store.restore(point) == point
        assert [w.simplified for w in store.words()] == ["保留"]
        (before_restore,) = [b for b in store.list_backups() if b.kind is BackupKind.BEFORE_RESTORE]
        store.restore(before_restore.path)
        assert store.count() == 2


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(data_dir, tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"nope" * 100)
    with VocabularyStore.open() as store:
        store.add(VocabWord("在", "zài"))
        with pytest.raises(VocabularyStorageError, match="not an intact"):
            store.restore(bogus)
        assert store.count() == 1
