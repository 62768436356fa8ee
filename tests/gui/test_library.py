"""The library panel: bundled and opened articles with their progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.articles import bundled_articles, default_article
from reader.ui.library_panel import LibraryItem, LibraryModel, LibraryPanel, progress_label
from tests.gui.layout import lay_out_whole_document

from .conftest import ANNOTATION_TIMEOUT_MS


def rows(model: LibraryModel) -> list[tuple[str, str, float]]:
    return [
        (
            model.index(row, 0).data(LibraryModel.PathRole),
            model.index(row, 0).data(LibraryModel.ProgressTextRole),
            model.index(row, 0).data(LibraryModel.ProgressRole),
        )
        for row in range(model.rowCount())
    ]


def test_library_model_passes_the_model_tester(qtmodeltester) -> None:
    model = LibraryModel()
    model.set_items(
        [
            LibraryItem("/a.txt", "第一篇", 0.0, True),
            LibraryItem("/b.txt", "第二篇", 0.5, False),
            LibraryItem("/c.txt", "第三篇", 1.0, False),
        ]
    )
    model.set_current_path("/b.txt")

    qtmodeltester.check(model)


def test_rows_show_title_and_progress() -> None:
    model = LibraryModel()
    model.set_items(
        [
            LibraryItem("/a.txt", "第一篇", 0.0, True),
            LibraryItem("/b.txt", "第二篇", 0.42, False),
            LibraryItem("/c.txt", "第三篇", 1.0, False),
        ]
    )

    shown = [
        (
            model.index(row, 0).data(Qt.ItemDataRole.DisplayRole),
            model.index(row, 0).data(LibraryModel.ProgressTextRole),
        )
        for row in range(3)
    ]
    assert shown == [("第一篇", "Not started"), ("第二篇", "42% read"), ("第三篇", "Finished")]
    assert "Bundled article" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "/b.txt" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_library_lists_bundled_articles_first(qtbot, data_dir: Path, open_window) -> None:
    window = open_window()
    listed = rows(window.library().model())

    bundled = bundled_articles()
    assert [path for path, _, _ in listed[: len(bundled)]] == [str(a.path) for a in bundled]
    assert window.library().model().index(0, 0).data() == default_article().title
    assert window.library().model().index(0, 0).data(LibraryModel.BundledRole) is True


def test_opened_files_join_the_library_with_their_progress(
    qtbot, data_dir: Path, tmp_path: Path, open_window
) -> None:
    window = open_window()
    bundled_text = window.view().text()
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([bundled_text] * 2), encoding="utf-8")

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_path(str(path))
    window.resize(800, 500)
    qtbot.waitUntil(lambda: window.view().verticalScrollBar().maximum() > 0)
    window.view().set_scroll_fraction(0.5)
    progress = window.view().scroll_fraction()

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_path(str(default_article().path))

    by_path = {p: (text, fraction) for p, text, fraction in rows(window.library().model())}
    assert str(path.resolve()) in by_path
    label, fraction = by_path[str(path.resolve())]
    assert fraction == pytest.approx(progress, abs=1e-3)
    assert label == f"{round(progress * 100)}% read"


def test_choosing_a_library_row_opens_that_article(
    qtbot, data_dir: Path, tmp_path: Path, open_window
) -> None:
    window = open_window()
    path = tmp_path / "other.txt"
    path.write_text("另一篇文章。", encoding="utf-8")
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_path(str(path))
    model = window.library().model()
    bundled_row = model.row_of(str(default_article().path))
    assert bundled_row is not None

    list_view = window.library().list_view()
    index = model.index(bundled_row, 0)
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        qtbot.mouseClick(
            list_view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=list_view.visualRect(index).center(),
        )

    assert window.current_article().title == default_article().title


def test_panel_emits_the_chosen_path(qtbot) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.set_items([LibraryItem("/a.txt", "第一篇", 0.0, False)])

    with qtbot.waitSignal(panel.article_chosen) as chosen:
        panel.list_view().activated.emit(panel.model().index(0, 0))

    assert chosen.args == ["/a.txt"]


def test_progress_of_the_open_article_updates_while_scrolling(
    qtbot, data_dir: Path, tmp_path: Path, open_window
) -> None:
    window = open_window()
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([window.view().text()] * 2), encoding="utf-8")
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_path(str(path))
    window.resize(800, 500)
    qtbot.waitUntil(lambda: window.view().verticalScrollBar().maximum() > 0)
    lay_out_whole_document(window.view())

    window.view().set_scroll_fraction(0.5)

    # No other article is opened and nothing restarts: the row catches up by itself
    # (with where the view is now: laying out a long text may still move it a little).
    def row_shows_where_the_view_is() -> bool:
        shown = dict((p, label) for p, label, _ in rows(window.library().model()))
        return shown[str(path.resolve())] == progress_label(window.view().scroll_fraction())

    qtbot.waitUntil(row_shows_where_the_view_is)
