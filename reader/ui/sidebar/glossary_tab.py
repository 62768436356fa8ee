"""The sidebar's Glossary tab: the glossary terms of the open article, by category.

Choosing a term asks for every occurrence to be highlighted in the article
(``occurrences_selected``) and steps through them with Previous/Next.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.glossary.article_terms import CategoryGroup, TermOccurrences
from reader.ui.glossary_models import OCCURRENCES_ROLE, ArticleTermsModel


class GlossaryTab(QWidget):
    occurrences_selected = Signal(list, int)
    """The user chose a term or stepped to another occurrence: (ranges, current index)."""
    selection_cleared = Signal()
    """No term is chosen any more (the filter hid it, or the article changed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = ArticleTermsModel(self)
        self._selected: TermOccurrences | None = None
        self._current = 0

        self._filter = QLineEdit(self)
        self._filter.setObjectName("glossaryFilter")
        self._filter.setPlaceholderText("Filter: 河长, hezhang or English")
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._filter_changed)

        self._tree = QTreeView(self)
        self._tree.setObjectName("glossaryTerms")
        self._tree.setModel(self._model)
        self._tree.setUniformRowHeights(True)
        self._tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self._tree.selectionModel().currentChanged.connect(self._current_changed)
        self._tree.activated.connect(self._choose)

        self._summary = QLabel("No article", self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setObjectName("glossarySummary")
        self._previous = QPushButton("◀ Previous", self)
        self._previous.setToolTip("Previous occurrence of the chosen term")
        self._previous.clicked.connect(self.previous_occurrence)
        self._position = QLabel("", self)
        self._position.setObjectName("glossaryPosition")
        self._position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._next = QPushButton("Next ▶", self)
        self._next.setToolTip("Next occurrence of the chosen term")
        self._next.clicked.connect(self.next_occurrence)
        stepping = QHBoxLayout()
        stepping.addWidget(self._previous)
        stepping.addWidget(self._position, 1)
        stepping.addWidget(self._next)

        layout = QVBoxLayout(self)
        layout.addWidget(self._filter)
        layout.addWidget(self._summary)
        layout.addWidget(self._tree, 1)
        layout.addLayout(stepping)
        self._update_stepping()

    # Content

    def set_groups(self, groups: Sequence[CategoryGroup]) -> None:
        """Show the terms of a (newly annotated) article; the chosen term is kept if still there."""
        kept = self._selected.term.term if self._selected is not None else None
        self._model.set_groups(groups)
        self._tree.expandAll()
        total_terms = sum(len(group.terms) for group in groups)
        total = sum(group.count for group in groups)
        self._summary.setText(
            f"{total_terms} glossary terms, {total} occurrences"
            if total_terms
            else "No glossary terms in this article"
        )
        self._restore_selection(kept)

    def clear(self, message: str = "Annotating…") -> None:
        self._model.set_groups([])
        self._summary.setText(message)
        self._forget_selection()

    def model(self) -> ArticleTermsModel:
        return self._model

    def filter_box(self) -> QLineEdit:
        return self._filter

    def summary_text(self) -> str:
        return self._summary.text()

    def position_text(self) -> str:
        return self._position.text()

    # Choosing and stepping

    def select_term(self, term: str) -> bool:
        """Choose ``term`` as if clicked; False when it is not listed (absent or filtered out)."""
        index = self._model.index_of_term(term)
        if not index.isValid():
            return False
        self._tree.setCurrentIndex(index)
        return True

    def selected(self) -> TermOccurrences | None:
        return self._selected

    def next_occurrence(self) -> None:
        self._step(1)

    def previous_occurrence(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self._selected is None or not self._selected.ranges:
            return
        self._current = (self._current + delta) % self._selected.count
        self._announce()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._choose(current)

    def _choose(self, index: QModelIndex) -> None:
        found = index.data(OCCURRENCES_ROLE) if index.isValid() else None
        if not isinstance(found, TermOccurrences):
            return  # a category row: keep the chosen term
        if found == self._selected:
            return
        self._selected = found
        self._current = 0
        self._announce()

    def _announce(self) -> None:
        assert self._selected is not None
        self._update_stepping()
        self.occurrences_selected.emit(list(self._selected.ranges), self._current)

    def _restore_selection(self, term: str | None) -> None:
        if term is not None:
            index = self._model.index_of_term(term)
            if index.isValid():
                found = index.data(OCCURRENCES_ROLE)
                self._tree.selectionModel().blockSignals(True)
                self._tree.setCurrentIndex(index)
                self._tree.selectionModel().blockSignals(False)
                if found.ranges != self._selected.ranges:  # type: ignore[union-attr]
                    self._selected, self._current = found, 0
                    self._announce()
                return
        self._forget_selection()

    def _forget_selection(self) -> None:
        had = self._selected is not None
        self._selected = None
        self._current = 0
        self._update_stepping()
        if had:
            self.selection_cleared.emit()

    def _update_stepping(self) -> None:
        count = self._selected.count if self._selected is not None else 0
        self._position.setText(f"{self._current + 1} of {count}" if count else "")
        self._previous.setEnabled(count > 1)
        self._next.setEnabled(count > 1)

    def _filter_changed(self, text: str) -> None:
        kept = self._selected.term.term if self._selected is not None else None
        self._model.set_filter(text)
        self._tree.expandAll()
        self._restore_selection(kept)
