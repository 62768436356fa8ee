"""The vocabulary as a Qt table: every saved word, filtered and sorted for the Vocabulary tab.

Why filtering and sorting live in the model and not in a QSortFilterProxyModel:
the proxy asks Python once per row (``filterAcceptsRow``, ``lessThan`` through
``data``), which measured about 1 s to refilter 50,000 words on this machine,
far over the one-frame (16 ms) budget per keystroke.  Here every word's search
text and sort keys are computed once when the words are loaded; a keystroke is
one C-level pass (``map``/``compress``) over them, narrowed to the previous
matches while the learner keeps typing, and a model reset, after which the view
asks only for the rows on screen.  The model is still a plain
QAbstractTableModel, so it goes through qtmodeltester like any other.

Why the words arrive in two steps: reading all 50,000 words' fields from SQLite
into Python takes about half a second here, over the 300 ms the tab may take to
open.  ``reload`` reads only every word's id and creation time (enough for the
default newest-first order), fetches the rows on screen when the view asks for
them, and reads the rest in chunks of ``CHUNK`` words between events.  Anything
that needs every word (a filter, another sort column, an edit) finishes the
reading first, so results are never partial.  A ``VocabWord`` is built only for
a row someone asks for whole (``word_at``, ``WORD_ROLE``, a tooltip).

Edits made in place go to the store at once (one transaction each); a refusal
from the store is reported through ``edit_failed`` and the cell keeps its value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from itertools import compress, repeat
from operator import contains, or_
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from reader.errors import VocabularyError
from reader.language.han import has_han
from reader.language.notation import normalize_pinyin_query, toneless_key, toneless_keys
from reader.ui.plain_text import as_rich_text
from reader.vocab.store import ListedWord, VocabularyStore
from reader.vocab.word import Context, Status, VocabWord, WordKey

ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    WORD = 0
    PINYIN = 1
    DEFINITION = 2
    STATUS = 3
    TAGS = 4
    NOTE = 5
    ARTICLES = 6
    ADDED = 7

    @property
    def title(self) -> str:
        return self.name.capitalize()


EDITABLE_COLUMNS = frozenset({Column.DEFINITION, Column.STATUS, Column.TAGS, Column.NOTE})
WORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""``data(index, WORD_ROLE)`` is the row's whole ``VocabWord``."""
STATUS_ORDER = {Status.NEW: 0, Status.LEARNING: 1, Status.KNOWN: 2, Status.IGNORED: 3}
CHUNK = 1000
"""Words read per step while the rest of the vocabulary loads between events (~15 ms)."""
_PAGE_BEFORE, _PAGE_AFTER = 20, 80  # rows read around one the view asks for


def parse_tags(text: str) -> list[str]:
    """Tags as typed in the table: separated by spaces or commas."""
    return [tag for tag in text.replace(",", " ").split() if tag]


@dataclass(frozen=True, slots=True)
class VocabularyQuery:
    """What the Vocabulary tab shows; every given condition must hold."""

    status: Status | None = None
    tag: str | None = None
    article: str | None = None
    text: str = ""  # characters, pinyin with or without tones, or English; any case


def listed(word: VocabWord) -> ListedWord:
    """The table's view of a whole word (for words given rather than read from the store)."""
    return ListedWord(
        0,
        word.simplified,
        word.pinyin,
        word.traditional,
        word.definition,
        word.note,
        Status(word.status).value,
        # As the store writes it (UTC), so given and read words sort together by text.
        word.created.astimezone(UTC).isoformat(timespec="microseconds") if word.created else "",
        tuple(word.tags),
        tuple(dict.fromkeys(c.article_title for c in word.contexts if c.article_title)),
    )


def _search_text(row: ListedWord) -> str:
    return "\t".join(
        (
            row.simplified,
            row.traditional,
            row.pinyin.lower(),
            row.definition.lower(),
            row.note.lower(),
            " ".join(row.tags).lower(),
            toneless_key(row.pinyin),
        )
    )


