"""The learner's vocabulary, kept in SQLite so that months of work are never lost.

The file's life (opening, checking, recovering, migrating) is in ``store_file``.
Durability choices of the word store:

* One transaction per user action (``BEGIN IMMEDIATE`` … ``COMMIT``): an action is
  saved whole or not at all, and a second running copy waits for the first
  (``busy_timeout``) instead of interleaving half-done changes.
* A checkpoint after every action: the WAL never holds the only copy of a word.
* ``VocabularyStore.recovery`` says what happened when a damaged file was replaced.
* Automatic backups on open (when the file changed since the last one) and on
  close (when this session changed something); a backup before every restore.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader import paths
from reader.vocab import backups, store_file
from reader.vocab.backups import Backup, BackupKind
from reader.vocab.errors import (
    AmbiguousWordError,
    InvalidWordError,
    UnknownWordError,
    VocabularyStorageError,
)
from reader.vocab.store_file import RecoveryReport
from reader.vocab.word import (
    Context,
    Status,
    VocabWord,
    WordFilter,
    WordKey,
    WordState,
    clean_tags,
    merge_words,
    one_line,
    utc_now,
    word_problem,
)

if TYPE_CHECKING:
    from reader.vocab.importing import ImportPlan

DEFAULT_BUSY_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    added: int
    merged: int


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


class ListedWord(NamedTuple):
    """One word as the vocabulary table lists it: only what the table shows, nothing parsed.

    A named tuple rather than a dataclass because the table lists 50,000 of these
    and a tuple is built several times faster; dates stay ISO 8601 text (UTC, fixed
    width, so they sort chronologically as text) and are formatted only when shown.
    """

    id: int
    simplified: str
    pinyin: str
    traditional: str
    definition: str
    note: str
    status: str  # a ``Status`` value
    created: str  # ISO 8601, UTC, microseconds
    tags: tuple[str, ...]
    articles: tuple[str, ...]  # titles of the articles it was saved from, in saved order


_LISTING_CHUNK = 900  # ids per query: well under SQLite's limit on bound parameters

_WORD_COLUMNS = (
    "id, simplified, pinyin, traditional, definition, note, status, hsk, created, updated"
)


class VocabularyStore:
    """The vocabulary file, open.  Use ``VocabularyStore.open()``, ideally in a ``with``.

    Words are addressed by ``WordKey`` (characters + reading) or by the characters
    alone when only one reading is saved.  Every method that changes something is
    one transaction and either completes or raises a ``VocabularyError`` with
    nothing changed.
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        recovery: RecoveryReport | None,
        read_only: bool = False,
    ) -> None:
        self._connection = connection
        self.path = path
        self.recovery = recovery
        # The file or its folder cannot be written: words can be read, every change is
        # refused with a message saying why.
        self.read_only = read_only
        # Backups that could not be written although the words were saved: worth a warning,
        # not a failure of the action.
        self.warnings: list[str] = []
        self._changed = False

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    ) -> VocabularyStore:
        """Open (creating, migrating or recovering as needed) the vocabulary file.

        ``path`` defaults to ``reader.paths.vocabulary_db()``; backups go to
        ``backups/`` beside it.  Raises NewerVocabularyError (file untouched),
        VocabularyLockedError or VocabularyStorageError.
        """
        db_path = Path(path).resolve() if path is not None else paths.vocabulary_db()
        if store_file.is_read_only(db_path):
            return cls(store_file.connect_read_only(db_path, busy_timeout_s), db_path, None, True)
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise store_file.storage_error(error, "open the vocabulary", db_path) from error
        recovery = None
        problem = None
        if db_path.exists():
            problem = store_file.health_problem(db_path, busy_timeout_s)
        if problem is None:
            problem = store_file.lost_words_problem(db_path)
        if problem is not None:
            recovery = store_file.recover(db_path, problem)
        connection = store_file.connect(db_path, busy_timeout_s)
        try:
            store_file.migrate(connection, db_path)
        except BaseException:
            connection.close()
            raise
        store = cls(connection, db_path, recovery)
        try:
            store._backup_on_open()
        except VocabularyStorageError as error:  # the words are safe; say so and go on
            store.warnings.append(str(error))
        return store

    def __enter__(self) -> VocabularyStore:
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        if exc is None:
            self.close()
        else:
            with contextlib.suppress(Exception):
                self.close()

    def close(self) -> None:
        """Checkpoint, back up if this session changed anything, and close."""
        if self._connection is None:
            return
        connection = self._connection
        try:
            if not self.read_only:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if self._changed:
                self._changed = False
                try:
                    backups.write_backup(connection, self.backups_dir, BackupKind.AUTOMATIC)
                except VocabularyStorageError as error:  # the words are saved all the same
                    self.warnings.append(str(error))
        finally:
            connection.close()
            self._connection = None  # type: ignore[assignment]

    @property
    def backups_dir(self) -> Path:
        return store_file.backups_dir_for(self.path)

    # ----------------------------------------------------------------- reading

    def count(self) -> int:
        return int(self._read("count the vocabulary", "SELECT count(*) FROM words")[0][0])

    def get(self, simplified: str, pinyin: str | None = None) -> VocabWord | None:
        """The saved word, or None.  Without ``pinyin`` the characters must be saved once.

        Raises AmbiguousWordError when ``pinyin`` is None and several readings are saved.
        """
        if pinyin is not None:
            rows = self._read(
                "look up a word",
                f"SELECT {_WORD_COLUMNS} FROM words WHERE simplified = ? AND pinyin = ?",
                (simplified, pinyin),
            )
        else:
            rows = self._read(
                "look up a word",
                f"SELECT {_WORD_COLUMNS} FROM words WHERE simplified = ?",
                (simplified,),
            )
            if len(rows) > 1:
                raise _ambiguous(simplified, [row[2] for row in rows])
        return self._assemble(rows)[0] if rows else None

    def readings(self, simplified: str) -> list[VocabWord]:
        """Every saved reading of these characters (行 háng and 行 xíng), oldest first."""
        rows = self._read(
            "look up a word",
            f"SELECT {_WORD_COLUMNS} FROM words WHERE simplified = ? ORDER BY created",
            (simplified,),
        )
        return self._assemble(rows)

    def words(self, word_filter: WordFilter | None = None) -> list[VocabWord]:
        """Saved words matching the filter, oldest first."""
        where, parameters = _where(word_filter or WordFilter())
        rows = self._read(
            "list the vocabulary",
            f"SELECT {_WORD_COLUMNS} FROM words {where} ORDER BY created, id",
            parameters,
        )
        return self._assemble(rows, where, parameters)

    def statuses(self) -> dict[str, Status]:
        """Characters -> status, for colouring an article.

        When the characters are saved with several readings, the reading the learner
        changed most recently decides.
        """
        rows = self._read(
            "read word statuses", "SELECT simplified, status FROM words ORDER BY updated"
        )
        by_value = {status.value: status for status in Status}
        return {simplified: by_value[status] for simplified, status in rows}

    def statuses_of(self, simplified: Iterable[str]) -> dict[str, Status]:
        """``statuses()`` for just these characters (unsaved ones are left out)."""
        wanted = list(dict.fromkeys(simplified))
        found: dict[str, Status] = {}
        for start in range(0, len(wanted), _LISTING_CHUNK):
            chunk = wanted[start : start + _LISTING_CHUNK]
            rows = self._read(
                "read word statuses",
                f"SELECT simplified, status FROM words WHERE simplified IN "
                f"({','.join('?' * len(chunk))}) ORDER BY updated",
                tuple(chunk),
            )
            found.update((characters, Status(status)) for characters, status in rows)
        return found

    # ----------------------------------------------------------------- listing
    # The vocabulary table shows tens of thousands of words; building a VocabWord
    # for each (contexts, parsed dates) costs about a second.  These read only
    # what the table needs, as plain values, so it can show the first rows at once
    # and fill in the rest a chunk at a time.

    def listing_order(self) -> tuple[list[int], list[str]]:
        """Every word's id and creation time (ISO 8601 text), oldest first (ties by id).

        Read as two concatenated strings in id order and sorted here: fetching 50,000
        one-row results, or letting SQLite sort them, costs several times more.
        """
        rows = self._read(
            "list the vocabulary",
            "SELECT count(*), group_concat(id, ' '), group_concat(created, ' ') "
            "FROM (SELECT id, created FROM words ORDER BY id)",
        )
        count, joined_ids, joined_created = rows[0]
        if not count:
            return [], []
        ids = list(map(int, joined_ids.split(" ")))
        created = joined_created.split(" ")
        if len(created) != count:  # _iso writes no spaces, but a hand-edited file might
            rows = self._read("list the vocabulary", "SELECT id, created FROM words ORDER BY id")
            ids, created = [row[0] for row in rows], [row[1] for row in rows]
        order = sorted(range(count), key=created.__getitem__)  # stable: ties stay in id order
        return [ids[i] for i in order], [created[i] for i in order]

    def listing_rows(self, ids: Iterable[int]) -> list[ListedWord]:
        """The listed fields of the words with these ids, in id order; unknown ids are skipped."""
        wanted = sorted(set(ids))
        listed: list[ListedWord] = []
        for start in range(0, len(wanted), _LISTING_CHUNK):
            chunk = tuple(wanted[start : start + _LISTING_CHUNK])
            marks = ",".join("?" * len(chunk))
            # Typed so ``ListedWord(*row, ...)`` below is checked against the selected columns.
            rows: list[tuple[int, str, str, str, str, str, str, str]] = self._read(
                "list the vocabulary",
                "SELECT id, simplified, pinyin, traditional, definition, note, status, created "
                f"FROM words WHERE id IN ({marks}) ORDER BY id",
                chunk,
            )
            tags = _grouped_by_word(
                self._read(
                    "list the vocabulary",
                    f"SELECT word_id, tag FROM word_tags WHERE word_id IN ({marks}) "
                    "ORDER BY word_id, position",
                    chunk,
                )
            )
            titles = _grouped_by_word(
                self._read(
                    "list the vocabulary",
                    # (word_id, article_title) is the key: titles are already distinct per word.
                    f"SELECT word_id, article_title FROM contexts WHERE word_id IN ({marks}) "
                    "AND article_title != '' ORDER BY word_id, position",
                    chunk,
                )
            )
            listed.extend(
                ListedWord(*row, tags.get(row[0], ()), titles.get(row[0], ())) for row in rows
            )
        return listed

    def tag_names(self) -> list[str]:
        """Every tag some word has, sorted."""
        rows = self._read("list the tags", "SELECT DISTINCT tag FROM word_tags ORDER BY tag")
        return [row[0] for row in rows]

    def article_titles(self) -> list[str]:
        """The title of every article some word was saved from, sorted."""
        rows = self._read(
            "list the articles",
            "SELECT DISTINCT article_title FROM contexts WHERE article_title != '' "
            "ORDER BY article_title",
        )
        return [row[0] for row in rows]

    # ----------------------------------------------------------------- writing

    def add(self, word: VocabWord, context: Context | None = None) -> VocabWord:
        """Save a word, or merge it into the saved word with the same key.

        Merging adds the context if its article is new, adds tags, fills fields that
        were empty and takes the incoming status unless it is NEW; nothing the
        learner wrote is overwritten.  A word with its own ``created``/``updated``
        (e.g. one returned by ``remove``) is saved with those times, for undo.
        """
        incoming = _normalised(word, context)
        with self._write(f"save {incoming.key}") as connection:
            return self._save_merged(connection, incoming, utc_now())

    def set_status(self, key: WordKey | str, status: Status) -> VocabWord:
        with self._write(f"change the status of {key}") as connection:
            word = self._load(connection, self._resolve(connection, key))
            if word.status is status:
                return word
            changed = replace(word, status=status, updated=utc_now())
            self._write_word(connection, changed)
            return changed

    def update(
        self,
        key: WordKey | str,
        *,
        definition: str | None = None,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        traditional: str | None = None,
        hsk: int | None = None,
    ) -> VocabWord:
        """Change the given fields (None leaves a field as it is); returns the new word."""
        with self._write(f"edit {key}") as connection:
            word = self._load(connection, self._resolve(connection, key))
            changed = replace(
                word,
                definition=word.definition if definition is None else definition.strip(),
                note=word.note if note is None else note.strip(),
                tags=word.tags if tags is None else clean_tags(list(tags)),
                traditional=word.traditional if traditional is None else one_line(traditional),
                hsk=word.hsk if hsk is None else hsk,
            )
            if changed == word:
                return word
            changed = replace(changed, updated=utc_now())
            self._write_word(connection, changed)
            return changed

    def remove(self, key: WordKey | str) -> VocabWord:
        """Delete a word; returns it whole so ``add`` can put it back exactly."""
        with self._write(f"remove {key}") as connection:
            word_id = self._resolve(connection, key)
            word = self._load(connection, word_id)
            connection.execute("DELETE FROM words WHERE id = ?", (word_id,))
            return word

    def mark_known(self, words: Iterable[str | WordKey]) -> list[WordState]:
        """Mark every given word known in one transaction; returns the states before.

        Characters given as a plain string mark every saved reading; unsaved words are
        saved as known (without a reading when none was given).  Words already known
        or ignored are left alone.  ``restore_states`` undoes the change.
        """
        keys = list(
            dict.fromkeys(item if isinstance(item, WordKey) else WordKey(item) for item in words)
        )
        now = utc_now()
        previous: list[WordState] = []
        with self._write("mark words as known") as connection:
            saved: dict[str, list[tuple[int, str, str, str]]] = {}
            characters = list({key.simplified for key in keys})
            for start in range(0, len(characters), 500):
                chunk = characters[start : start + 500]
                for row in connection.execute(
                    "SELECT id, simplified, pinyin, status, updated FROM words "
                    f"WHERE simplified IN ({','.join('?' * len(chunk))})",
                    chunk,
                ):
                    saved.setdefault(row[1], []).append((row[0], row[2], row[3], row[4]))
            to_update: list[int] = []
            to_insert: list[WordKey] = []
            for key in keys:
                readings = [
                    r for r in saved.get(key.simplified, []) if not key.pinyin or r[1] == key.pinyin
                ]
                if not readings:
                    previous.append(WordState(key, None, None))
                    to_insert.append(key)
                for word_id, pinyin, status, updated in readings:
                    if status in (Status.KNOWN.value, Status.IGNORED.value):
                        continue
                    previous.append(
                        WordState(
                            WordKey(key.simplified, pinyin), Status(status), _from_iso(updated)
                        )
                    )
                    to_update.append(word_id)
            stamp = _iso(now)
            connection.executemany(
                "UPDATE words SET status = 'known', updated = ? WHERE id = ?",
                [(stamp, word_id) for word_id in to_update],
            )
            connection.executemany(
                "INSERT INTO words (simplified, pinyin, status, created, updated) "
                "VALUES (?, ?, 'known', ?, ?)",
                [(key.simplified, key.pinyin, stamp, stamp) for key in to_insert],
            )
        return previous

    def restore_states(self, states: Iterable[WordState]) -> None:
        """Undo ``mark_known``: put each word back as it was (removing ones it added)."""
        with self._write("undo the change") as connection:
            for state in states:
                if state.status is None:
                    connection.execute(
                        "DELETE FROM words WHERE simplified = ? AND pinyin = ?",
                        (state.key.simplified, state.key.pinyin),
                    )
                else:
                    connection.execute(
                        "UPDATE words SET status = ?, updated = ? "
                        "WHERE simplified = ? AND pinyin = ?",
                        (
                            state.status.value,
                            _iso(state.updated or utc_now()),
                            state.key.simplified,
                            state.key.pinyin,
                        ),
                    )

    def import_preview(self, plan: ImportPlan) -> ImportOutcome:
        """How many of the plan's words would be added and how many merged; writes nothing."""
        merged = sum(1 for word in plan.good if self._existing_id_for_read(word) is not None)
        return ImportOutcome(added=len(plan.good) - merged, merged=merged)

    def apply_import(self, plan: ImportPlan) -> ImportOutcome:
        """Merge every good word of the plan in one transaction (all or nothing)."""
        now = utc_now()
        added = merged = 0
        with self._write(f"import {plan.source.name}") as connection:
            for word in plan.good:
                if self._existing_id(connection, word.key) is None:
                    added += 1
                else:
                    merged += 1
                self._save_merged(connection, _normalised(word, None), now)
        return ImportOutcome(added=added, merged=merged)

    # ----------------------------------------------------------------- backups

    def backup(self, manual: bool = True) -> Path:
        """Write a checked backup now; manual ones are never deleted by the program."""
        kind = BackupKind.MANUAL if manual else BackupKind.AUTOMATIC
        return backups.write_backup(self._connection, self.backups_dir, kind)

    def list_backups(self) -> list[Backup]:
        """Finished backups, newest first."""
        return backups.list_backups(self.backups_dir)

    def restore(self, backup_path: str | os.PathLike[str] | None = None) -> Path:
        """Replace the vocabulary with a backup (the newest intact one by default).

        The current vocabulary is backed up first (``before-restore``), so a restore
        can itself be undone.  Returns the backup restored.
        """
        if backup_path is None:
            candidates = [b.path for b in self.list_backups()]
            if not candidates:
                raise VocabularyStorageError(f"There is no backup in {self.backups_dir}")
        else:
            candidates = [Path(backup_path)]
            if not candidates[0].is_file():
                raise VocabularyStorageError(f"There is no backup file {candidates[0]}")
        checked, source_path = self._first_restorable(candidates)
        try:
            backups.write_backup(self._connection, self.backups_dir, BackupKind.BEFORE_RESTORE)
            source = sqlite3.connect(f"{checked.resolve().as_uri()}?mode=ro", uri=True)
            try:
                source.backup(self._connection)
            except sqlite3.Error as error:
                raise store_file.storage_error(error, "restore the backup", self.path) from error
            finally:
                source.close()
        finally:
            checked.unlink(missing_ok=True)
        store_file.migrate(self._connection, self.path)
        self._changed = True
        return source_path

    def _first_restorable(self, candidates: list[Path]) -> tuple[Path, Path]:
        """(checked copy, its source) for the first candidate that passes every check.

        When none passes, the reason the first one was refused is raised.
        """
        refusals: list[VocabularyStorageError] = []
        for candidate in candidates:
            try:
                return store_file.checked_restore_copy(candidate, self.path.parent), candidate
            except VocabularyStorageError as error:
                refusals.append(error)
        raise refusals[0]

    # ----------------------------------------------------------------- internals

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        connection = self._connection
        if self.read_only:
            raise VocabularyStorageError(
                f"Could not {action}: {self.path} or its folder is read-only "
                "(nothing already saved was lost)"
            )
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise store_file.storage_error(error, action, self.path) from error
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            if isinstance(error, (sqlite3.Error, OSError)):
                raise store_file.storage_error(error, action, self.path) from error
            raise
        self._changed = True
        # Copy the action into the main file and empty the WAL, so the WAL never holds
        # the only copy of an acknowledged word: a damaged or deleted WAL (a crash, a
        # sync tool) then loses nothing.  If another copy of the reader is reading, the
        # checkpoint waits up to the busy timeout and may stay partial; the action is
        # still committed and durable in the WAL, as it was before this step.
        with contextlib.suppress(sqlite3.Error):
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    def _read(self, action: str, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise store_file.storage_error(error, action, self.path) from error

    def _existing_id(self, connection: sqlite3.Connection, key: WordKey) -> int | None:
        """The row a word with this key would merge into (a reading-less twin counts)."""
        row = connection.execute(
            "SELECT id FROM words WHERE simplified = ? AND pinyin = ?",
            (key.simplified, key.pinyin),
        ).fetchone()
        if row is None and key.pinyin:
            row = connection.execute(
                "SELECT id FROM words WHERE simplified = ? AND pinyin = ''", (key.simplified,)
            ).fetchone()
        return None if row is None else int(row[0])

    def _existing_id_for_read(self, word: VocabWord) -> int | None:
        try:
            return self._existing_id(self._connection, word.key)
        except sqlite3.Error as error:
            raise store_file.storage_error(error, "preview the import", self.path) from error

    def _save_merged(
        self, connection: sqlite3.Connection, incoming: VocabWord, now: datetime
    ) -> VocabWord:
        word_id = self._existing_id(connection, incoming.key)
        if word_id is None:
            return self._insert(connection, incoming, now)
        saved = self._load(connection, word_id)
        merged = merge_words(saved, incoming)
        if merged == saved:
            return saved
        merged = replace(merged, updated=now)
        self._write_word(connection, merged, word_id)
        return merged

    def _insert(self, connection: sqlite3.Connection, word: VocabWord, now: datetime) -> VocabWord:
        word = replace(word, created=word.created or now, updated=word.updated or now)
        assert word.created is not None and word.updated is not None
        cursor = connection.execute(
            "INSERT INTO words (simplified, pinyin, traditional, definition, note, status, "
            "hsk, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                word.simplified,
                word.pinyin,
                word.traditional,
                word.definition,
                word.note,
                word.status.value,
                word.hsk,
                _iso(word.created),
                _iso(word.updated),
            ),
        )
        self._write_children(connection, int(cursor.lastrowid or 0), word)
        return word

    def _write_word(
        self, connection: sqlite3.Connection, word: VocabWord, word_id: int | None = None
    ) -> None:
        if word_id is None:
            word_id = self._resolve(connection, word.key)
        assert word.created is not None and word.updated is not None
        connection.execute(
            "UPDATE words SET pinyin = ?, traditional = ?, definition = ?, note = ?, "
            "status = ?, hsk = ?, created = ?, updated = ? WHERE id = ?",
            (
                word.pinyin,
                word.traditional,
                word.definition,
                word.note,
                word.status.value,
                word.hsk,
                _iso(word.created),
                _iso(word.updated),
                word_id,
            ),
        )
        connection.execute("DELETE FROM word_tags WHERE word_id = ?", (word_id,))
        connection.execute("DELETE FROM contexts WHERE word_id = ?", (word_id,))
        self._write_children(connection, word_id, word)

    @staticmethod
    def _write_children(connection: sqlite3.Connection, word_id: int, word: VocabWord) -> None:
        connection.executemany(
            "INSERT INTO word_tags (word_id, position, tag) VALUES (?, ?, ?)",
            [(word_id, position, tag) for position, tag in enumerate(word.tags)],
        )
        connection.executemany(
            "INSERT INTO contexts (word_id, position, sentence, article_title) VALUES (?, ?, ?, ?)",
            [
                (word_id, position, c.sentence, c.article_title)
                for position, c in enumerate(word.contexts)
            ],
        )

    def _resolve(self, connection: sqlite3.Connection, key: WordKey | str) -> int:
        key = key if isinstance(key, WordKey) else WordKey(key)
        row = connection.execute(
            "SELECT id FROM words WHERE simplified = ? AND pinyin = ?",
            (key.simplified, key.pinyin),
        ).fetchone()
        if row is not None:
            return int(row[0])
        if key.pinyin:
            raise UnknownWordError(f"{key} is not in the vocabulary")
        rows = connection.execute(
            "SELECT id, pinyin FROM words WHERE simplified = ?", (key.simplified,)
        ).fetchall()
        if not rows:
            raise UnknownWordError(f"{key.simplified} is not in the vocabulary")
        if len(rows) > 1:
            raise _ambiguous(key.simplified, [pinyin for _, pinyin in rows])
        return int(rows[0][0])

    def _load(self, connection: sqlite3.Connection, word_id: int) -> VocabWord:
        rows = connection.execute(
            f"SELECT {_WORD_COLUMNS} FROM words WHERE id = ?", (word_id,)
        ).fetchall()
        return self._assemble(rows, "WHERE id = ?", (word_id,), connection)[0]

    def _assemble(
        self,
        rows: list[tuple],
        where: str | None = None,
        parameters: tuple[object, ...] = (),
        connection: sqlite3.Connection | None = None,
    ) -> list[VocabWord]:
        """Build words from ``words`` rows, fetching tags and contexts in two queries."""
        if not rows:
            return []
        connection = connection or self._connection
        if where is None:
            where = f"WHERE id IN ({','.join('?' * len(rows))})"
            parameters = tuple(row[0] for row in rows)
        subquery = f"SELECT id FROM words {where}"
        contexts: dict[int, list[Context]] = {}
        try:
            tags = _grouped_by_word(
                connection.execute(
                    f"SELECT word_id, tag FROM word_tags WHERE word_id IN ({subquery}) "
                    "ORDER BY word_id, position",
                    parameters,
                )
            )
            for word_id, sentence, title in connection.execute(
                f"SELECT word_id, sentence, article_title FROM contexts "
                f"WHERE word_id IN ({subquery}) ORDER BY word_id, position",
                parameters,
            ):
                contexts.setdefault(word_id, []).append(Context(sentence, title))
        except sqlite3.Error as error:
            raise store_file.storage_error(error, "read the vocabulary", self.path) from error
        return [
            VocabWord(
                simplified=simplified,
                pinyin=pinyin,
                traditional=traditional,
                definition=definition,
                note=note,
                status=Status(status),
                tags=tags.get(word_id, ()),
                contexts=tuple(contexts.get(word_id, ())),
                hsk=hsk,
                created=_from_iso(created),
                updated=_from_iso(updated),
            )
            for (
                word_id,
                simplified,
                pinyin,
                traditional,
                definition,
                note,
                status,
                hsk,
                created,
                updated,
            ) in rows
        ]

    def _backup_on_open(self) -> None:
        """Back up when the file changed since the newest automatic backup."""
        if self.count() == 0:
            return
        automatic = [b for b in self.list_backups() if b.kind is BackupKind.AUTOMATIC]
        if automatic:
            newest = automatic[0].path.stat().st_mtime
            changed = self.path.stat().st_mtime
            wal = Path(f"{self.path}-wal")
            # An empty WAL is created by every open; only one holding pages is a change.
            if wal.exists() and wal.stat().st_size > 0:
                changed = max(changed, wal.stat().st_mtime)
            if newest >= changed:
                return
        backups.write_backup(self._connection, self.backups_dir, BackupKind.AUTOMATIC)


