"""Editing one user glossary: a table of its terms, a form per term, undo and redo.

The form checks a term with ``reader.glossary.validate`` on every keystroke
and lists the problems under the fields; OK stays disabled until there are
none.  Each edit goes through ``GlossaryStore`` (atomic writes) and the
``TermChange`` it returns is kept on a ``QUndoStack``; undoing applies the
change's inverse.

Dialogs here never block on their own: forms are opened with ``open()``, and
questions and messages go through ``Prompts``, which tests replace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.errors import GlossaryError
from reader.glossary.store import GlossaryStore, TermChange
from reader.glossary.term import GlossaryTerm
from reader.glossary.validate import CATEGORIES, stored_pinyin, term_problems
from reader.ui.done_command import DoneCommand
from reader.ui.glossary_models import GlossaryTermsModel
from reader.ui.prompts import Prompts

PinyinOf = Callable[[str], tuple[str, ...]]
"""The pinyin the core reads for a word on its own (one syllable per Han character)."""

_RELATED_SEPARATORS = re.compile(r"[|,，、;；\s]+")


class TermFormDialog(QDialog):
    """The fields of one term, checked as they are typed; OK only when the term can be saved."""

    def __init__(
        self,
        glossary: str,
        pinyin_of: PinyinOf,
        taken: Collection[str] = (),
        initial: GlossaryTerm | None = None,
        note: str = "",
        parent: QWidget | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("termForm")
        verb = "Edit term in" if editing else "Add a term to"
        self.setWindowTitle(f"{verb} “{glossary}”")
        self._glossary = glossary
        self._pinyin_of = pinyin_of
        self._taken = set(taken)
        self._filled_pinyin = ""  # what we last put in the pinyin field ourselves
        # The form has no fields for these; editing a term must not drop them.
        self._kept_variants = initial.variants if initial is not None else ()
        self._kept_source = initial.source if initial is not None else ""

        self._term = QLineEdit(self)
        self._term.setObjectName("termField")
        self._pinyin = QLineEdit(self)
        self._pinyin.setObjectName("pinyinField")
        self._pinyin.setPlaceholderText(
            "one syllable per character: hé zhǎng zhì or he2 zhang3 zhi4"
        )
        self._pinyin.editingFinished.connect(self._show_tone_marks)
        self._english = QLineEdit(self)
        self._english.setObjectName("englishField")
        self._explanation = QPlainTextEdit(self)
        self._explanation.setObjectName("explanationField")
        self._explanation.setTabChangesFocus(True)
        self._explanation.setPlaceholderText("1 to 3 sentences for a learner (optional)")
        self._category = QComboBox(self)
        self._category.setObjectName("categoryField")
        self._category.setEditable(True)
        self._category.addItems(["", *CATEGORIES])
        self._related = QLineEdit(self)
        self._related.setObjectName("relatedField")
        self._related.setPlaceholderText("other terms, separated by 、 or |")
        self._example = QLineEdit(self)
        self._example.setObjectName("exampleField")

        form = QFormLayout()
        form.addRow("&Term:", self._term)
        form.addRow("&Pinyin:", self._pinyin)
        form.addRow("&English:", self._english)
        form.addRow("E&xplanation:", self._explanation)
        form.addRow("&Category:", self._category)
        form.addRow("&Related:", self._related)
        form.addRow("Exa&mple:", self._example)

        self._note = QLabel(note, self)
        self._note.setObjectName("termNote")
        self._note.setTextFormat(Qt.TextFormat.PlainText)
        self._note.setWordWrap(True)
        self._note.setVisible(bool(note))
        self._problems = QLabel(self)
        self._problems.setObjectName("termProblems")
        self._problems.setTextFormat(Qt.TextFormat.PlainText)
        self._problems.setWordWrap(True)
        self._problems.setStyleSheet("color: #b00020;")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._buttons.accepted.connect(self._accept_if_valid)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._note)
        layout.addLayout(form)
        layout.addWidget(self._problems)
        layout.addWidget(self._buttons)

        if initial is not None:
            self.set_term(initial)
        self._term.textChanged.connect(self._term_changed)
        for line in (self._pinyin, self._english, self._related, self._example):
            line.textChanged.connect(self._recheck)
        self._explanation.textChanged.connect(self._recheck)
        self._category.currentTextChanged.connect(self._recheck)
        if initial is not None and initial.term and not initial.pinyin:
            self._term_changed(initial.term)
        self._recheck()

    # Fields

    def set_term(self, term: GlossaryTerm) -> None:
        self._term.setText(term.term)
        self._pinyin.setText(term.pinyin)
        self._english.setText(term.english)
        self._explanation.setPlainText(term.explanation)
        self._category.setCurrentText(term.category)
        self._related.setText("、".join(term.related))
        self._example.setText(term.example)

    def term(self) -> GlossaryTerm:
        related = tuple(part for part in _RELATED_SEPARATORS.split(self._related.text()) if part)
        return GlossaryTerm(
            term=self._term.text().strip(),
            pinyin=stored_pinyin(self._pinyin.text()),
            english=self._english.text().strip(),
            explanation=self._explanation.toPlainText().strip(),
            category=self._category.currentText().strip(),
            related=related,
            example=self._example.text().strip(),
            glossary=self._glossary,
            variants=self._kept_variants,
            source=self._kept_source,
        )

    def field(self, name: str) -> QLineEdit:
        """One line field by name: term, pinyin, english, related, example."""
        return {
            "term": self._term,
            "pinyin": self._pinyin,
            "english": self._english,
            "related": self._related,
            "example": self._example,
        }[name]

    def explanation_field(self) -> QPlainTextEdit:
        return self._explanation

    def category_field(self) -> QComboBox:
        return self._category

    def problems(self) -> list[str]:
        term = self.term()
        found = term_problems(term)
        if term.term in self._taken:
            found.insert(0, f"“{term.term}” is already in glossary “{self._glossary}”")
        return found

    def problems_text(self) -> str:
        return self._problems.text()

    def ok_button(self) -> QPushButton:
        return self._buttons.button(QDialogButtonBox.StandardButton.Ok)

    # Checking

    def _term_changed(self, text: str) -> None:
        current = self._pinyin.text()
        if not current or current == self._filled_pinyin:
            word = text.strip()
            self._filled_pinyin = " ".join(self._pinyin_of(word)) if word else ""
            self._pinyin.setText(self._filled_pinyin)
        self._recheck()

    def _show_tone_marks(self) -> None:
        """Numbered pinyin typed into the field is shown as the tone marks it is saved as."""
        marked = stored_pinyin(self._pinyin.text())
        if marked != self._pinyin.text():
            self._pinyin.setText(marked)

    def _recheck(self) -> None:
        problems = self.problems()
        self._problems.setText("\n".join(f"• {problem}" for problem in problems))
        self.ok_button().setEnabled(not problems)

    def _accept_if_valid(self) -> None:
        if not self.problems():
            self.accept()


class _TermCommand(DoneCommand):
    """One change already made to the store; undo applies its inverse."""

    def __init__(self, editor: GlossaryEditorDialog, change: TermChange, text: str) -> None:
        super().__init__(text)
        self._editor = editor
        self._change = change

    def do_again(self) -> None:
        self._editor._apply(self._change)

    def undo(self) -> None:
        self._editor._apply(self._change.inverse())


class GlossaryEditorDialog(QDialog):
    """The terms of one user glossary, with Add, Edit, Delete, Undo (Ctrl+Z) and Redo."""

    terms_changed = Signal(str)
    """A term of the glossary (its name) was added, edited, deleted, undone or redone."""

    def __init__(
        self,
        store: GlossaryStore,
        name: str,
        pinyin_of: PinyinOf,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryEditor")
        self.setWindowTitle(f"Glossary “{name}”")
        self.resize(760, 480)
        self._store = store
        self._name = name
        self._pinyin_of = pinyin_of
        self._prompts = prompts or Prompts()
        self._form: TermFormDialog | None = None
        self._undo_stack = QUndoStack(self)

        self._model = GlossaryTermsModel(parent=self)
        self._table = QTableView(self)
        self._table.setObjectName("glossaryTable")
        self._table.setModel(self._model)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._table.doubleClicked.connect(lambda index: self.open_edit_form(index.row()))

        add = QPushButton("&Add…", self)
        add.clicked.connect(lambda: self.open_add_form())
        edit = QPushButton("&Edit…", self)
        edit.clicked.connect(lambda: self.open_edit_form(self._selected_row()))
        delete = QPushButton("&Delete", self)
        delete.clicked.connect(self.delete_selected)
        self._undo_action = self._undo_stack.createUndoAction(self, "&Undo")
        self._undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self._redo_action = self._undo_stack.createRedoAction(self, "&Redo")
        self._redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self.addAction(self._undo_action)
        self.addAction(self._redo_action)
        undo = QPushButton("Undo", self)
        undo.clicked.connect(self._undo_stack.undo)
        self._undo_stack.canUndoChanged.connect(undo.setEnabled)
        undo.setEnabled(False)
        redo = QPushButton("Redo", self)
        redo.clicked.connect(self._undo_stack.redo)
        self._undo_stack.canRedoChanged.connect(redo.setEnabled)
        redo.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (add, edit, delete, undo, redo):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self._table, 1)
        layout.addLayout(buttons)
        self.reload()

    def name(self) -> str:
        return self._name

    def model(self) -> GlossaryTermsModel:
        return self._model

    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    def reload(self) -> None:
        try:
            terms = self._store.load(self._name).terms
        except GlossaryError as error:
            self._prompts.inform(self, "Glossary", str(error))
            terms = ()
        self._model.set_terms(terms)

    # Forms

    def open_add_form(self, initial: GlossaryTerm | None = None, note: str = "") -> TermFormDialog:
        """Show the form for a new term (non-blocking); OK saves it."""
        form = TermFormDialog(
            self._name, self._pinyin_of, {t.term for t in self._model.terms()}, initial, note, self
        )
        form.accepted.connect(lambda: self.add_term(form.term()))
        return self._show_form(form)

    def open_edit_form(self, row: int | None) -> TermFormDialog | None:
        original = self._model.term_at(row) if row is not None else None
        if original is None:
            return None
        taken = {t.term for t in self._model.terms() if t.term != original.term}
        form = TermFormDialog(
            self._name, self._pinyin_of, taken, original, parent=self, editing=True
        )
        form.accepted.connect(lambda: self.edit_term(original.term, form.term()))
        return self._show_form(form)

    def form(self) -> TermFormDialog | None:
        return self._form

    def _show_form(self, form: TermFormDialog) -> TermFormDialog:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._form = form
        form.finished.connect(lambda _result: self._form_closed(form))
        form.open()
        return form

    def _form_closed(self, form: TermFormDialog) -> None:
        if self._form is form:
            self._form = None

    # Edits

    def add_term(self, term: GlossaryTerm) -> bool:
        return self._record(lambda: self._store.add_term(self._name, term), f"Add {term.term}")

    def edit_term(self, original: str, term: GlossaryTerm) -> bool:
        return self._record(
            lambda: self._store.edit_term(self._name, original, term), f"Edit {original}"
        )

    def delete_term(self, term: str) -> bool:
        return self._record(lambda: self._store.delete_term(self._name, term), f"Delete {term}")

    def delete_selected(self) -> None:
        row = self._selected_row()
        term = self._model.term_at(row) if row is not None else None
        if term is not None and self._prompts.confirm(
            self, "Delete term", f"Delete “{term.term}” from glossary “{self._name}”?"
        ):
            self.delete_term(term.term)

    def _record(self, edit: Callable[[], TermChange], text: str) -> bool:
        try:
            change = edit()
        except GlossaryError as error:
            self._prompts.inform(self, "Glossary", str(error))
            return False
        self._undo_stack.push(_TermCommand(self, change, text))
        self._changed()
        return True

    def _apply(self, change: TermChange) -> None:
        try:
            self._store.apply(change)
        except GlossaryError as error:
            self._prompts.inform(self, "Glossary", f"Cannot undo or redo: {error}")
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self.terms_changed.emit(self._name)

    def _selected_row(self) -> int | None:
        rows = self._table.selectionModel().selectedRows()
        return rows[0].row() if rows else None
