"""Suggested glossary terms for the open article, and adding them to a user glossary.

A suggestion has no English (CC-CEDICT lacks the word, or the glossary needs a
rendering of its own), so "Add" opens the term form filled with the word, its
pinyin and the example sentence and asks for the English before saving.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.errors import GlossaryError
from reader.glossary.store import GlossaryStore, check_glossary_name
from reader.glossary.suggest import Suggestion
from reader.glossary.term import GlossaryTerm
from reader.ui.dialogs.glossary_editor import PinyinOf, TermFormDialog
from reader.ui.glossary_models import SuggestionsModel
from reader.ui.prompts import Prompts

DEFAULT_NEW_GLOSSARY = "my-terms"
ADD_NOTE = (
    "Write the English for this term (required) and, if you can, a short explanation. "
    "The pinyin is the dictionary's reading of each character: check it."
)


class TermSuggestionsDialog(QDialog):
    term_added = Signal(str, str)
    """A suggested word was saved: (glossary, term)."""

    def __init__(
        self,
        suggestions: Sequence[Suggestion],
        store: GlossaryStore,
        pinyin_of: PinyinOf,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("termSuggestions")
        self.setWindowTitle("Suggested Glossary Terms")
        self.resize(820, 480)
        self._store = store
        self._pinyin_of = pinyin_of
        self._prompts = prompts or Prompts()
        self._form: TermFormDialog | None = None

        intro = QLabel(
            "Whole terms of this article a learner is unlikely to know: quoted phrases, "
            "policy-language patterns and recurring phrases first, then words no dictionary "
            "has and words rare in general Chinese. Add opens a form: a term needs English.",
            self,
        )
        intro.setWordWrap(True)
        self._model = SuggestionsModel(suggestions, self)
        self._table = QTableView(self)
        self._table.setObjectName("suggestionTable")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.horizontalHeader().setSectionResizeMode(
            SuggestionsModel.EXAMPLE_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self._table.doubleClicked.connect(lambda index: self.open_add_form(index.row()))
        if not suggestions:
            intro.setText("No suggestions: every longer word of this article is known already.")

        self._target = QComboBox(self)
        self._target.setObjectName("targetGlossary")
        self._target.setEditable(True)
        names = store.names()
        self._target.addItems(names or [DEFAULT_NEW_GLOSSARY])
        self._target.setToolTip("A glossary of yours; a new name creates it")
        self._target_note = QLabel(self)
        self._target.currentTextChanged.connect(self._describe_target)
        self._describe_target(self._target.currentText())

        add = QPushButton("&Add…", self)
        add.setObjectName("addSuggestion")
        add.clicked.connect(self.add_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        target_row = QHBoxLayout()
        target_row.addWidget(QLabel("Add to glossary:", self))
        target_row.addWidget(self._target, 1)
        target_row.addWidget(self._target_note)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._table, 1)
        layout.addLayout(target_row)
        layout.addLayout(buttons)

    def model(self) -> SuggestionsModel:
        return self._model

    def form(self) -> TermFormDialog | None:
        return self._form

    def target_name(self) -> str:
        return self._target.currentText().strip()

    def set_target_name(self, name: str) -> None:
        self._target.setCurrentText(name)

    def row_of(self, word: str) -> int | None:
        words = [suggestion.word for suggestion in self._model.suggestions()]
        return words.index(word) if word in words else None

    def add_selected(self) -> None:
        rows = self._table.selectionModel().selectedRows()
        if rows:
            self.open_add_form(rows[0].row())
        else:
            self._prompts.inform(self, "Add a term", "Choose a suggested word first.")

    def open_add_form(self, row: int) -> TermFormDialog | None:
        """The term form for suggestion ``row``, filled in but for the English (non-blocking)."""
        suggestion = self._model.suggestion_at(row)
        if suggestion is None:
            return None
        target = self.target_name()
        try:
            check_glossary_name(target)
            taken = {t.term for t in self._store.load(target).terms} if self._exists(target) else ()
        except GlossaryError as error:
            self._prompts.inform(self, "Add a term", str(error))
            return None
        initial = GlossaryTerm(suggestion.word, "", "", example=suggestion.example)
        form = TermFormDialog(target, self._pinyin_of, taken, initial, ADD_NOTE, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._save(target, form.term(), suggestion.word))
        form.finished.connect(lambda _result: self._form_closed(form))
        self._form = form
        form.open()
        return form

    def _save(self, target: str, term: GlossaryTerm, word: str) -> None:
        try:
            if not self._exists(target):
                self._store.create(target)
            self._store.add_term(target, term)
        except GlossaryError as error:
            self._prompts.inform(self, "Add a term", str(error))
            return
        if term.term == word:
            self._model.remove_word(word)
        self._describe_target(target)
        self.term_added.emit(target, term.term)

    def _exists(self, name: str) -> bool:
        return name in self._store.names()

    def _form_closed(self, form: TermFormDialog) -> None:
        if self._form is form:
            self._form = None

    def _describe_target(self, name: str) -> None:
        self._target_note.setText("" if self._exists(name.strip()) else "(new glossary)")