def _grouped_by_word(rows: Iterable[tuple[int, str]]) -> dict[int, tuple[str, ...]]:
    """The values of ``(word_id, value)`` rows gathered per word, in row order."""
    grouped: dict[int, list[str]] = {}
    for word_id, value in rows:
        grouped.setdefault(word_id, []).append(value)
    return {word_id: tuple(values) for word_id, values in grouped.items()}


def _normalised(word: VocabWord, context: Context | None) -> VocabWord:
    simplified = one_line(word.simplified)
    if not simplified:
        raise VocabularyStorageError("A word needs its characters; nothing was saved")
    contexts: list[Context] = []
    seen: set[str] = set()
    for item in (*word.contexts, *((context,) if context else ())):
        tidy = Context(one_line(item.sentence), one_line(item.article_title))
        if tidy.sentence and tidy.article_title not in seen:
            seen.add(tidy.article_title)
            contexts.append(tidy)
    traditional = one_line(word.traditional)
    normalised = replace(
        word,
        simplified=simplified,
        pinyin=one_line(word.pinyin),
        traditional="" if traditional == simplified else traditional,
        definition=word.definition.strip(),
        note=word.note.strip(),
        tags=clean_tags(word.tags),
        contexts=tuple(contexts),
        status=Status(word.status),
    )
    problem = word_problem(normalised)
    if problem is not None:
        raise InvalidWordError(f"{problem}; nothing was saved")
    return normalised


def _ambiguous(simplified: str, readings: list[str]) -> AmbiguousWordError:
    listed = ", ".join(sorted(r or "(no reading)" for r in readings))
    return AmbiguousWordError(
        f"{simplified} is saved with {len(readings)} readings ({listed}); say which pinyin"
    )


def _where(word_filter: WordFilter) -> tuple[str, tuple[object, ...]]:
    clauses: list[str] = []
    parameters: list[object] = []
    if word_filter.statuses:
        statuses = sorted(s.value for s in word_filter.statuses)
        clauses.append(f"status IN ({','.join('?' * len(statuses))})")
        parameters.extend(statuses)
    if word_filter.tag is not None:
        clauses.append("id IN (SELECT word_id FROM word_tags WHERE tag = ?)")
        parameters.append(word_filter.tag)
    if word_filter.article is not None:
        clauses.append("id IN (SELECT word_id FROM contexts WHERE article_title = ?)")
        parameters.append(word_filter.article)
    if word_filter.added_since is not None:
        clauses.append("created >= ?")
        parameters.append(_iso(datetime.combine(word_filter.added_since, time(), tzinfo=UTC)))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(parameters)
