"""Vocabulary ▸ Export…: choose a format, which words, and a file; writes with reader.vocab.export.

The dialog is shown non-modally (``show()``), so the window stays usable and tests
can drive it without a blocking ``exec()``.  The file is written in the window's
background worker: an Anki package with audio runs espeak-ng once per word,
which takes seconds for a few hundred words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QCloseEvent
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
from reader.speech.espeak import NO_SOUND_MAKER, EspeakSynthesizer
from reader.ui.background_worker import BackgroundWorker
from reader.ui.dialogs.remembered_choices import RememberedChoices
from reader.ui.settings import Settings
from reader.vocab.export import ExportFormat, WordAudio, export_words
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
AUDIO_LABEL = "Add the sound of each word"
ONLY_APKG_HAS_AUDIO = "Only an Anki package (.apkg) carries sound files."


class VocabularyExportDialog(QDialog):
    exported = Signal(str, int)
    """(file written, number of words)."""

    def __init__(
        self,
        store: VocabularyStore,
        tags: Sequence[str],
        articles: Sequence[str],
        worker: BackgroundWorker,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Vocabulary")
        self.setObjectName("vocabularyExportDialog")
        self._store = store
        self._worker = worker
        self._exporting = False
        self._sound_maker = EspeakSynthesizer()
        self._remembered = RememberedChoices("vocabulary_export", settings)
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
        self._audio = QCheckBox(AUDIO_LABEL, self)
        self._audio.setObjectName("exportAudio")
        self._audio.setChecked(remembered.flag("audio", False))
        self._audio_note = QLabel(self)
        self._audio_note.setTextFormat(Qt.TextFormat.PlainText)
        self._audio_note.setObjectName("exportAudioNote")
        self._audio_note.setWordWrap(True)
        self._audio_note.setEnabled(False)  # drawn greyed: a remark, not a choice
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
        form.addRow("Audio:", self._audio)
        form.addRow("", self._audio_note)
        form.addRow("File:", file_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._export_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._export_button.setText("Export")
        self._export_button.setObjectName("exportButton")
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        self._format.currentIndexChanged.connect(self._format_changed)
        self._show_audio_choice()

    # -- choices (also what tests set) -------------------------------------------

    def set_format(self, export_format: ExportFormat) -> None:
        self._format.setCurrentIndex(self._format.findData(export_format.value))

    def set_path(self, path: str | Path) -> None:
        self._path.setText(str(path))

    def with_audio(self) -> bool:
        """Whether the export will carry sound (ticked, and possible for this format here)."""
        return self._audio.isEnabled() and self._audio.isChecked()

    def audio_note(self) -> str:
        """The line under the audio choice: why there is none, or ""."""
        return self._audio_note.text()

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

    def export(self) -> bool:
        """Start writing the chosen words in the worker; False if it did not start.

        ``exported`` follows when the file is written; a problem is shown in the
        dialog, which stays open.
        """
        if self._exporting:
            return False
        if not self._path.text().strip():
            self._message.setText("Choose a file to export to.")
            return False
        if not any(box.isChecked() for box in self._statuses.values()):
            self._message.setText("Tick at least one status to export.")
            return False
        try:
            words = self._store.words(self.word_filter())
        except VocabularyError as error:
            self._message.setText(str(error))
            return False
        if not words:
            self._message.setText("No saved word matches these choices; nothing was written.")
            return False
        path, chosen = self.path(), self.export_format()
        audio: WordAudio | None = self._sound_maker if self.with_audio() else None
        self._set_exporting(True, len(words), audio is not None)

        def job() -> int:  # in the worker: only the core, no widget
            return export_words(words, path, chosen, audio)

        self._worker.submit(job, lambda count: self._written(path, count), self._failed)
        return True

    def _written(self, path: Path, count: int) -> None:
        self._set_exporting(False)
        self._remembered.remember(
            format=self.export_format().value,
            folder=path.resolve().parent,
            audio=self._audio.isChecked(),
            **{f"status_{s.value}": box.isChecked() for s, box in self._statuses.items()},
        )
        self.exported.emit(str(path), count)
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_exporting(False)
        self._message.setText(message)

    def _set_exporting(self, on: bool, count: int = 0, audio: bool = False) -> None:
        self._exporting = on
        self._export_button.setEnabled(not on)
        if on:
            sounds = " and the sound of each" if audio else ""
            self._message.setText(f"Exporting {count:,} word{'s' if count != 1 else ''}{sounds}…")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self._exporting:  # the worker's answer needs the dialog to land in
            self._message.setText("The export is still being written; it closes when done.")
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self._exporting:
            self._message.setText("The export is still being written; it closes when done.")
            return
        super().reject()

    def _format_changed(self) -> None:
        suffix = FORMAT_LABELS[self.export_format()][1]
        text = self._path.text().strip()
        if text:
            self._path.setText(str(Path(text).with_suffix(suffix)))
        self._show_audio_choice()

    def _show_audio_choice(self) -> None:
        """The audio box is enabled only where sound can be made; the line under it says why not."""
        if self.export_format() is not ExportFormat.APKG:
            reason = ONLY_APKG_HAS_AUDIO
        elif not self._sound_maker.available():
            reason = f"No audio: {NO_SOUND_MAKER}."
        else:
            reason = ""
        self._audio.setEnabled(not reason)
        self._audio.setToolTip(
            reason or "Each card plays the word, spoken by espeak-ng's Mandarin voice"
        )
        self._audio_note.setText(reason)
        self._audio_note.setVisible(bool(reason))

    def _browse(self) -> None:
        label, suffix = FORMAT_LABELS[self.export_format()]
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Export vocabulary", str(self.path()), f"{label} (*{suffix})"
        )
        if chosen:
            self._path.setText(chosen)
