"""Right-click a word ▸ "This is read …": the bundled article, real CC-CEDICT, fresh data."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reader import paths
from reader.annotation.annotator import Annotator
from reader.annotation.cached_annotator import CachedAnnotator
from reader.language.reading_corrections import ReadingCorrections
from reader.ui.article_view import ArticleView
from reader.ui.main_window import MainWindow
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.reading_correction_features import MENU_TITLE, OTHER_READING, OWN_READING

from . import test_warm_start
from .conftest import ANNOTATION_TIMEOUT_MS, RecordingPrompts, start_window

hover_at = test_warm_start.hover
full_annotator_gate = test_warm_start.full_annotator_gate  # a fixture: the full annotator waits

WORD = "重点"  # twice in the article, read zhòng diǎn; CC-CEDICT also has chóng diǎn


@pytest.fixture
def fresh_annotator(data_dir: Path, annotator: Annotator) -> Annotator:
    """The module's dictionary and glossaries with this test's data folder's corrections."""
    return Annotator(annotator.dictionary, annotator.glossaries, ReadingCorrections.load())


@pytest.fixture
def open_corrections_window(
    qtbot, fresh_annotator: Annotator, recorder: RecordingPrompts
) -> Callable[[], MainWindow]:
    def open_() -> MainWindow:
        window = MainWindow(annotator=fresh_annotator, prompts=recorder.prompts())
        window.resize(1000, 700)
        start_window(qtbot, window)
        window.install_features()
        return window

    return open_


def word_point(view: ArticleView, word: str, occurrence: int = 0) -> QPoint:
    """The viewport point over the middle of the ``occurrence``-th token ``word``, in view."""
    start = [token.start for token in view.segmented() if token.text == word][occurrence]
    view.scroll_to_offset(start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 1)
    return view.cursorRect(cursor).center()


def hover(qtbot, view: ArticleView, word: str, occurrence: int = 0) -> None:
    """The mouse moved over the ``occurrence``-th token ``word``; its card is shown."""
    start = [token.start for token in view.segmented() if token.text == word][occurrence]
    hover_at(qtbot, view, start)
    qtbot.waitUntil(view.hover_card().isVisible)


def right_click(qtbot, view: ArticleView, word: str) -> QMenu:
    """The menu a right-click on ``word`` opens."""
    point = word_point(view, word)
    viewport = view.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def reading_menu(menu: QMenu) -> QMenu:
    (submenu,) = [a.menu() for a in menu.actions() if a.text() == MENU_TITLE]
    assert isinstance(submenu, QMenu)
    return submenu


def choose(qtbot, menu: QMenu, action: QAction) -> None:
    action.trigger()
    menu.close()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def shown_readings(view: ArticleView, word: str) -> set[tuple[str, ...]]:
    """The syllables above every occurrence of ``word`` (pinyin above the text)."""
    segmented = view.segmented()
    found = set()
    for index, token in enumerate(segmented):
        if token.text == word:
            view.scroll_to_offset(token.start)
            labels = [label.text for label in view.ruby_labels() if label.index == index]
            found.add(tuple(labels))
    return found


def test_choosing_a_reading_shows_it_at_once_everywhere_and_undo_takes_it_back(
    qtbot, open_corrections_window: Callable[[], MainWindow]
) -> None:
    window = open_corrections_window()
    view = window.view()
    window.set_pinyin_mode(PinyinMode.ABOVE_ALL, remember=False)
    assert shown_readings(view, WORD) == {("zhòng", "diǎn")}

    menu = right_click(qtbot, view, WORD)
    readings = reading_menu(menu)
    labels = [action.text() for action in readings.actions() if action.text()]
    assert labels[:2] == [
        "zhòng diǎn — important point",
        "chóng diǎn — to recount (e.g. results of election)",
    ]
    assert readings.actions()[0].isChecked()  # the reading shown now
    assert OTHER_READING in labels and not any(OWN_READING in label for label in labels)
    assert "Copy" in " ".join(action.text() for action in menu.actions())  # still there
    choose(qtbot, menu, readings.actions()[1])

    assert shown_readings(view, WORD) == {("chóng", "diǎn")}  # both occurrences
    hover(qtbot, view, WORD, occurrence=1)
    card = view.hover_card()
    assert card.pinyin_text() == "chóng diǎn"
    assert card.gloss_text().startswith("to recount")
    assert window.statusBar().currentMessage().startswith(f"{WORD} is read chóng diǎn")
    view.activate(view.current_index())  # the popup: the corrected reading's entry first
    text = view.popup().plain_text()
    assert text.index("chóng diǎn") < text.index("zhòng diǎn")
    assert text.index("to recount") < text.index("important point")
    view.popup().close()
    assert ReadingCorrections.load().reading_for(WORD) == ("chóng", "diǎn")  # saved

    undo = window.action("vocabulary_undo")
    assert undo.isEnabled() and WORD in undo.text()
    undo.trigger()
    assert shown_readings(view, WORD) == {("zhòng", "diǎn")}
    assert ReadingCorrections.load().reading_for(WORD) is None
    window.action("vocabulary_redo").trigger()
    assert shown_readings(view, WORD) == {("chóng", "diǎn")}


