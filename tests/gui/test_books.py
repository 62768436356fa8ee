"""Books and documents in the window: chapters in the library, progress, reading ahead."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reader.annotation.cache import AnnotationCache
from reader.annotation.cached_annotator import CachedAnnotator
from reader.articles import default_article
from reader.library.store import Library
from reader.ui import main_window
from reader.ui.library_panel import LibraryItem, LibraryModel, progress_label
from reader.ui.main_window import MainWindow
from tests.books import (
    BookSpec,
    Chapter,
    PdfLine,
    article_paragraphs,
    epub_members,
    write_epub,
    write_pdf,
)
from tests.gui.layout import lay_out_whole_document

from .conftest import ANNOTATION_TIMEOUT_MS, start_window

OpenWindow = Callable[..., MainWindow]


def novel(tmp_path: Path) -> tuple[Path, list[Chapter]]:
    paragraphs = article_paragraphs()
    chapters = [
        Chapter(f"第{number}章", paragraphs[4 + 3 * number : 10 + 3 * number] * 3)
        for number in range(1, 5)
    ]
    return write_epub(
        tmp_path / "novel.epub", epub_members(BookSpec("城市小说", "某人", chapters))
    ), chapters


def library_rows(window: MainWindow) -> list[tuple[str, int | None, str, str]]:
    model = window.library().model()
    return [
        (
            model.index(row, 0).data(LibraryModel.PathRole),
            model.index(row, 0).data(LibraryModel.ChapterRole),
            model.index(row, 0).data(Qt.ItemDataRole.DisplayRole),
            model.index(row, 0).data(LibraryModel.ProgressTextRole),
        )
        for row in range(model.rowCount())
    ]


def open_and_wait(qtbot, window: MainWindow, path: Path, **options: object) -> None:
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        assert window.open_path(str(path), **options)


def test_a_book_opens_at_its_first_chapter_and_lists_its_chapters(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path, chapters = novel(tmp_path)

    open_and_wait(qtbot, window, path)

    assert window.view().text() == chapters[0].text()
    assert window.windowTitle().startswith("城市小说 — 第1章")
    resolved = str(path.resolve())
    book_rows = [row for row in library_rows(window) if row[0] == resolved]
    assert [(chapter, title) for _, chapter, title, _ in book_rows] == [
        (None, "城市小说"),
        *((n, c.title) for n, c in enumerate(chapters)),
    ]
    assert book_rows[0][3].startswith("EPUB · 某人 · 4 chapters")


def test_choosing_a_chapter_row_opens_that_chapter(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path, chapters = novel(tmp_path)
    open_and_wait(qtbot, window, path)
    model = window.library().model()
    row = model.row_of(str(path.resolve()), 2)
    list_view = window.library().list_view()

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        qtbot.mouseClick(
            list_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=list_view.visualRect(model.index(row, 0)).center(),
        )

    assert window.view().text() == chapters[2].text()
    assert window.current_article().chapter == 2


def test_the_book_row_continues_at_the_chapter_read_last(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path, chapters = novel(tmp_path)
    resolved = str(path.resolve())
    open_and_wait(qtbot, window, path, chapter=2)
    open_and_wait(qtbot, window, Path(default_article().path))
    model = window.library().model()
    list_view = window.library().list_view()
    index = model.index(model.row_of(resolved), 0)
    assert index.data(LibraryModel.ProgressTextRole).endswith("continue: 第3章")

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        qtbot.mouseClick(
            list_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=list_view.visualRect(index).center(),
        )

    assert window.current_article().chapter == 2
    assert window.view().text() == chapters[2].text()


def test_a_hostile_chapter_is_refused_and_the_open_article_stays(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    members = epub_members(BookSpec(chapters=[Chapter("第一章", ["正文。"])]))
    members["OEBPS/chapter1.xhtml"] = b"<p>" + b" " * (9 * 2**20) + b"</p>"
    path = write_epub(tmp_path / "bomb.epub", members)
    before = window.current_article()

    with qtbot.waitSignal(window.error_reported) as failed:
        assert not window.open_path(str(path))

    assert "zip bomb" in failed.args[0]
    assert window.current_article() == before
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.close()


def test_progress_shows_while_scrolling_and_reading_continues_where_it_stopped(
    qtbot, data_dir: Path, open_window: OpenWindow, tmp_path: Path
) -> None:
    path, chapters = novel(tmp_path)
    resolved = str(path.resolve())
    window = open_window()
    open_and_wait(qtbot, window, path, chapter=1)
    window.resize(700, 400)
    qtbot.waitUntil(lambda: window.view().verticalScrollBar().maximum() > 0)
    lay_out_whole_document(window.view())

    window.view().set_scroll_fraction(0.5)

    # Without switching articles, the chapter's row catches up (issue 10: "Not started"),
    # with where the view is now (laying out may still move it a little).
    def chapter_row_shows_where_the_view_is() -> bool:
        label = progress_label(window.view().scroll_fraction())
        return any(r[1] == 1 and r[3].startswith(label) for r in library_rows(window))

    qtbot.waitUntil(chapter_row_shows_where_the_view_is, timeout=5000)
    assert window.view().scroll_fraction() > 0.3
    fraction = window.view().scroll_fraction()
    window.close()

    restarted = open_window()  # same data folder: a restart
    assert restarted.current_article().path == resolved
    assert restarted.current_article().chapter == 1
    assert restarted.view().text() == chapters[1].text()
    entry = Library().entry(resolved)
    assert entry is not None and entry.last_chapter == 1
    assert entry.chapter_progress(1).fraction == pytest.approx(fraction, abs=1e-3)


def test_chapters_are_read_ahead_with_their_known_word_share(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path, chapters = novel(tmp_path)
    resolved = str(path.resolve())
    open_and_wait(qtbot, window, path)

    def all_read() -> bool:
        entry = Library().entry(resolved)
        return entry is not None and all(c.known_share is not None for c in entry.chapters)

    qtbot.waitUntil(all_read, timeout=ANNOTATION_TIMEOUT_MS)
    qtbot.waitUntil(
        lambda: not window.statusBar().findChild(object, "readingAheadProgress").isVisible()
    )
    chapter_labels = [r[3] for r in library_rows(window) if r[0] == resolved and r[1] is not None]
    # Nothing is saved as known in a fresh vocabulary.
    assert chapter_labels and all(label.endswith("0% of words known") for label in chapter_labels)


def test_a_chapter_read_before_opens_from_its_saved_annotation_at_start_up(
    qtbot, data_dir: Path, open_window: OpenWindow, tmp_path: Path, monkeypatch
) -> None:
    path, chapters = novel(tmp_path)
    window = open_window()
    open_and_wait(qtbot, window, path, chapter=1)
    qtbot.waitUntil(
        lambda: AnnotationCache().path_for(chapters[1].text()).exists(),
        timeout=ANNOTATION_TIMEOUT_MS,
    )
    window.close()
    # The full annotator waits until the end of the test: what is shown comes from the cache.
    gate = threading.Event()
    load_full = main_window.full_annotator_for

    def full_annotator_after_the_gate(cached: object) -> object:
        gate.wait(ANNOTATION_TIMEOUT_MS / 1000)
        return load_full(cached)

    monkeypatch.setattr(main_window, "full_annotator_for", full_annotator_after_the_gate)

    restarted = start_window(qtbot, MainWindow())

    assert restarted.view().text() == chapters[1].text()
    assert isinstance(restarted.annotator(), CachedAnnotator)
    assert restarted.is_annotated()
    gate.set()


def test_a_dropped_epub_opens(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path, chapters = novel(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.dropEvent(drop)

    assert window.view().text() == chapters[0].text()


def test_a_pdf_opens_and_a_scan_says_why_not(qtbot, window: MainWindow, tmp_path: Path) -> None:
    lines = ["广州推行河长制以来，河湖变清了，", "市民又回到了河边散步。"]
    document = write_pdf(
        tmp_path / "notice.pdf", [[PdfLine(t, 60, 740 - 18 * n) for n, t in enumerate(lines)]]
    )
    scan = write_pdf(tmp_path / "scan.pdf", [[]], image_only=True)

    open_and_wait(qtbot, window, document)
    assert window.view().text() == "".join(lines)

    with qtbot.waitSignal(window.error_reported, timeout=ANNOTATION_TIMEOUT_MS) as failed:
        window.open_path(str(scan))
    assert "has no text layer" in failed.args[0]
    assert window.view().text() == "".join(lines)
    for box in window.findChildren(QMessageBox, "errorBox"):
        box.close()


def test_a_scan_given_at_start_up_is_reported_and_the_bundled_article_shown(
    qtbot, data_dir: Path, open_window: OpenWindow, tmp_path: Path
) -> None:
    scan = write_pdf(tmp_path / "scan.pdf", [[]], image_only=True)

    window = open_window(str(scan))

    assert window.current_article().title == default_article().title
    assert "has no text layer" in window.last_error()


def test_pasted_texts_stay_in_the_library_after_a_restart(
    qtbot, data_dir: Path, open_window: OpenWindow
) -> None:
    window = open_window()
    QGuiApplication.clipboard().setText("河长制\n\n广州推行河长制，河湖变清了。")
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_from_clipboard()
    saved = window.current_article().path
    window.close()

    restarted = open_window()

    assert any(row[0] == saved and row[2] == "河长制" for row in library_rows(restarted))


def test_library_model_with_chapter_rows_passes_the_model_tester(qtmodeltester) -> None:
    model = LibraryModel()
    model.set_items(
        [
            LibraryItem("/a.txt", "第一篇", 0.0, True),
            LibraryItem("/b.epub", "书", 0.2, False, detail="EPUB · 2 chapters"),
            LibraryItem("/b.epub", "第一章", 0.4, False, chapter=0, detail="40% read"),
            LibraryItem("/b.epub", "第二章", 0.0, False, chapter=1),
        ]
    )
    model.set_current_path("/b.epub", 1)

    qtmodeltester.check(model)
    assert model.index(1, 0).data(LibraryModel.ProgressTextRole) == "EPUB · 2 chapters"
    assert model.index(3, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(2, 0).data(Qt.ItemDataRole.FontRole) is None
