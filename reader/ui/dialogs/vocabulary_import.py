"""Vocabulary ▸ Import…: read a word list, show every bad line, and save only when confirmed.

"Preview" parses the file and asks the store how many words would be added or
merged; nothing is written until "Import" is pressed, and then all good words
are merged in one transaction.  Shown non-modally (``show()``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import VocabularyError
from reader.vocab.importing import IMPORTABLE, ImportPlan, parse_import
from reader.vocab.store import ImportOutcome, VocabularyStore
from reader.wording import counted

_FROM_EXTENSION = "__extension__"
IMPORT_FILTER = "Word lists (*.csv *.json *.txt);;All files (*)"


class VocabularyImportDialog(QDialog):
    imported = Signal(object)
    """The words were saved (the ``ImportOutcome``)."""

    def __init__(self, store: VocabularyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Vocabulary")
        self.setObjectName("vocabularyImportDialog")
        self._store = store
        self._plan: ImportPlan | None = None

        self._path = QLineEdit(self)
        self._path.setPlaceholderText("A CSV, JSON, Pleco or Anki text file")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self._path, 1)
        file_row.addWidget(browse)
        self._format = QComboBox(self)
        self._format.addItem("From the file name", _FROM_EXTENSION)
        for import_format in IMPORTABLE:
            self._format.addItem(import_format.value, import_format.value)
        self._preview_button = QPushButton("Preview", self)
        self._preview_button.clicked.connect(self.preview)
        self._summary = QLabel("Choose a file and press Preview; nothing is saved before Import.")
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setObjectName("importSummary")
        self._summary.setWordWrap(True)
        self._bad_lines = QListWidget(self)
        self._bad_lines.setObjectName("importBadLines")

        form = QFormLayout()
        form.addRow("File:", file_row)
        form.addRow("Format:", self._format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self._import_button = buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self._import_button.setEnabled(False)
        self._import_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._preview_button)
        layout.addWidget(self._summary)
        layout.addWidget(QLabel("Lines that will be skipped:", self))
        layout.addWidget(self._bad_lines, 1)
        layout.addWidget(buttons)
        self._path.textChanged.connect(self._forget_plan)
        self._format.currentIndexChanged.connect(self._forget_plan)

    def set_path(self, path: str | Path) -> None:
        self._path.setText(str(path))

    def summary(self) -> str:
        return self._summary.text()

    def bad_lines_shown(self) -> list[str]:
        return [self._bad_lines.item(row).text() for row in range(self._bad_lines.count())]

    def can_import(self) -> bool:
        return self._import_button.isEnabled()

    def preview(self) -> ImportPlan | None:
        """Read the file and show what importing would do; writes nothing."""
        self._forget_plan()
        text = self._path.text().strip()
        if not text:
            self._summary.setText("Choose a file to import.")
            return None
        chosen = self._format.currentData()
        try:
            plan = parse_import(
                Path(text).expanduser(), None if chosen == _FROM_EXTENSION else chosen
            )
            outcome = self._store.import_preview(plan)
        except VocabularyError as error:
            self._summary.setText(str(error))
            return None
        for bad in plan.bad:
            shown = f"Line {bad.line}: {bad.reason}"
            if bad.text:
                shown += f" — {bad.text}"
            self._bad_lines.addItem(shown)
        self._summary.setText(
            f"{plan.summary()}. Importing adds {counted(outcome.added, 'new word')} and merges "
            f"{outcome.merged:,} into words already saved."
            + (" Nothing to import." if not plan.good else "")
        )
        self._plan = plan
        self._import_button.setEnabled(bool(plan.good))
        return plan

    def apply(self) -> ImportOutcome | None:
        """Save the previewed words (one transaction); None when there is nothing to save."""
        if self._plan is None or not self._plan.good:
            return None
        try:
            outcome = self._store.apply_import(self._plan)
        except VocabularyError as error:
            self._summary.setText(str(error))
            return None
        self.imported.emit(outcome)
        self.accept()
        return outcome

    def _forget_plan(self) -> None:
        self._plan = None
        self._import_button.setEnabled(False)
        self._bad_lines.clear()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import vocabulary", self._path.text(), IMPORT_FILTER
        )
        if chosen:
            self._path.setText(chosen)