def _search_texts(rows: Sequence[ListedWord], keys: list[str]) -> list[str]:
    """``_search_text`` of many rows given their toneless keys, the work done by C-level ``map``."""
    lower = str.lower
    return list(
        map(
            "\t".join,
            zip(
                (row.simplified for row in rows),
                (row.traditional for row in rows),
                map(lower, (row.pinyin for row in rows)),
                map(lower, (row.definition for row in rows)),
                map(lower, (row.note for row in rows)),
                map(lower, map(" ".join, (row.tags for row in rows))),
                keys,
                strict=True,
            ),
        )
    )


def _toneless_keys(rows: Sequence[ListedWord]) -> list[str]:
    return toneless_keys([row.pinyin for row in rows])


def _added(created: str) -> str:
    """The local day an ISO 8601 creation time falls on (formatted only for rows shown)."""
    if not created:
        return ""
    try:
        return datetime.fromisoformat(created).astimezone().strftime("%Y-%m-%d")
    except ValueError:
        return created[:10]


def _display(row: ListedWord, column: Column) -> str:
    if column is Column.WORD:
        return row.simplified
    if column is Column.PINYIN:
        return row.pinyin
    if column is Column.DEFINITION:
        return row.definition
    if column is Column.STATUS:
        return row.status
    if column is Column.TAGS:
        return " ".join(row.tags)
    if column is Column.NOTE:
        return row.note
    if column is Column.ARTICLES:
        return "; ".join(row.articles)
    return _added(row.created)


_SORT_KEYS: dict[Column, Callable[[ListedWord], Any]] = {
    Column.WORD: lambda w: (w.simplified, w.pinyin),
    Column.PINYIN: lambda w: (toneless_key(w.pinyin), w.pinyin, w.simplified),
    Column.DEFINITION: lambda w: w.definition.lower(),
    Column.STATUS: lambda w: STATUS_ORDER[Status(w.status)],
    Column.TAGS: lambda w: " ".join(w.tags).lower(),
    Column.NOTE: lambda w: w.note.lower(),
    Column.ARTICLES: lambda w: "; ".join(w.articles),
}
"""Sort keys of every column but Added, whose key is the creation time already held."""

_GONE = ListedWord(0, "", "", "", "", "", Status.NEW.value, "", (), ())
"""Stands for a word deleted (by another running copy) between ``reload`` and reading it."""


