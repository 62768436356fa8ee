"""Exporting a glossary handout (PDF or web page) for the open article.

The dialog remembers its format, folder and options for next time.  The
handout is composed and written in the window's worker (with the article
section, the bundled article takes a few seconds); the dialog waits with its
buttons disabled and closes when the file is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.glossary.exchange import write_atomically
from reader.glossary.handout import Handout, Paper, PinyinReader, QuizKind
from reader.glossary.handout_choices import (
    HandoutChoices,
    article_source,
    compose_handout,
    handout_date,
)
from reader.glossary.store import GlossarySet
from reader.ui.background_worker import BackgroundWorker
from reader.ui.dialogs.remembered_choices import RememberedChoices
from reader.ui.prompts import Prompts
from reader.ui.settings import Settings

HTML, PDF = "html", "pdf"
_FILTERS = {HTML: "Web page (*.html)", PDF: "PDF document (*.pdf)"}
_QUIZ_LABELS = {
    QuizKind.NONE: "No quiz",
    QuizKind.ENGLISH: "Quiz: terms given, write the English",
    QuizKind.TERMS: "Quiz: English given, write the terms",
}


class HandoutExportDialog(QDialog):
    exported = Signal(str, int)
    """A handout was written: (path, number of terms)."""
    failed = Signal(str)
    """A handout was not written (the message the user was shown)."""

    def __init__(
        self,
        active: GlossarySet,
        article_title: str,
        article_text: str | None,
        worker: BackgroundWorker,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
        *,
        reader: PinyinReader | None = None,
        article_path: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoutExport")
        self.setWindowTitle("Export Glossary Handout")
        self._active = active
        self._title = article_title
        self._text = article_text
        self._reader = reader
        self._worker = worker
        self._source = article_source(article_path)
        self._prompts = prompts or Prompts()
        self._remembered = RememberedChoices("handout_export", settings)
        remembered = self._remembered
        has_article = article_text is not None

        self._glossary = QComboBox(self)
        self._glossary.setObjectName("handoutGlossary")
        self._glossary.addItem("All active glossaries", None)
        for glossary in active.glossaries:
            label = "Built-in policy glossary" if glossary.read_only else glossary.name
            self._glossary.addItem(label, glossary.name)
        self._only_in_article = QCheckBox("Only terms that occur in this article", self)
        self._only_in_article.setObjectName("handoutOnlyInArticle")
        self._only_in_article.setChecked(has_article and remembered.flag("only_in_article", True))
        self._only_in_article.setEnabled(has_article)
        self._include_article = QCheckBox(
            "Include the article, with pinyin over every character", self
        )
        self._include_article.setChecked(has_article and remembered.flag("include_article", False))
        self._include_article.setEnabled(has_article)
        self._quiz = QComboBox(self)
        self._quiz.setObjectName("handoutQuiz")
        for kind, label in _QUIZ_LABELS.items():
            self._quiz.addItem(label, kind.value)
        self._teacher = QLineEdit(remembered.text("teacher"), self)
        self._teacher.setObjectName("handoutTeacher")
        self._teacher.setPlaceholderText("printed under the title (optional)")
        self._paper = QComboBox(self)
        self._paper.setObjectName("handoutPaper")
        self._paper.addItem("A4", Paper.A4.value)
        self._paper.addItem("US Letter", Paper.LETTER.value)
        self._format = QComboBox(self)
        self._format.setObjectName("handoutFormat")
        self._format.addItem("PDF", PDF)
        self._format.addItem("Web page (HTML)", HTML)
        self._select(self._quiz, remembered.text("quiz", QuizKind.NONE.value))
        self._select(self._paper, remembered.text("paper", Paper.A4.value))
        self._select(self._format, remembered.text("format", PDF))

        form = QFormLayout()
        form.addRow("Glossary:", self._glossary)
        form.addRow("", self._only_in_article)
        form.addRow("", self._include_article)
        form.addRow("Quiz page:", self._quiz)
        form.addRow("Teacher or class:", self._teacher)
        form.addRow("Paper:", self._paper)
        form.addRow("Format:", self._format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        export = QPushButton("&Export…", self)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.AcceptRole)
        export.clicked.connect(self.choose_file_and_export)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    # Choices (tests set them directly)

    def set_include_article(self, on: bool) -> None:
        self._include_article.setChecked(on)

    def set_quiz(self, kind: QuizKind) -> None:
        self._select(self._quiz, kind.value)

    def set_teacher(self, text: str) -> None:
        self._teacher.setText(text)

    def set_paper(self, paper: Paper) -> None:
        self._select(self._paper, paper.value)

    def set_format(self, file_format: str) -> None:
        self._select(self._format, file_format)

    def file_format(self) -> str:
        return str(self._format.currentData())

    def choices(self) -> HandoutChoices:
        has_article = self._text is not None
        return HandoutChoices(
            title=self._title if has_article and self._title else "Glossary",
            source=self._source,
            date=handout_date(),
            teacher=self._teacher.text().strip(),
            paper=Paper(self._paper.currentData()),
            only_in_article=self._only_in_article.isChecked(),
            include_article=self._include_article.isChecked(),
            quiz=QuizKind(self._quiz.currentData()),
        )

    # Exporting

    def suggested_path(self) -> Path:
        """Where the file chooser starts: the folder exported to last time."""
        name = f"{self._title or 'glossary'} handout.{self.file_format()}"
        return self._remembered.folder() / name

    def choose_file_and_export(self) -> None:
        file_format = self.file_format()
        path = self._prompts.save_file(
            self, "Export handout", str(self.suggested_path()), _FILTERS[file_format]
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the handout to ``path`` in the worker.

        Then ``exported`` is emitted and the dialog closes, or the user is told
        why not and ``failed`` is emitted.
        """
        file_format = self.file_format()
        name = self._glossary.currentData()
        glossaries = (
            self._active
            if name is None
            else GlossarySet([g for g in self._active.glossaries if g.name == name])
        )
        choices = self.choices()
        text, reader = self._text, self._reader

        def job() -> int:
            handout = compose_handout(glossaries, choices, text, reader)
            try:
                _write(handout, file_format, path)
            except OSError as error:  # the core's clean-up can fail too (a file where a folder is)
                raise ReaderError(f"cannot write {path}: {error.strerror or error}") from error
            return len(handout.entries)

        def written(terms: int) -> None:
            self._buttons.setEnabled(True)
            self._remembered.remember(
                format=file_format,
                folder=Path(path).resolve().parent,
                only_in_article=choices.only_in_article,
                include_article=choices.include_article,
                quiz=choices.quiz.value,
                teacher=choices.teacher,
                paper=choices.paper.value,
            )
            self.exported.emit(str(path), terms)
            self.accept()

        def not_written(message: str) -> None:
            self._buttons.setEnabled(True)
            message = f"The handout was not written: {message}"
            self._prompts.inform(self, "Export handout", message)
            self.failed.emit(message)

        self._buttons.setEnabled(False)
        self._worker.submit(job, written, not_written)


def _write(handout: Handout, file_format: str, path: str | Path) -> None:
    if file_format == PDF:
        from reader.glossary.handout_pdf import write_handout_pdf

        write_handout_pdf(handout, path)
    else:
        from reader.glossary.handout_html import build_handout_html

        write_atomically(path, build_handout_html(handout).encode("utf-8"))
