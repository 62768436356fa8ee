"""Writing an HTML page (a glossary handout) to a PDF file with Qt's rich-text engine.

Works without a window: when no Qt application exists yet, an offscreen
``QGuiApplication`` is created (on Linux without a display the offscreen
platform is chosen first).  Chinese text needs a CJK font installed;
without one Qt draws empty boxes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reader.atomic_files import replace_atomically
from reader.errors import ReaderError

_application = None  # kept alive for the rest of the process once created here


def _ensure_gui_application() -> None:
    global _application
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _application = QGuiApplication([sys.argv[0] if sys.argv else "reader"])


def write_pdf(html: str, path: str | os.PathLike[str], title: str = "") -> int:
    """Render ``html`` to an A4 PDF at ``path``; returns the number of pages.

    The file is written beside the target and moved into place, so a failure
    leaves no half-written PDF.  Raises ReaderError when the file cannot be written.
    """
    _ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    pages = 0

    def render(file: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(file))
        writer.setTitle(title)
        writer.setCreator("duzhe-reader")
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        document = QTextDocument()
        document.setHtml(html)
        painted = writer.pageLayout().paintRectPixels(writer.resolution())
        document.setPageSize(QSizeF(painted.width(), painted.height()))
        pages = document.pageCount()
        document.print_(writer)
        del writer  # finishes the file
        if not file.is_file() or file.stat().st_size == 0:
            raise OSError(f"Qt could not write a PDF to {file}")

    try:
        replace_atomically(path, render)
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from error
    return pages
