"""Importing terms from a CSV, TSV or JSON file: a preview first, nothing written until confirmed.

The preview says how many rows are good and lists every bad row with its line
number and the reason.  Importing merges the good terms into a glossary of the
user's (a new name creates it); the store writes atomically, so a failure
leaves the existing glossary as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import GlossaryError
from reader.glossary.exchange import ImportResult
from reader.glossary.store import GlossaryStore, check_glossary_name
from reader.ui.prompts import Prompts
from reader.wording import counted

IMPORT_FILTER = "Glossary files (*.csv *.tsv *.json *.txt);;All files (*)"
FALLBACK_NAME = "imported"


def default_glossary_name(source: Path) -> str:
    """The file's name without extension, when it can name a glossary."""
    try:
        return check_glossary_name(source.stem)
    except GlossaryError:
        return FALLBACK_NAME


class GlossaryImportDialog(QDialog):
    imported = Signal(str, int, int)
    """Terms were written: (glossary, added, replaced)."""

    def __init__(
        self,
        source: Path,
        result: ImportResult,
        store: GlossaryStore,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryImport")
        self.setWindowTitle(f"Import {source.name}")
        self.resize(640, 420)
        self._source = source
        self._result = result
        self._store = store
        self._prompts = prompts or Prompts()

        good, bad = len(result.terms), len(result.bad_rows)
        summary = f"{counted(good, 'term')} can be imported from {source.name}."
        if bad:
            verb = "has a problem and is" if bad == 1 else "have problems and are"
            summary += f" {counted(bad, 'row')} {verb} left out:"
        self._summary = QLabel(summary, self)
        self._summary.setTextFormat(Qt.TextFormat.PlainText)
        self._summary.setObjectName("importSummary")
        self._summary.setWordWrap(True)
        self._bad_rows = QListWidget(self)
        self._bad_rows.setObjectName("badRows")
        self._bad_rows.addItems([str(row) for row in result.bad_rows])
        self._bad_rows.setVisible(bool(bad))

        self._target = QComboBox(self)
        self._target.setObjectName("importTarget")
        self._target.setEditable(True)
        names = store.names()
        default = default_glossary_name(source)
        self._target.addItems(names if default in names else [default, *names])
        self._target.setCurrentText(default)
        self._target_note = QLabel(self)
        self._target_note.setTextFormat(Qt.TextFormat.PlainText)
        self._target_note.setWordWrap(True)
        self._target.currentTextChanged.connect(self._describe_target)
        form = QFormLayout()
        form.addRow("Into glossary:", self._target)
        form.addRow("", self._target_note)

        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self._import = QPushButton(f"&Import {counted(good, 'term')}", self)
        self._import.setObjectName("importButton")
        self._import.setEnabled(good > 0)
        self._buttons.addButton(self._import, QDialogButtonBox.ButtonRole.AcceptRole)
        self._import.clicked.connect(self.import_terms)
        self._buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._bad_rows, 1)
        layout.addLayout(form)
        layout.addWidget(self._buttons)
        self._describe_target(default)

    def summary_text(self) -> str:
        return self._summary.text()

    def bad_row_texts(self) -> list[str]:
        return [self._bad_rows.item(row).text() for row in range(self._bad_rows.count())]

    def import_button(self) -> QPushButton:
        return self._import

    def target_name(self) -> str:
        return self._target.currentText().strip()

    def set_target_name(self, name: str) -> None:
        self._target.setCurrentText(name)

    def import_terms(self) -> bool:
        """Merge the good terms into the chosen glossary; True when written."""
        if not self._result.terms:
            return False
        target = self.target_name()
        try:
            added, replaced = self._store.merge(target, self._result.terms)
        except GlossaryError as error:
            self._prompts.inform(self, "Import", f"Nothing was imported: {error}")
            return False
        self.imported.emit(target, added, replaced)
        self.accept()
        return True

    def _describe_target(self, name: str) -> None:
        name = name.strip()
        try:
            check_glossary_name(name)
        except GlossaryError as error:
            self._target_note.setText(str(error))
            self._import.setEnabled(False)
            return
        self._import.setEnabled(bool(self._result.terms))
        if name in self._store.names():
            self._target_note.setText(
                f"Terms already in “{name}” with the same characters will be replaced."
            )
        else:
            self._target_note.setText(f"A new glossary “{name}” will be created.")
