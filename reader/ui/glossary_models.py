"""Qt models over glossary data: an article's terms by category, a glossary's terms, suggestions.

The models only adapt core objects (``CategoryGroup``, ``GlossaryTerm``,
``Suggestion``) to Qt roles.  Tooltips are rich text built from escaped
strings, so ``<`` and ``&`` in a glossary show as typed and long explanations wrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from reader.glossary.article_terms import CategoryGroup, filter_groups
from reader.glossary.suggest import Suggestion
from reader.glossary.term import GlossaryTerm

OCCURRENCES_ROLE = Qt.ItemDataRole.UserRole + 1
"""Term rows answer with their ``TermOccurrences``; category rows with None."""
TERM_ROLE = Qt.ItemDataRole.UserRole + 2
"""Rows of a glossary table and of suggestions answer with their core object."""

ModelIndex = QModelIndex | QPersistentModelIndex
_CATEGORY_ROW = 0  # internal id of a top-level row; a term row stores its category row + 1
_Row = TypeVar("_Row")


def term_tooltip(term: GlossaryTerm) -> str:
    """The explanation (or, without one, the English) as escaped rich text."""
    parts = [f"<p><b>{escape(term.term)}</b> {escape(term.pinyin)}: {escape(term.english)}</p>"]
    if term.explanation:
        parts.append(f"<p>{escape(term.explanation)}</p>")
    if term.glossary:
        parts.append(f"<p><i>Glossary: {escape(term.glossary)}</i></p>")
    return "".join(parts)


def _column_title(
    columns: tuple[str, ...], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """What ``headerData`` answers for a model whose only headers are its column titles."""
    if (
        orientation == Qt.Orientation.Horizontal
        and role == Qt.ItemDataRole.DisplayRole
        and 0 <= section < len(columns)
    ):
        return columns[section]
    return None


class ArticleTermsModel(QAbstractItemModel):
    """Two levels: categories, then the article's terms in each with how often they occur."""

    COLUMNS = ("Term", "Times", "Pinyin", "English")  # the count stays visible in a narrow tab

    def __init__(self, parent=None) -> None:  # noqa: ANN001 (any QObject)
        super().__init__(parent)
        self._all: list[CategoryGroup] = []
        self._query = ""
        self._shown: list[CategoryGroup] = []

    def set_groups(self, groups: Sequence[CategoryGroup]) -> None:
        self._all = list(groups)
        self._refilter()

    def set_filter(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self._refilter()

    def groups(self) -> list[CategoryGroup]:
        """The groups on show (after the filter)."""
        return list(self._shown)

    def index_of_term(self, term: str) -> QModelIndex:
        for row, group in enumerate(self._shown):
            for term_row, found in enumerate(group.terms):
                if found.term.term == term:
                    return self.index(term_row, 0, self.index(row, 0))
        return QModelIndex()

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = filter_groups(self._all, self._query)
        self.endResetModel()

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _CATEGORY_ROW)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _CATEGORY_ROW:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _CATEGORY_ROW)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._shown)
        if parent.column() != 0 or parent.internalId() != _CATEGORY_ROW:
            return 0
        return len(self._shown[parent.row()].terms)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return _column_title(self.COLUMNS, section, orientation, role)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _CATEGORY_ROW:
            group = self._shown[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return f"{group.category} ({len(group.terms)})"
                if index.column() == 1:
                    return str(group.count)
            return None
        found = self._shown[index.internalId() - 1].terms[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (found.term.term, str(found.count), found.term.pinyin, found.term.english)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole:
            return term_tooltip(found.term)
        if role == OCCURRENCES_ROLE:
            return found
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class _ListTableModel(QAbstractTableModel, Generic[_Row]):
    """A flat table with fixed ``COLUMNS`` over a list of core objects, one per row."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[_Row] = (), parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows = list(rows)

    def _row_at(self, row: int) -> _Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return _column_title(self.COLUMNS, section, orientation, role)


class GlossaryTermsModel(_ListTableModel[GlossaryTerm]):
    """One glossary's terms, one row each, in file order."""

    COLUMNS = ("Term", "Pinyin", "English", "Category")

    def set_terms(self, terms: Sequence[GlossaryTerm]) -> None:
        self.beginResetModel()
        self._rows = list(terms)
        self.endResetModel()

    def terms(self) -> list[GlossaryTerm]:
        return list(self._rows)

    def term_at(self, row: int) -> GlossaryTerm | None:
        return self._row_at(row)

    def row_of(self, term: str) -> int | None:
        return next((row for row, t in enumerate(self._rows) if t.term == term), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        term = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (term.term, term.pinyin, term.english, term.category)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return term_tooltip(term)
        if role == TERM_ROLE:
            return term
        return None


class SuggestionsModel(_ListTableModel[Suggestion]):
    """Candidate terms for an article: word, its pinyin, how often, why, the first sentence."""

    COLUMNS = ("Word", "Pinyin", "Times", "Why", "Example")
    EXAMPLE_COLUMN = 4

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    def suggestion_at(self, row: int) -> Suggestion | None:
        return self._row_at(row)

    def remove_word(self, word: str) -> None:
        """Drop ``word`` once it has been added to a glossary."""
        for row, suggestion in enumerate(self._rows):
            if suggestion.word == word:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                return

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        suggestion = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                suggestion.word,
                suggestion.pinyin,
                str(suggestion.count),
                suggestion.reason.value,
                suggestion.example,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.EXAMPLE_COLUMN:
            return f"<p>{escape(suggestion.example)}</p>"
        if role == TERM_ROLE:
            return suggestion
        return None
