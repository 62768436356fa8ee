"""Exporting a glossary handout (PDF or web page) for the open article.

The dialog remembers its format, folder and options for next time, with the
Chinese font a PDF embeds (the fonts found on this computer, another font
file, or the viewer's STSong-Light, not embedded).  The
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
    QLabel,
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
from reader.glossary.handout_fonts import (
    NOT_EMBEDDED,
    HanFont,
    font_from_file,
    installed_fonts,
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
_OTHER_FONT = "other"
_NO_FONT_FOUND = (
    "No TrueType Chinese font was found: the PDF will use STSong-Light, not embedded "
    "(viewers without Adobe's Asian fonts substitute one). Choose a font file to embed one."
)


def _font_key(font: HanFont) -> str:
    """How a font is kept in the list and in the settings: "path#index", "" for none."""
    return f"{font.path}#{font.index}" if font.path is not None else ""


def _font_of_key(key: str) -> HanFont:
    """The font a key names; ReaderError when its file cannot be embedded (any more)."""
    if not key:
        return NOT_EMBEDDED
    path, _, index = key.rpartition("#")
    return font_from_file(path, int(index) if index.isdigit() else 0)


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
        self._font = QComboBox(self)
        self._font.setObjectName("handoutFont")
        self._font.setToolTip("The Chinese font the PDF embeds, so it prints the same everywhere")
        found = installed_fonts()
        for font in found:
            self._font.addItem(font.describe(), _font_key(font))
        self._font.addItem("None: the viewer's STSong-Light (not embedded)", "")
        self._font.addItem("Other font file (.ttf, .ttc)…", _OTHER_FONT)
        self._font.activated.connect(self._font_activated)
        default_font = _font_key(found[0]) if found else ""
        font_key = remembered.text("font", default_font)
        if font_key and not Path(font_key.rpartition("#")[0]).is_file():
            font_key = default_font  # the remembered font file is gone
        self._add_font_file(font_key)
        self._font_notice = QLabel(_NO_FONT_FOUND if not found else "", self)
        self._font_notice.setObjectName("handoutFontNotice")
        self._font_notice.setWordWrap(True)
        self._font_notice.setVisible(not found)
        self._format.currentIndexChanged.connect(self._format_changed)
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
        form.addRow("Chinese font:", self._font)
        form.addRow("", self._font_notice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        export = QPushButton("&Export…", self)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.AcceptRole)
        export.clicked.connect(self.choose_file_and_export)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._format_changed()

    @staticmethod
    def _select(box: QComboBox, value: str) -> None:
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    def _format_changed(self) -> None:
        self._font.setEnabled(self.file_format() == PDF)

    def _font_activated(self, index: int) -> None:
        if self._font.itemData(index) != _OTHER_FONT:
            self._last_font = index
            return
        path = self._prompts.open_file(
            self, "Chinese font to embed", "TrueType fonts (*.ttf *.ttc);;All files (*)"
        )
        if path:
            self._add_font_file(f"{path}#0")
        else:
            self._font.setCurrentIndex(self._last_font)

    def _add_font_file(self, key: str) -> None:
        """Selects the font ``key`` names, adding it to the list when it is not there."""
        index = self._font.findData(key)
        if index < 0:
            index = self._font.count() - 1  # before "Other font file…"
            self._font.insertItem(index, Path(key.rpartition("#")[0]).name, key)
        self._font.setCurrentIndex(index)
        self._last_font = index

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

    def set_font_file(self, path: str | Path, index: int = 0) -> None:
        """Embed the font in ``path`` (checked when the handout is written)."""
        self._add_font_file(f"{path}#{index}")

    def set_font_not_embedded(self) -> None:
        self._add_font_file("")

    def font_choices(self) -> list[str]:
        """The font list as shown."""
        return [self._font.itemText(index) for index in range(self._font.count())]

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
        font_key = str(self._font.currentData())

        def job() -> int:
            handout = compose_handout(glossaries, choices, text, reader)
            font = _font_of_key(font_key) if file_format == PDF else NOT_EMBEDDED
            try:
                _write(handout, file_format, path, font)
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
                font=font_key,
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


def _write(handout: Handout, file_format: str, path: str | Path, font: HanFont) -> None:
    if file_format == PDF:
        from reader.glossary.handout_pdf import write_handout_pdf

        write_handout_pdf(handout, path, font)
    else:
        from reader.glossary.handout_html import build_handout_html

        write_atomically(path, build_handout_html(handout).encode("utf-8"))
