"""Exporting a glossary handout (HTML or PDF) for the open article."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import ReaderError
from reader.glossary.exchange import write_atomically
from reader.glossary.handout import PinyinMarkup
from reader.glossary.handout_choices import HandoutChoices, compose_handout
from reader.glossary.store import GlossarySet
from reader.ui.prompts import Prompts

HTML, PDF = "html", "pdf"
_FILTERS = {HTML: "Web page (*.html)", PDF: "PDF document (*.pdf)"}


class HandoutExportDialog(QDialog):
    exported = Signal(str, int)
    """A handout was written: (path, number of terms)."""

    def __init__(
        self,
        active: GlossarySet,
        article_title: str,
        article_text: str | None,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoutExport")
        self.setWindowTitle("Export Glossary Handout")
        self._active = active
        self._title = article_title
        self._text = article_text
        self._prompts = prompts or Prompts()

        self._glossary = QComboBox(self)
        self._glossary.setObjectName("handoutGlossary")
        self._glossary.addItem("All active glossaries", None)
        for glossary in active.glossaries:
            label = "Built-in policy glossary" if glossary.read_only else glossary.name
            self._glossary.addItem(label, glossary.name)
        self._only_in_article = QCheckBox("Only terms that occur in this article", self)
        self._only_in_article.setChecked(article_text is not None)
        self._only_in_article.setEnabled(article_text is not None)
        self._include_article = QCheckBox("Include the article, with pinyin over the terms", self)
        self._include_article.setEnabled(article_text is not None)
        self._format = QComboBox(self)
        self._format.setObjectName("handoutFormat")
        self._format.addItem("Web page (HTML)", HTML)
        self._format.addItem("PDF", PDF)

        form = QFormLayout()
        form.addRow("Glossary:", self._glossary)
        form.addRow("", self._only_in_article)
        form.addRow("", self._include_article)
        form.addRow("Format:", self._format)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        export = QPushButton("&Export…", self)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.AcceptRole)
        export.clicked.connect(self.choose_file_and_export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    # Choices (tests set them directly)

    def set_glossary(self, name: str | None) -> None:
        self._glossary.setCurrentIndex(self._glossary.findData(name))

    def set_only_in_article(self, on: bool) -> None:
        self._only_in_article.setChecked(on)

    def set_include_article(self, on: bool) -> None:
        self._include_article.setChecked(on)

    def set_format(self, file_format: str) -> None:
        self._format.setCurrentIndex(self._format.findData(file_format))

    def file_format(self) -> str:
        return str(self._format.currentData())

    # Exporting

    def choose_file_and_export(self) -> None:
        file_format = self.file_format()
        suggested = f"{self._title or 'glossary'} handout.{file_format}"
        path = self._prompts.save_file(self, "Export handout", suggested, _FILTERS[file_format])
        if path and self.export_to(path):
            self.accept()

    def export_to(self, path: str | Path) -> bool:
        """Write the handout to ``path``; False (after telling the user why) when it fails."""
        file_format = self.file_format()
        name = self._glossary.currentData()
        glossaries = (
            self._active
            if name is None
            else GlossarySet([g for g in self._active.glossaries if g.name == name])
        )
        choices = HandoutChoices(
            title=f"Glossary: {self._title}" if self._text is not None else "Glossary",
            only_in_article=self._only_in_article.isChecked(),
            include_article=self._include_article.isChecked(),
            pinyin_markup=PinyinMarkup.BRACKETS if file_format == PDF else PinyinMarkup.RUBY,
        )
        try:
            handout = compose_handout(glossaries, choices, self._text)
            if file_format == PDF:
                from reader.ui.pdf_export import write_pdf

                write_pdf(handout.html, path, choices.title)
            else:
                write_atomically(path, handout.html.encode("utf-8"))
        except ReaderError as error:
            self._prompts.inform(self, "Export handout", f"The handout was not written: {error}")
            return False
        except OSError as error:  # the core's clean-up can fail too (a file where a folder is)
            reason = error.strerror or str(error)
            self._prompts.inform(
                self,
                "Export handout",
                f"The handout was not written: cannot write {path}: {reason}",
            )
            return False
        self.exported.emit(str(path), handout.terms)
        return True