def test_other_reading_is_checked_and_asked_again_and_the_own_reading_comes_back(
    qtbot, open_corrections_window: Callable[[], MainWindow], recorder: RecordingPrompts
) -> None:
    window = open_corrections_window()
    view = window.view()
    recorder.texts = ["chong2", "chong2 dian3"]  # one syllable short, then right

    menu = right_click(qtbot, view, WORD)
    other = next(a for a in reading_menu(menu).actions() if a.text() == OTHER_READING)
    choose(qtbot, menu, other)

    assert recorder.texts == []  # asked twice: the first answer was refused
    hover(qtbot, view, WORD)
    assert view.hover_card().pinyin_text() == "chóng diǎn"

    menu = right_click(qtbot, view, WORD)
    own = next(a for a in reading_menu(menu).actions() if a.text().startswith(OWN_READING))
    assert own.text() == f"{OWN_READING} (zhòng diǎn)"
    choose(qtbot, menu, own)

    hover(qtbot, view, "城市")
    hover(qtbot, view, WORD)
    assert view.hover_card().pinyin_text() == "zhòng diǎn"
    assert ReadingCorrections.load().reading_for(WORD) is None


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("ｃｈｏｎｇ２\u3000ｄｉǎｎ", "chóng diǎn"), ("ê4 dian3", "ề diǎn")],
)
def test_other_reading_takes_fullwidth_and_e_circumflex_pinyin_as_the_command_line_does(
    qtbot,
    open_corrections_window: Callable[[], MainWindow],
    recorder: RecordingPrompts,
    typed: str,
    shown: str,
) -> None:
    window = open_corrections_window()
    view = window.view()
    recorder.texts = [typed]

    menu = right_click(qtbot, view, WORD)
    other = next(a for a in reading_menu(menu).actions() if a.text() == OTHER_READING)
    choose(qtbot, menu, other)

    assert recorder.texts == []  # taken at the first answer
    hover(qtbot, view, WORD)
    assert view.hover_card().pinyin_text() == shown
    assert " ".join(ReadingCorrections.load().reading_for(WORD) or ()) == shown


def test_a_file_damaged_while_the_window_is_open_is_set_aside_said_so_and_nothing_lost(
    qtbot, open_corrections_window: Callable[[], MainWindow], recorder: RecordingPrompts
) -> None:
    window = open_corrections_window()
    view = window.view()
    file = paths.reading_corrections_file()
    rows = [{"word": "长城", "pinyin": "zhǎng chéng"}, {"word": "为", "pinyin": "wei9"}]
    file.write_text(json.dumps({"version": 1, "corrections": rows}), encoding="utf-8")
    recorder.texts = ["chong2 dian3"]

    menu = right_click(qtbot, view, WORD)
    other = next(a for a in reading_menu(menu).actions() if a.text() == OTHER_READING)
    with qtbot.waitSignal(window.error_reported) as reported:
        choose(qtbot, menu, other)

    assert "damaged (1 entry could not be read)" in reported.args[0]
    assert {c.word: c.pinyin for c in ReadingCorrections.load().all()} == {
        "长城": ("zhǎng", "chéng"),
        WORD: ("chóng", "diǎn"),
    }
    (moved,) = paths.damaged_dir().iterdir()
    assert json.loads(moved.read_text(encoding="utf-8"))["corrections"] == rows


def test_a_correction_is_there_again_after_a_restart_from_the_saved_annotation(
    qtbot,
    open_corrections_window: Callable[[], MainWindow],
    full_annotator_gate: threading.Event,
) -> None:
    window = open_corrections_window()
    menu = right_click(qtbot, window.view(), WORD)
    chong = next(a for a in reading_menu(menu).actions() if a.data() == "chóng diǎn")
    choose(qtbot, menu, chong)
    window.close()

    # The next start answers from the saved annotation (the reader's own readings)
    # until the full annotator has loaded: the correction is laid over it.
    again = start_window(qtbot, MainWindow())
    assert isinstance(again.annotator(), CachedAnnotator)
    hover(qtbot, again.view(), WORD)
    assert again.view().hover_card().pinyin_text() == "chóng diǎn"
    assert again.view().hover_card().gloss_text().startswith("to recount")

    with qtbot.waitSignal(again.annotator_ready, timeout=ANNOTATION_TIMEOUT_MS):
        full_annotator_gate.set()
    assert isinstance(again.annotator(), Annotator)
    hover(qtbot, again.view(), "城市")
    hover(qtbot, again.view(), WORD)
    assert again.view().hover_card().pinyin_text() == "chóng diǎn"


def test_the_menu_key_offers_the_readings_of_the_current_word(
    qtbot, open_corrections_window: Callable[[], MainWindow]
) -> None:
    window = open_corrections_window()
    view = window.view()
    hover(qtbot, view, WORD)

    corner = QPoint(1, 1)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, corner, view.viewport().mapToGlobal(corner)
    )
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()

    checked = [a.data() for a in reading_menu(menu).actions() if a.isChecked()]
    assert checked == ["zhòng diǎn"]
    menu.close()
