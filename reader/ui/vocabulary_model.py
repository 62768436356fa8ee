"""The vocabulary as a Qt table: every saved word, filtered and sorted for the Vocabulary tab.

Why filtering and sorting live in the model and not in a QSortFilterProxyModel:
the proxy asks Python once per row (``filterAcceptsRow``, ``lessThan`` through
``data``), which measured about 1 s to refilter 50,000 words on this machine,
far over the one-frame (16 ms) budget per keystroke.  Here every word's search
text and sort keys are computed once when the words are loaded; a keystroke is
one list comprehension over them and a model reset, after which the view asks
only for the rows on screen.  The model is still a plain QAbstractTableModel,
so it goes through qtmodeltester like any other.

Edits made in place go to the store at once (one transaction each); a refusal
from the store is reported through ``edit_failed`` and the cell keeps its value.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from reader.errors import VocabularyError
from reader.language.notation import normalize_pinyin_query
from reader.vocab.article_words import has_han
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Status, VocabWord, WordKey

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

# Tone-marked vowels to plain letters and ü to v: the same toneless spelling that
# ``normalize_pinyin_query`` gives a query, computed with one str.translate per word
# (strip_tones is exact but about 8 µs a word, too slow for 50,000 words at open).
_TONELESS = str.maketrans(
    {
        **dict.fromkeys("āáǎàĀÁǍÀ", "a"),
        **dict.fromkeys("ēéěèĒÉĚÈ", "e"),
        **dict.fromkeys("īíǐìĪÍǏÌ", "i"),
        **dict.fromkeys("ōóǒòŌÓǑÒ", "o"),
        **dict.fromkeys("ūúǔùŪÚǓÙ", "u"),
        **dict.fromkeys("üǖǘǚǜÜǕǗǙǛ", "v"),
        **dict.fromkeys("ńňǹŃŇǸ", "n"),
        **dict.fromkeys("ḿḾ", "m"),
        " ": None,
        "'": None,
        "-": None,
        "·": None,
    }
)


def toneless_key(pinyin: str) -> str:
    """``"hé zhǎng zhì"`` -> ``"hezhangzhi"``, ``"nǚ"`` -> ``"nv"`` (as queries are keyed)."""
    return pinyin.lower().replace("u:", "v").translate(_TONELESS)


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


def article_titles(word: VocabWord) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.article_title for c in word.contexts if c.article_title))


def _search_text(word: VocabWord) -> str:
    return "\t".join(
        (
            word.simplified,
            word.traditional,
            word.pinyin.lower(),
            word.definition.lower(),
            word.note.lower(),
            " ".join(word.tags).lower(),
        )
    )


def _display(word: VocabWord, column: Column) -> str:
    if column is Column.WORD:
        return word.simplified
    if column is Column.PINYIN:
        return word.pinyin
    if column is Column.DEFINITION:
        return word.definition
    if column is Column.STATUS:
        return word.status.value
    if column is Column.TAGS:
        return " ".join(word.tags)
    if column is Column.NOTE:
        return word.note
    if column is Column.ARTICLES:
        return "; ".join(article_titles(word))
    return word.created.astimezone().strftime("%Y-%m-%d") if word.created else ""


_SORT_KEYS: dict[Column, Callable[[VocabWord], Any]] = {
    Column.WORD: lambda w: (w.simplified, w.pinyin),
    Column.PINYIN: lambda w: (toneless_key(w.pinyin), w.pinyin, w.simplified),
    Column.DEFINITION: lambda w: w.definition.lower(),
    Column.STATUS: lambda w: STATUS_ORDER[w.status],
    Column.TAGS: lambda w: " ".join(w.tags).lower(),
    Column.NOTE: lambda w: w.note.lower(),
    Column.ARTICLES: lambda w: "; ".join(article_titles(w)),
    Column.ADDED: lambda w: w.created.timestamp() if w.created else 0.0,
}


class VocabularyTableModel(QAbstractTableModel):
    """Every saved word (``set_words``); ``set_query`` and ``sort`` choose the rows shown."""

    edit_failed = Signal(str)
    """An edit was refused by the store (the one-line reason); nothing changed."""
    word_edited = Signal(object)
    """A word was changed in place (the new ``VocabWord``)."""
    words_replaced = Signal()
    """``set_words`` gave the model new words (not sent when only the query changes)."""

    def __init__(self, store: VocabularyStore | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._words: list[VocabWord] = []
        self._search: list[str] = []
        self._pinyin: list[str] = []
        self._positions: dict[tuple[str, str], int] = {}
        self._order: list[int] = []  # every word, in the current sort order
        self._rows: list[int] = []  # the words shown, in the current sort order
        self._query = VocabularyQuery()
        self._sort_column = Column.ADDED
        self._sort_order = Qt.SortOrder.DescendingOrder

    # -- content -------------------------------------------------------------

    def set_store(self, store: VocabularyStore | None) -> None:
        self._store = store

    def set_words(self, words: Sequence[VocabWord]) -> None:
        """Show these words (the whole vocabulary), keeping the query and sort order."""
        self.beginResetModel()
        self._words = list(words)
        self._search = [_search_text(word) for word in self._words]
        self._pinyin = [toneless_key(word.pinyin) for word in self._words]
        # Plain tuples: hashing 50,000 WordKey dataclasses costs a quarter of a second.
        self._positions = {
            (word.simplified, word.pinyin): position for position, word in enumerate(self._words)
        }
        self._order = self._sorted_order()
        self._rows = self._matching(self._order)
        self.endResetModel()
        self.words_replaced.emit()

    def reload(self) -> None:
        """Read every word again from the store."""
        self.set_words(self._store.words() if self._store is not None else [])

    def put_word(self, word: VocabWord, replacing: WordKey | None = None) -> None:
        """Show ``word`` as saved now (added or changed), replacing ``replacing`` if given."""
        words = list(self._words)
        wanted = replacing or word.key
        position = self._positions.get((wanted.simplified, wanted.pinyin))
        if position is None:
            position = self._positions.get((word.simplified, ""))
        if position is None:
            words.append(word)
        else:
            words[position] = word
        self.set_words(words)

    def drop_words(self, keys: Iterable[WordKey]) -> None:
        gone = set(keys)
        self.set_words([word for word in self._words if word.key not in gone])

    def all_words(self) -> list[VocabWord]:
        return list(self._words)

    def word_count(self) -> int:
        """How many words the model holds, shown or not."""
        return len(self._words)

    def word_at(self, row: int) -> VocabWord:
        return self._words[self._rows[row]]

    def row_of(self, key: WordKey) -> int | None:
        """The row showing the word with ``key``, or None when it is filtered out or absent."""
        position = self._positions.get((key.simplified, key.pinyin))
        if position is None:
            return None
        try:
            return self._rows.index(position)
        except ValueError:
            return None

    def tags(self) -> list[str]:
        return sorted({tag for word in self._words for tag in word.tags})

    def articles(self) -> list[str]:
        return sorted({title for word in self._words for title in article_titles(word)})

    # -- query and sort ------------------------------------------------------

    def query(self) -> VocabularyQuery:
        return self._query

    def set_query(self, query: VocabularyQuery) -> None:
        if query == self._query:
            return
        self.beginResetModel()
        self._query = query
        self._rows = self._matching(self._order)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self._rows[index.row()], index.column()) for index in persistent]
        self._sort_column = Column(column)
        self._sort_order = order
        self._order = self._sorted_order()
        self._rows = self._matching(self._order)
        row_of = {position: row for row, position in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(row_of[position], column_number) if position in row_of else QModelIndex()
                for position, column_number in before
            ],
        )
        self.layoutChanged.emit()

    def _sorted_order(self) -> list[int]:
        key = _SORT_KEYS[self._sort_column]
        keys = [key(word) for word in self._words]
        return sorted(
            range(len(self._words)),
            key=keys.__getitem__,
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def _matching(self, order: list[int]) -> list[int]:
        query = self._query
        rows = order
        words = self._words
        if query.status is not None:
            status = query.status
            rows = [i for i in rows if words[i].status is status]
        if query.tag is not None:
            tag = query.tag
            rows = [i for i in rows if tag in words[i].tags]
        if query.article is not None:
            title = query.article
            rows = [i for i in rows if any(c.article_title == title for c in words[i].contexts)]
        text = query.text.strip().lower()
        if text:
            search, pinyin = self._search, self._pinyin
            key = "" if has_han(text) else normalize_pinyin_query(text)[0]
            if key:
                rows = [i for i in rows if text in search[i] or key in pinyin[i]]
            else:
                rows = [i for i in rows if text in search[i]]
        return list(rows)

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
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        word = self._words[self._rows[index.row()]]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _display(word, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(word, column)
        if role == WORD_ROLE:
            return word
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
        word = self._words[position]
        column = Column(index.column())
        text = str(value) if value is not None else ""
        try:
            if column is Column.STATUS:
                try:
                    status = Status(text.strip().lower())
                except ValueError:
                    self.edit_failed.emit(
                        f"{text!r} is not a status; use new, learning, known or ignored"
                    )
                    return False
                changed = self._store.set_status(word.key, status)
            elif column is Column.DEFINITION:
                changed = self._store.update(word.key, definition=text)
            elif column is Column.NOTE:
                changed = self._store.update(word.key, note=text)
            else:
                changed = self._store.update(word.key, tags=parse_tags(text))
        except VocabularyError as error:
            self.edit_failed.emit(str(error))
            return False
        self._words[position] = changed
        self._search[position] = _search_text(changed)
        left = self.index(index.row(), 0)
        right = self.index(index.row(), len(Column) - 1)
        self.dataChanged.emit(left, right, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.word_edited.emit(changed)
        return True


def _tooltip(word: VocabWord, column: Column) -> str | None:
    """Tooltip text as escaped rich text, so a saved ``<`` or ``&`` is shown as typed."""
    text = _tooltip_text(word, column)
    if text is None:
        return None
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


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
