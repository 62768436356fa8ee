"""The article view on the bundled article: hover, keyboard, pinyin modes, zoom, security."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QTextCursor
from PySide6.QtTest import QTest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.language.notation import tone_of
from reader.language.tokens import TokenKind
from reader.textio.reading import read_document
from reader.ui.article_view import DEFAULT_POINT_SIZE, ArticleView
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.tone_colours import pinyin_rich_text, tone_colour


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_document(default_article().path).text


@pytest.fixture
def view(qtbot, annotator: Annotator, article_text: str) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    view.set_text(article_text)
    with qtbot.waitSignal(view.annotation_applied):
        view.set_annotation(annotator.segment(article_text), annotator)
    return view


def point_over(view: ArticleView, offset: int) -> QPoint:
    """The middle of character ``offset`` on screen, after scrolling it into view."""
    view.scroll_to_offset(offset)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset)
    left = view.cursorRect(cursor)
    cursor.setPosition(offset + 1)
    right = view.cursorRect(cursor)
    x = (left.x() + right.x()) // 2 if right.top() == left.top() else left.x() + 3
    return QPoint(x, left.center().y())


def hover(qtbot, view: ArticleView, offset: int) -> None:
    # Qt drops a move to where the mouse already is: go through the margin first.
    QTest.mouseMove(view.viewport(), QPoint(2, 2))
    QTest.mouseMove(view.viewport(), point_over(view, offset))
    qtbot.waitUntil(lambda: view.current_index() == view.segmented().index_at(offset))


def test_hovering_a_glossary_term_shows_its_pinyin_and_glossary_gloss(
    qtbot, view: ArticleView, article_text: str
) -> None:
    offset = article_text.index("河长制")
    point = point_over(view, offset + 1)
    QTest.mouseMove(view.viewport(), QPoint(2, 2))
    with qtbot.waitSignal(view.word_hovered) as hovered:
        QTest.mouseMove(view.viewport(), point)
    index = view.segmented().index_at(offset)
    assert hovered.args == [index]
    card = view.hover_card()
    assert card.isVisible()
    assert card.word_text() == "河长制"
    assert card.pinyin_text() == "hé zhǎng zhì"
    assert card.gloss_text() == "river chief system"


def test_hovering_an_ordinary_word_shows_its_cedict_gloss(
    qtbot, view: ArticleView, article_text: str
) -> None:
    offset = article_text.index("广州")
    hover(qtbot, view, offset)
    card = view.hover_card()
    assert card.word_text() == "广州"
    assert card.pinyin_text() == "guǎng zhōu"
    assert "Guangzhou" in card.gloss_text()


def test_moving_past_the_end_of_a_line_hides_the_card(
    qtbot, view: ArticleView, article_text: str
) -> None:
    hover(qtbot, view, article_text.index("广州"))
    # The first line is a short title: far to its right there is no word.
    view.scroll_to_offset(0)
    view.verticalScrollBar().setValue(0)
    title_point = point_over(view, 0)
    with qtbot.waitSignal(view.word_hovered) as hovered:
        QTest.mouseMove(view.viewport(), QPoint(view.viewport().width() - 30, title_point.y()))
    assert hovered.args == [-1]
    assert not view.hover_card().isVisible()


def test_keyboard_moves_word_by_word_skipping_punctuation(qtbot, view: ArticleView) -> None:
    segmented = view.segmented()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Home)
    first = view.current_index()
    assert first is not None and segmented.token(first).kind is TokenKind.HAN
    visited = [first]
    for _ in range(12):
        QTest.keyClick(view, Qt.Key.Key_Right)
        visited.append(view.current_index())
    assert visited == sorted(visited) and len(set(visited)) == len(visited)
    kinds = {segmented.token(index).kind for index in visited}
    assert kinds <= {TokenKind.HAN, TokenKind.LATIN, TokenKind.NUMBER}
    assert view.hover_card().isVisible()
    assert view.hover_card().word_text() == segmented.token(visited[-1]).text
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert view.current_index() == visited[-2]
    QTest.keyClick(view, Qt.Key.Key_End)
    last = view.current_index()
    assert all(
        segmented.token(index).kind in (TokenKind.PUNCT, TokenKind.SPACE)
        for index in range(last + 1, len(segmented))
    )


def test_enter_opens_the_popup_and_a_asks_to_add_the_word(
    qtbot, view: ArticleView, article_text: str
) -> None:
    hover(qtbot, view, article_text.index("河长制"))
    view.setFocus()
    with qtbot.waitSignal(view.word_activated):
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert view.popup() is not None and view.popup().isVisible()
    assert view.popup().current_word() == "河长制"
    view.popup().close()
    view.setFocus()
    with qtbot.waitSignal(view.add_word_requested) as requested:
        QTest.keyClick(view, Qt.Key.Key_A)
    info, sentence = requested.args
    assert info.token.text == "河长制"
    assert "河长制" in sentence and sentence.endswith(("。", "”", "！", "？", "；"))
    with qtbot.waitSignal(view.status_key_pressed) as pressed:
        QTest.keyClick(view, Qt.Key.Key_2)
    assert pressed.args[0].token.text == "河长制" and pressed.args[1] == 2


def test_clicking_a_word_opens_the_popup(qtbot, view: ArticleView, article_text: str) -> None:
    offset = article_text.index("广州")
    point = point_over(view, offset)
    with qtbot.waitSignal(view.word_activated) as activated:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated.args == [view.segmented().index_at(offset)]
    assert view.popup().isVisible() and view.popup().current_word() == "广州"


def test_pinyin_modes_cycle_and_change_what_is_drawn(qtbot, view: ArticleView) -> None:
    assert view.pinyin_mode() is PinyinMode.HOVER
    assert [mode.next() for mode in PinyinMode] == [
        PinyinMode.HOVER,
        PinyinMode.ABOVE_ALL,
        PinyinMode.ABOVE_UNKNOWN,
        PinyinMode.OFF,
    ]

    def first_glyph_top() -> float:
        layout = view.document().firstBlock().layout()
        line = layout.lineAt(0)
        ascent = QFontMetricsF(view.document().defaultFont()).ascent()
        return layout.position().y() + line.y() + line.ascent() - ascent

    hover_image = view.viewport().grab().toImage()
    line_height = view.document().firstBlock().layout().lineAt(0).height()
    hover_top = first_glyph_top()
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    above_all = view.viewport().grab().toImage()
    assert above_all != hover_image
    assert first_glyph_top() - hover_top > line_height / 3  # room for the first pinyin row

    view.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    assert view.viewport().grab().toImage() == above_all  # no vocabulary yet: like ABOVE_ALL
    view.set_word_status_lookup(lambda word: "known")
    all_known = view.viewport().grab().toImage()
    assert all_known != above_all
    view.set_word_status_lookup(None)


def test_pinyin_off_keeps_the_gloss_but_hides_pinyin(
    qtbot, view: ArticleView, article_text: str
) -> None:
    view.set_pinyin_mode(PinyinMode.OFF)
    hover(qtbot, view, article_text.index("河长制"))
    assert view.hover_card().pinyin_text() == ""
    assert view.hover_card().gloss_text() == "river chief system"


def test_tone_colours_follow_the_convention_and_escape(qtbot) -> None:
    assert tone_colour(1).name() != tone_colour(4).name()
    assert tone_of("zhǎng") == 3
    coloured = pinyin_rich_text(["hé", "<b>"], coloured=True)
    assert tone_colour(2).name() in coloured and "&lt;b&gt;" in coloured and "<b>" not in coloured
    assert pinyin_rich_text(["hé", "zhǎng"], coloured=False) == "hé zhǎng"


def test_zoom_changes_the_font_and_reset_restores_it(qtbot, view: ArticleView) -> None:
    with qtbot.waitSignal(view.font_size_changed):
        view.zoom_in()
    assert view.font_point_size() == DEFAULT_POINT_SIZE + 1
    assert view.document().defaultFont().pointSizeF() == DEFAULT_POINT_SIZE + 1
    view.zoom_out()
    view.zoom_out()
    assert view.font_point_size() == DEFAULT_POINT_SIZE - 1
    view.reset_zoom()
    assert view.font_point_size() == DEFAULT_POINT_SIZE


def test_scroll_position_can_be_saved_and_restored(qtbot, view: ArticleView) -> None:
    # Qt lays a document out in steps on a timer: finish it, so the scroll range
    # is the whole article's and not however much was laid out so far.
    document = view.document()
    document.documentLayout().blockBoundingRect(document.lastBlock())
    view.set_scroll_fraction(0.5)
    fraction = view.scroll_fraction()
    assert 0.4 < fraction < 0.6
    offset = view.first_visible_offset()
    view.verticalScrollBar().setValue(0)
    view.scroll_to_offset(offset)
    # The saved character is back on screen, in the upper part of the view.  (How
    # many characters fit above it depends on the font, so that is not compared.)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset)
    rect = view.cursorRect(cursor)
    assert rect.top() >= 0 and rect.bottom() <= view.viewport().height() / 2
    assert view.first_visible_offset() <= offset


def test_sentence_around_a_word(view: ArticleView, article_text: str) -> None:
    offset = article_text.index("河长制")
    sentence = view.sentence_around(offset)
    assert "河长制" in sentence
    assert "\n" not in sentence
    assert len(sentence) < 300


def test_highlights_are_drawn_and_scrolled_to(qtbot, view: ArticleView, article_text: str) -> None:
    last = article_text.rindex("广州")
    before = view.viewport().grab().toImage()
    view.set_highlights([(0, 2), (last, last + 2)], 1)
    assert view.first_visible_offset() <= last
    assert view.viewport().grab().toImage() != before
    view.set_highlights([], None)
    assert view.highlights() == []


def test_html_article_is_shown_as_text_only(qtbot, tmp_path: Path, annotator: Annotator) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(
        "<html><head><style>body{display:none}</style><script>alert('x')</script></head>"
        "<body><p>你好<img src='file:///etc/passwd'><a href='http://example.com'>链接</a>"
        "</p><p>&lt;b&gt;不是粗体&lt;/b&gt;</p></body></html>",
        encoding="utf-8",
    )
    text = read_document(page).text
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    shown = view.document().toPlainText()
    assert shown == text
    assert "你好" in shown and "<b>不是粗体</b>" in shown
    assert "alert" not in shown and "display" not in shown
    assert "<img" not in view.document().toHtml()


def test_literal_markup_in_plain_text_stays_text(qtbot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    text = "<b>粗</b> <img src='file:///etc/passwd'> &amp; <a href='x'>链接</a>"
    view.set_text(text)
    assert view.document().toPlainText() == text
    assert view.document().allFormats()  # laid out as one plain block
    assert "<img" not in view.document().toHtml()


def test_offsets_survive_characters_outside_the_basic_plane(qtbot, annotator: Annotator) -> None:
    text = "𠮷野家的河长制很好。"
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    # 𠮷 is two UTF-16 units in Qt's document, one character in Python: the middle
    # of 长 is at document position index + 1 + 1.
    document_position = text.index("河长制") + 1 + 1
    point = point_over(view, document_position)
    QTest.mouseMove(view.viewport(), QPoint(2, 2))
    with qtbot.waitSignal(view.word_hovered):
        QTest.mouseMove(view.viewport(), point)
    assert view.hover_card().word_text() == "河长制"


def test_a_screenshot_of_the_view_is_not_blank(qtbot, view: ArticleView) -> None:
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 3
