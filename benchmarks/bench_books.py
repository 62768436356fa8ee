"""Books for the lead's benchmark script: a 2 MB novel of 300 chapters, in process.

Target: the first chapter is on screen within 0.5 s of opening a book the library
lists, and the other chapters are read ahead in the background.  Each function
returns seconds (medians where several runs are made).  The anchor is reading
every chapter's text at once, what opening would cost without chapters read on
demand.
"""

from __future__ import annotations

import html
import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader import paths  # noqa: E402
from reader.textio.reading import read_book  # noqa: E402

CHAPTERS = 300
CHAPTER_CHARS = 2_300
"""About 7 KB of UTF-8 a chapter: 300 of them make a 2 MB novel."""


def write_novel(folder: Path) -> Path:
    """An EPUB 3 novel of ``CHAPTERS`` chapters cut from the bundled article's paragraphs."""
    article = (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")
    paragraphs = [line.strip() for line in article.split("\n") if len(line.strip()) > 20]
    names = [f"ch{number:03}.xhtml" for number in range(1, CHAPTERS + 1)]
    path = folder / "novel.epub"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/book.opf"/></rootfiles></container>',
        )
        links = []
        for number, name in enumerate(names):
            body, size, at = [], 0, number
            while size < CHAPTER_CHARS:
                paragraph = paragraphs[at % len(paragraphs)]
                body.append(f"<p>{html.escape(paragraph)}</p>")
                size += len(paragraph)
                at += 7
            title = f"第{number + 1}章"
            book.writestr(
                f"OEBPS/{name}",
                f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>'
                f"<body><h1>{title}</h1>{''.join(body)}</body></html>",
            )
            links.append(f'<li><a href="{name}">{title}</a></li>')
        book.writestr(
            "OEBPS/nav.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f'<body><nav epub:type="toc"><ol>{"".join(links)}</ol></nav></body></html>',
        )
        items = "".join(
            f'<item id="c{n}" href="{name}" media-type="application/xhtml+xml"/>'
            for n, name in enumerate(names)
        )
        book.writestr(
            "OEBPS/book.opf",
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>长篇小说</dc:title></metadata>'
            f'<manifest>{items}<item id="nav" href="nav.xhtml" '
            'media-type="application/xhtml+xml" properties="nav"/></manifest><spine>'
            + "".join(f'<itemref idref="c{n}"/>' for n in range(len(names)))
            + "</spine></package>",
        )
    return path


def text_bytes(path: Path) -> int:
    with zipfile.ZipFile(path) as book:
        return sum(info.file_size for info in book.infolist() if info.filename.endswith(".xhtml"))


def first_chapter_seconds(path: Path, runs: int = 7) -> float:
    """Median seconds to read the book's structure and its first chapter's text."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        read_book(path).chapter_text(0)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def every_chapter_seconds(path: Path, runs: int = 3) -> float:
    """The anchor: median seconds to read the structure and every chapter's text."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        read_book(path).full_text()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def window_seconds(path: Path) -> dict[str, float]:
    """In a window with the annotator loaded: seconds from opening the book for the first
    time to its first chapter painted, to hover ready and to every chapter read ahead; then
    from opening it again from the library (after another article) to painted and hover."""
    from PySide6.QtWidgets import QApplication, QProgressBar

    from reader.annotation.annotator import Annotator
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(annotator=Annotator.create())
    window.show()
    window.start()
    finished: list[float] = []
    window.annotation_finished.connect(lambda: finished.append(time.perf_counter()))
    progress = window.statusBar().findChild(QProgressBar, "readingAheadProgress")
    assert progress is not None

    def wait(condition: Callable[[], bool]) -> None:
        deadline = time.perf_counter() + 600
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError("the window did not get there in ten minutes")
            app.processEvents()
            time.sleep(0.002)

    def open_book() -> tuple[float, float]:
        count = len(finished)
        started = time.perf_counter()
        window.open_path(str(path))
        window.view().viewport().repaint()
        painted = time.perf_counter() - started
        wait(lambda: len(finished) > count)
        return painted, finished[-1] - started

    window.open_initial()
    wait(lambda: bool(finished))
    first_painted, first_hover = open_book()
    started = time.perf_counter() - first_hover
    wait(lambda: not progress.isVisible())
    read_ahead = time.perf_counter() - started
    count = len(finished)
    window.open_initial(str(paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"))
    wait(lambda: len(finished) > count)
    again_painted, again_hover = open_book()
    window.close()
    return {
        "first_painted": first_painted,
        "first_hover_ready": first_hover,
        "read_ahead": read_ahead,
        "again_painted": again_painted,
        "again_hover_ready": again_hover,
    }
