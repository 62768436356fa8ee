"""The window's layout at common sizes: a readable column, whole sidebar tabs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDateEdit, QDockWidget

from reader.ui.article_view import MEASURE_EMS
from reader.ui.main_window import MainWindow
from reader.ui.status_legend import StatusLegend
from reader.ui.vocabulary_features import install_vocabulary_features
from reader.vocab.store import VocabularyStore


@pytest.fixture
def store(data_dir: Path):
    opened = VocabularyStore.open()
    yield opened
    opened.close()


def column_characters(window: MainWindow) -> float:
    """How many characters of the article font fit on one line of the text."""
    view = window.view()
    frame = view.document().rootFrame().frameFormat()
    width = view.viewport().width() - frame.leftMargin() - frame.rightMargin()
    return width / QFontMetricsF(view.document().defaultFont()).horizontalAdvance("中")


def test_sidebar_tabs_are_never_cut_off(qtbot, window: MainWindow, store) -> None:
    install_vocabulary_features(window, store)
    for width in (1024, 1400, 1920):
        window.resize(width, 700)
        qtbot.waitUntil(lambda wanted=width: window.width() == wanted)
        tabs = window.sidebar().tabBar()
        titles = [tabs.tabText(index) for index in range(tabs.count())]
        assert "Vocabulary" in titles
        for index in range(tabs.count()):
            rect = tabs.tabRect(index)
            assert rect.right() <= tabs.width()
            text_width = QFontMetricsF(tabs.font()).horizontalAdvance(titles[index])
            assert rect.width() >= text_width


def test_narrow_windows_fold_the_panels_and_keep_a_readable_column(
    qtbot, window: MainWindow
) -> None:
    library = window.findChild(QDockWidget, "libraryDock")
    sidebar = window.sidebar().parent()
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: library.isVisible() and sidebar.isVisible())
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not library.isVisible())
    qtbot.waitUntil(lambda: column_characters(window) >= 24)
    window.resize(1600, 900)
    qtbot.waitUntil(library.isVisible)
    assert sidebar.isVisible()


def test_wide_windows_keep_lines_to_a_comfortable_length(qtbot, window: MainWindow) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    qtbot.waitUntil(lambda: column_characters(window) <= MEASURE_EMS + 1)
    assert column_characters(window) >= MEASURE_EMS - 2


def test_colouring_by_status_shows_what_the_colours_mean(qtbot, window: MainWindow, store) -> None:
    features = install_vocabulary_features(window, store)
    legend = window.findChild(StatusLegend, "statusLegend")
    features.colouring().set_colouring(False)
    assert not legend.isVisible()
    features.colouring().set_colouring(True)
    qtbot.waitUntil(legend.isVisible)
    assert legend.names() == ["Unknown", "Learning", "Known"]


def test_the_export_date_filter_reads_as_a_date(qtbot, window: MainWindow, store) -> None:
    features = install_vocabulary_features(window, store)
    dialog = features.files().open_export_dialog()
    edit = dialog.findChild(QDateEdit)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", edit.text())
    dialog.reject()


def test_panels_folded_for_a_narrow_window_come_back_after_a_restart(
    qtbot, window: MainWindow, open_window
) -> None:
    library = window.findChild(QDockWidget, "libraryDock")
    window.resize(1600, 900)
    qtbot.waitUntil(library.isVisible)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not library.isVisible())
    window.close()
    again = open_window()
    assert again.findChild(QDockWidget, "libraryDock").isHidden()  # still narrow
    again.resize(1600, 900)
    qtbot.waitUntil(again.findChild(QDockWidget, "libraryDock").isVisible)


def shown_panels(window: MainWindow) -> list[str]:
    return [dock.objectName() for dock in window.findChildren(QDockWidget) if dock.isVisible()]


def column_kept(window: MainWindow) -> bool:
    """The panels left the article its readable column, or are all folded away."""
    return window.view().width() >= window.readable_column() or not shown_panels(window)


@pytest.mark.parametrize("size", [(800, 500), (900, 600), (1024, 700)])
def test_a_restart_at_the_same_narrow_size_keeps_the_column_readable(
    qtbot, window: MainWindow, open_window, size: tuple[int, int]
) -> None:
    """A hidden panel reports only its least width: taken for its real width, a panel
    folded away at the last close came back into a window too narrow for it."""
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and column_kept(window))
    panels = shown_panels(window)
    window.close()

    again = open_window()
    again.resize(*size)
    qtbot.waitUntil(lambda: again.width() == size[0])
    qtbot.waitUntil(lambda: column_kept(again))
    assert shown_panels(again) == panels
