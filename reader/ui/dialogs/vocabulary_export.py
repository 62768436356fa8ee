"""Vocabulary ▸ Export…: choose a format, which words, and a file; writes with reader.vocab.export.

The dialog is shown non-modally (``show()``), so the window stays usable and tests
can drive it without a blocking ``exec()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import VocabularyError
from reader.ui.dialogs.remembered_choices import RememberedChoices
from reader.vocab.export import ExportFormat, export_words
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Status, WordFilter

FORMAT_LABELS = {
    ExportFormat.APKG: ("Anki package (.apkg)", ".apkg"),
    ExportFormat.ANKI_TEXT: ("Anki text (.txt)", ".txt"),
    ExportFormat.PLECO: ("Pleco flashcards (.txt)", ".txt"),
    ExportFormat.CSV: ("CSV spreadsheet (.csv)", ".csv"),
    ExportFormat.JSON: ("JSON (.json)", ".json"),
}
_ANY = "__any__"
_FIRST_STATUSES = (Status.NEW, Status.LEARNING)  # ticked until the user's own choice is remembered


class VocabularyExportDialog(QDialog):
    exported = Signal(str, int)
    """(file written, number of words)."""

    def __init__(
        self,
        store: VocabularyStore,
        tags: Sequence[str],
        articles: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Vocabulary")
        self.setObjectName("vocabularyExportDialog")
        self._store = store
        self._remembered = RememberedChoices("vocabulary_export")
        remembered = self._remembered

        self._format = QComboBox(self)
        for export_format, (label, _suffix) in FORMAT_LABELS.items():
            self._format.addItem(label, export_format.value)
        self._format.setCurrentIndex(
            max(0, self._format.findData(remembered.text("format", ExportFormat.APKG.value)))
        )
        self._statuses = {status: QCheckBox(status.value.capitalize(), self) for status in Status}
        for status, box in self._statuses.items():
            box.setObjectName(f"exportStatus_{status.value}")
            box.setChecked(remembered.flag(f"status_{status.value}", status in _FIRST_STATUSES))
        statuses = QHBoxLayout()
        for box in self._statuses.values():
            statuses.addWidget(box)
        self._tag = QComboBox(self)
        self._tag.addItem("Any tag", _ANY)
        for tag in tags:
            self._tag.addItem(tag, tag)
        self._article = QComboBox(self)
        self._article.addItem("Any article", _ANY)
        for title in articles:
            self._article.addItem(title, title)
        self._since_on = QCheckBox("Only words added since", self)
        self._since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self._since.setCalendarPopup(True)
        self._since.setDisplayFormat("yyyy-MM-dd")  # the locale's short form can read "2 11 2026"
        self._since.setEnabled(False)
        self._since_on.toggled.connect(self._since.setEnabled)
        since = QHBoxLayout()
        since.addWidget(self._since_on)
        since.addWidget(self._since, 1)
        suffix = FORMAT_LABELS[self.export_format()][1]
        self._path = QLineEdit(str(remembered.folder() / f"vocabulary{suffix}"), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self._path, 1)
        file_row.addWidget(browse)
        self._message = QLabel(self)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setObjectName("exportMessage")
        self._message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Format:", self._format)
        form.addRow("Statuses:", statuses)
        form.addRow("Tag:", self._tag)
        form.addRow("Article:", self._article)
        form.addRow("", since)
        form.addRow("File:", file_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._export_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._export_button.setText("Export")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        self._format.currentIndexChanged.connect(self._format_changed)

    # -- choices (also what tests set) -------------------------------------------

    def set_format(self, export_format: ExportFormat) -> None:
        self._format.setCurrentIndex(self._format.findData(export_format.value))

    def set_path(self, path: str | Path) -> None:
        self._path.setText(str(path))

    def path(self) -> Path:
        return Path(self._path.text().strip()).expanduser()

    def export_format(self) -> ExportFormat:
        return ExportFormat(self._format.currentData())

    def word_filter(self) -> WordFilter:
        tag = self._tag.currentData()
        article = self._article.currentData()
        return WordFilter(
            statuses=frozenset(s for s, box in self._statuses.items() if box.isChecked()),
            tag=None if tag == _ANY else tag,
            article=None if article == _ANY else article,
            added_since=self._added_since(),
        )

    def _added_since(self) -> date | None:
        if not self._since_on.isChecked():
            return None
        since = self._since.date().toPython()
        assert isinstance(since, date)  # PySide6 types toPython() as object; a QDate gives a date
        return since

    def message(self) -> str:
        return self._message.text()

    # -- actions ------------------------------------------------------------------

    def export(self) -> int | None:
        """Write the chosen words; returns how many, or None (the reason is shown)."""
        if not self._path.text().strip():
            self._message.setText("Choose a file to export to.")
            return None
        if not any(box.isChecked() for box in self._statuses.values()):
            self._message.setText("Tick at least one status to export.")
            return None
        try:
            words = self._store.words(self.word_filter())
            if not words:
                self._message.setText("No saved word matches these choices; nothing was written.")
                return None
            count = export_words(words, self.path(), self.export_format())
        except VocabularyError as error:
            self._message.setText(str(error))
            return None
        self._remembered.remember(
            format=self.export_format().value,
            folder=self.path().resolve().parent,
            **{f"status_{s.value}": box.isChecked() for s, box in self._statuses.items()},
        )
        self.exported.emit(str(self.path()), count)
        self.accept()
        return count

    def _format_changed(self) -> None:
        suffix = FORMAT_LABELS[self.export_format()][1]
        text = self._path.text().strip()
        if text:
            self._path.setText(str(Path(text).with_suffix(suffix)))

    def _browse(self) -> None:
        label, suffix = FORMAT_LABELS[self.export_format()]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export vocabulary", str(self.path()), f"{label} (*{suffix})"
        )
        if chosen:
            self._path.setText(chosen)