class VocabularyTableModel(QAbstractTableModel):
    """Every saved word (``reload``); ``set_query`` and ``sort`` choose the rows."""

    edit_failed = Signal(str)
    """An edit was refused by the store (the one-line reason); nothing changed."""
    word_edited = Signal(object, object)
    """A word was changed in place (the ``VocabWord`` before, and after)."""
    words_replaced = Signal()
    """The model was given new words (not sent when only the query changes)."""

    def __init__(self, store: VocabularyStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        # Everything below is indexed by position: a word's place in the model, not a row.
        self._ids: list[int] = []  # the store's id, or 0 for a word given whole
        self._created: list[str] = []  # ISO 8601 text; the Added column's sort key
        self._listed: list[ListedWord | None] = []  # None until read from the store
        self._whole: dict[int, VocabWord] = {}  # words given whole (put_word)
        self._search: list[str] = []  # "" until read
        self._pinyin: list[str] = []
        self._unread = 0  # how many positions are still None in _listed
        self._next_chunk = 0  # where the background reading goes on from
        self._positions: dict[tuple[str, str], int] | None = None  # (simplified, pinyin)
        self._order: list[int] = []  # every word, in the current sort order
        self._base: list[int] = []  # ... passing the status, tag and article conditions
        self._rows: list[int] = []  # ... and the text: the rows shown
        self._text_rows: tuple[str, str, list[int]] | None = None  # (text, key, rows) last typed
        self._query = VocabularyQuery()
        self._sort_column = Column.ADDED
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._reader = QTimer(self)
        self._reader.setSingleShot(True)
        self._reader.setInterval(0)
        self._reader.timeout.connect(self._read_next_chunk)

    # -- content -------------------------------------------------------------

    def set_store(self, store: VocabularyStore | None) -> None:
        if store is None:
            self.read_everything()  # nothing can be read later
        self._store = store

    def reload(self) -> None:
        """Read every word again from the store: rows on screen first, the rest between events."""
        if self._store is None:
            self._replace([], [], [], {})
            return
        ids, created = self._store.listing_order()
        self._replace(ids, created, [None] * len(ids), {})

    def _replace(
        self,
        ids: list[int],
        created: list[str],
        rows: list[ListedWord | None],
        whole: dict[int, VocabWord],
    ) -> None:
        self.beginResetModel()
        self._ids, self._created, self._listed, self._whole = ids, created, rows, whole
        self._unread = rows.count(None)
        if self._unread:
            self._search, self._pinyin = [""] * len(rows), [""] * len(rows)
        else:
            given = [row for row in rows if row is not None]  # all of them; typed for mypy
            self._pinyin = _toneless_keys(given)
            self._search = _search_texts(given, self._pinyin)
        self._next_chunk = 0
        self._positions = None
        self._resort()
        self.endResetModel()
        if self._unread:
            self._reader.start()
        self.words_replaced.emit()

    def fully_read(self) -> bool:
        """Whether every word's fields are in memory (filters and sorting need them)."""
        return self._unread == 0

    def read_everything(self) -> None:
        """Finish reading the words now (what every filter and sort does first)."""
        while self._unread:
            self._read_next_chunk()

    def _everything_read(self) -> list[ListedWord]:
        """Every position's listed word, reading the rest from the store first."""
        self.read_everything()
        # read_everything leaves no None: a word gone from the store is _GONE.
        return cast(list[ListedWord], self._listed)

    def _read_next_chunk(self) -> None:
        listed = self._listed
        start = self._next_chunk
        while start < len(listed) and listed[start] is not None:
            start += 1
        positions = [p for p in range(start, min(start + CHUNK, len(listed))) if listed[p] is None]
        self._next_chunk = start + CHUNK
        self._read(positions)
        if self._unread and not self._reader.isActive():
            self._reader.start()

    def _read(self, positions: list[int]) -> None:
        """Fill in these positions from the store (a word gone from it shows blank)."""
        if not positions:
            return
        by_id = {self._ids[p]: p for p in positions}
        found: list[ListedWord] = []
        if self._store is not None:
            try:
                found = self._store.listing_rows(by_id)
            except VocabularyError as error:
                self.edit_failed.emit(str(error))
        listed, search, pinyin = self._listed, self._search, self._pinyin
        keys = _toneless_keys(found)
        for row, text, key in zip(found, _search_texts(found, keys), keys, strict=True):
            position = by_id.pop(row.id)
            listed[position] = row
            search[position] = text
            pinyin[position] = key
        for position in by_id.values():
            self._listed[position] = _GONE
        self._unread -= len(positions)

    def _row_at(self, position: int) -> ListedWord:
        row = self._listed[position]
        if row is None:
            shown = self._row_index(position)
            around = self._rows[max(0, shown - _PAGE_BEFORE) : shown + _PAGE_AFTER]
            self._read([p for p in around if self._listed[p] is None] or [position])
            row = self._listed[position]
            assert row is not None
        return row

    def _row_index(self, position: int) -> int:
        try:
            return self._rows.index(position)
        except ValueError:
            return 0

    def put_word(self, word: VocabWord, replacing: WordKey | None = None) -> None:
        """Show ``word`` as saved now (added or changed), replacing ``replacing`` if given."""
        self.read_everything()
        positions = self._key_positions()
        wanted = replacing or word.key
        position = positions.get((wanted.simplified, wanted.pinyin))
        if position is None:
            position = positions.get((word.simplified, ""))
        ids, created, rows = list(self._ids), list(self._created), list(self._listed)
        whole = dict(self._whole)
        row = listed(word)
        if position is None:
            position = len(rows)
            ids.append(0)
            created.append(row.created)
            rows.append(row)
        else:
            rows[position] = row._replace(id=ids[position])
            created[position] = row.created
        whole[position] = word
        self._replace(ids, created, rows, whole)

    def drop_words(self, keys: Iterable[WordKey]) -> None:
        self.read_everything()
        gone = {(key.simplified, key.pinyin) for key in keys}
        kept = [
            p
            for p, row in enumerate(self._listed)
            if row and (row.simplified, row.pinyin) not in gone
        ]
        self._replace(
            [self._ids[p] for p in kept],
            [self._created[p] for p in kept],
            [self._listed[p] for p in kept],
            {new: self._whole[old] for new, old in enumerate(kept) if old in self._whole},
        )

    def word_count(self) -> int:
        """How many words the model holds, shown or not."""
        return len(self._ids)

    def word_at(self, row: int) -> VocabWord:
        """The whole word shown in ``row`` (read from the store: contexts, dates and all)."""
        position = self._rows[row]
        whole = self._whole.get(position)
        if whole is not None:
            return whole
        listed_row = self._row_at(position)
        word = None
        if self._store is not None:
            try:
                word = self._store.get(listed_row.simplified, listed_row.pinyin)
            except VocabularyError as error:
                self.edit_failed.emit(str(error))
        if word is None:  # gone from the store, or the store is closed: what the table shows
            word = VocabWord(
                simplified=listed_row.simplified,
                pinyin=listed_row.pinyin,
                traditional=listed_row.traditional,
                definition=listed_row.definition,
                note=listed_row.note,
                status=Status(listed_row.status),
                tags=listed_row.tags,
                contexts=tuple(Context("", title) for title in listed_row.articles),
                created=datetime.fromisoformat(listed_row.created) if listed_row.created else None,
            )
        return word

    def row_of(self, key: WordKey) -> int | None:
        """The row showing the word with ``key``, or None when it is filtered out or absent."""
        self.read_everything()
        position = self._key_positions().get((key.simplified, key.pinyin))
        if position is None:
            return None
        try:
            return self._rows.index(position)
        except ValueError:
            return None

    def _key_positions(self) -> dict[tuple[str, str], int]:
        if self._positions is None:
            # Plain tuples: hashing 50,000 WordKey dataclasses costs a quarter of a second.
            self._positions = {
                (row.simplified, row.pinyin): p for p, row in enumerate(self._listed) if row
            }
        return self._positions

    def tags(self) -> list[str]:
        if self._store is not None and not self._whole:
            return self._store.tag_names()
        self.read_everything()
        return sorted({tag for row in self._listed if row for tag in row.tags})

    def articles(self) -> list[str]:
        if self._store is not None and not self._whole:
            return self._store.article_titles()
        self.read_everything()
        return sorted({title for row in self._listed if row for title in row.articles})

    # -- query and sort ------------------------------------------------------

    def query(self) -> VocabularyQuery:
        return self._query

    def set_query(self, query: VocabularyQuery) -> None:
        if query == self._query:
            return
        self.beginResetModel()
        previous, self._query = self._query, query
        if (previous.status, previous.tag, previous.article) != (
            query.status,
            query.tag,
            query.article,
        ):
            self._base = self._filtered(self._order)
            self._text_rows = None
        self._rows = self._matching_text(self._base)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column) or (column, order) == (
            self._sort_column,
            self._sort_order,
        ):
            return  # the rows are kept in the current order as words change
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._rows[index.row()], index.column()) for index in persistent]
        self._sort_column = Column(column)
        self._sort_order = order
        self._resort()
        row_of = {position: row for row, position in enumerate(self._rows)} if before else {}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(row_of[position], column_number) if position in row_of else QModelIndex()
                for position, column_number in before
            ],
        )
        self.layoutChanged.emit()

    def _resort(self) -> None:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._sort_column is Column.ADDED:
            keys: list[Any] = self._created
        else:
            key = _SORT_KEYS[self._sort_column]
            keys = [key(row) for row in self._everything_read()]
        self._order = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
        self._base = self._filtered(self._order)
        self._text_rows = None
        self._rows = self._matching_text(self._base)

    def _filtered(self, order: list[int]) -> list[int]:
        """The positions in ``order`` meeting the status, tag and article conditions."""
        query = self._query
        if query.status is None and query.tag is None and query.article is None:
            return order
        listed = self._everything_read()
        rows = order
        if query.status is not None:
            status = query.status.value
            rows = [p for p in rows if listed[p].status == status]
        if query.tag is not None:
            tag = query.tag
            rows = [p for p in rows if tag in listed[p].tags]
        if query.article is not None:
            title = query.article
            rows = [p for p in rows if title in listed[p].articles]
        return rows

    def _matching_text(self, base: list[int]) -> list[int]:
        """The positions in ``base`` whose text matches the query's (all when it is empty)."""
        text = self._query.text.strip().lower()
        if not text:
            self._text_rows = None
            return base
        self.read_everything()
        key = "" if has_han(text) else normalize_pinyin_query(text)[0]
        candidates = base
        if self._text_rows is not None:
            # Typing on narrows the previous matches: a longer text (and key) can only
            # match rows the shorter one matched.
            old_text, old_key, old_rows = self._text_rows
            if old_text in text and old_key in key and (old_key or not key):
                candidates = old_rows
        texts = map(self._search.__getitem__, candidates)
        hits = map(contains, texts, repeat(text))
        if key and key not in text:  # a key inside the text matches nothing the text does not
            keys = map(self._pinyin.__getitem__, candidates)
            hits = map(or_, hits, map(contains, keys, repeat(key)))
        rows = list(compress(candidates, hits))
        self._text_rows = (text, key, rows)
        return rows

    # -- Qt model interface ----------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return Column(section).title
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks about ten roles per cell on every repaint: answer the ones
        # not handled before any other work (a repaint is part of each keystroke).
        if role not in _ANSWERED_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        column = Column(index.column())
        if role in _TEXT_ROLES:
            return _display(self._row_at(self._rows[index.row()]), column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column not in _TOOLTIP_COLUMNS:
                return None
            return _tooltip(self.word_at(index.row()), column)
        if role == WORD_ROLE:
            return self.word_at(index.row())
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._store is not None and index.column() in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(  # noqa: N802
        self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or self._store is None
            or index.column() not in EDITABLE_COLUMNS
        ):
            return False
        position = self._rows[index.row()]
        shown = self._row_at(position)
        key = WordKey(shown.simplified, shown.pinyin)
        column = Column(index.column())
        text = str(value) if value is not None else ""
        try:
            before = self._store.get(key.simplified, key.pinyin)
            if column is Column.STATUS:
                try:
                    status = Status(text.strip().lower())
                except ValueError:
                    self.edit_failed.emit(
                        f"{text!r} is not a status; use new, learning, known or ignored"
                    )
                    return False
                changed = self._store.set_status(key, status)
            elif column is Column.DEFINITION:
                changed = self._store.update(key, definition=text)
            elif column is Column.NOTE:
                changed = self._store.update(key, note=text)
            else:
                changed = self._store.update(key, tags=parse_tags(text))
        except VocabularyError as error:
            self.edit_failed.emit(str(error))
            return False
        row = listed(changed)._replace(id=self._ids[position])
        self._listed[position] = row
        self._search[position] = _search_text(row)
        self._pinyin[position] = toneless_key(row.pinyin)
        if position in self._whole:
            self._whole[position] = changed
        left = self.index(index.row(), 0)
        right = self.index(index.row(), len(Column) - 1)
        self.dataChanged.emit(left, right, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        if before is not None and before != changed:
            self.word_edited.emit(before, changed)
        return True


_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole)})
_ANSWERED_ROLES = _TEXT_ROLES | {int(Qt.ItemDataRole.ToolTipRole), WORD_ROLE}
_TOOLTIP_COLUMNS = frozenset({Column.WORD, Column.ARTICLES, Column.DEFINITION, Column.NOTE})


def _tooltip(word: VocabWord, column: Column) -> str | None:
    """Tooltip text as escaped rich text, so a saved ``<`` or ``&`` is shown as typed."""
    text = _tooltip_text(word, column)
    if text is None:
        return None
    return as_rich_text(text)


def _tooltip_text(word: VocabWord, column: Column) -> str | None:
    if column in (Column.WORD, Column.ARTICLES):
        lines = []
        if column is Column.WORD and word.traditional:
            lines.append(f"Traditional: {word.traditional}")
        lines += [
            f"{c.sentence} — {c.article_title}" if c.article_title else c.sentence
            for c in word.contexts
        ]
        return "\n".join(lines) or None
    if column is Column.DEFINITION and word.definition:
        return word.definition
    if column is Column.NOTE and word.note:
        return word.note
    return None
