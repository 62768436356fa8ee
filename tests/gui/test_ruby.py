"""Pinyin above the text (ruby) on the bundled article: layout, zoom, modes, interaction.

Positions are compared with Qt's own layout of the same text (cursor rectangles,
font metrics), so the tests hold whatever font is installed.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlockFormat, QTextCursor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.language.han import is_han
from reader.textio.reading import read_document
from reader.ui.article_view import PINYIN_SCALE, WORD_GAP_EM, ArticleView
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.ruby_rows import tall_point_size


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_document(default_article().path).text


def shown_ruby_view(qtbot, annotator: Annotator, article_text: str) -> ArticleView:
    """A 900×650 view of the article, shown, with pinyin above every word."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    view.set_text(article_text)
    view.set_annotation(annotator.segment(article_text), annotator)
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    return view


@pytest.fixture
def view(qtbot, annotator: Annotator, article_text: str) -> ArticleView:
    return shown_ruby_view(qtbot, annotator, article_text)


def glyph_span(view: ArticleView, position: int) -> tuple[float, float, float]:
    """(left, right, top) of the character's glyph at ``position``, in document coordinates.

    The top is that of the article font's glyphs on the line (its baseline less
    the font's ascent): a line carrying syllables is taller by its pinyin row.
    """
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    rect = view.cursorRect(cursor)
    scroll = QPointF(view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    metrics = QFontMetricsF(view.document().defaultFont())
    width = metrics.horizontalAdvance(view.text()[position])
    left = rect.x() + scroll.x()
    block = view.document().findBlock(position)
    layout = block.layout()
    line = layout.lineForTextPosition(position - block.position())
    baseline = layout.position().y() + line.y() + line.ascent()
    return left, left + width, baseline - metrics.ascent()


def line_glyph_top(view: ArticleView, layout, number: int) -> float:
    """The top of the article font's glyphs on line ``number`` of a block's ``layout``."""
    line = layout.lineAt(number)
    ascent = QFontMetricsF(view.document().defaultFont()).ascent()
    return layout.position().y() + line.y() + line.ascent() - ascent


def glyph_bottom_above(view: ArticleView, position: int) -> float:
    """The bottom of the glyphs of the line above the one holding ``position`` (0 at the top)."""
    descent = QFontMetricsF(view.document().defaultFont()).descent()
    block = view.document().findBlock(position)
    number = block.layout().lineForTextPosition(position - block.position()).lineNumber() - 1
    while number < 0:
        block = block.previous()
        if not block.isValid():
            return 0.0
        if block.length() > 1:  # a blank line has no glyphs (and is narrowed)
            number = block.layout().lineCount() - 1
    layout = block.layout()
    line = layout.lineAt(number)
    return layout.position().y() + line.y() + line.ascent() + descent


def check_layout(view: ArticleView) -> int:
    """Assert the ruby rules for every syllable on screen; how many were checked."""
    labels = view.ruby_labels()
    segmented = view.segmented()
    assert segmented is not None
    rows: dict[float, list] = defaultdict(list)
    for label in labels:
        rows[round(label.baseline, 1)].append(label)
        start, end = segmented.starts[label.index], segmented.ends[label.index]
        syllables = view.annotator().pinyin(segmented, label.index)
        if len(syllables) != end - start:
            continue
        number = syllables.index(label.text) if syllables.count(label.text) == 1 else None
        if number is None:
            continue
        left, right, top = glyph_span(view, start + number)
        # Centred on its character, just above the line it belongs to.
        assert abs((label.left + label.width / 2) - (left + right) / 2) < 1.0, label
        assert top - view._pinyin_band() <= label.baseline < top + 1, label
        # Below the glyphs of the line above: no clipping, no overlap.
        pinyin_ascent = QFontMetricsF(view._pinyin_font()).ascent()
        assert label.baseline - pinyin_ascent >= glyph_bottom_above(view, start) - 0.5, label
    gap = 0.9 * 0.3 * QFontMetricsF(view._pinyin_font()).height()
    for row in rows.values():
        row.sort(key=lambda label: label.left)
        for before, after in zip(row, row[1:], strict=False):
            assert after.left - (before.left + before.width) >= gap, (before, after)
    return len(labels)


@pytest.mark.parametrize("point_size", [10.0, 16.0, 28.0])
def test_each_syllable_is_centred_on_its_character_and_none_overlap(
    qtbot, view: ArticleView, point_size: float
) -> None:
    view.set_font_point_size(point_size)
    assert check_layout(view) > 20
    view.set_scroll_fraction(0.6)
    assert check_layout(view) > 20


def test_pinyin_is_readable_and_scales_with_zoom(view: ArticleView) -> None:
    for point_size in (12.0, 16.0, 30.0):
        view.set_font_point_size(point_size)
        assert view._pinyin_font().pointSizeF() >= 0.55 * point_size
    assert PINYIN_SCALE >= 0.55


def test_words_are_set_apart_and_characters_of_a_word_are_not(
    view: ArticleView, article_text: str
) -> None:
    segmented = view.segmented()
    word_gap = WORD_GAP_EM * QFontMetricsF(view.document().defaultFont()).horizontalAdvance("中")
    start = article_text.index("国家中心城市")
    index = segmented.index_at(start)
    assert segmented.token(index).text == "国家中心城市"
    view.scroll_to_offset(start)
    # Between the word before and this one there is at least the word gap ...
    before_left, before_right, before_top = glyph_span(view, start - 1)
    left, _right, top = glyph_span(view, start)
    if before_top == top and is_han(article_text[start - 1]):
        assert left - before_right >= word_gap - 0.5
    # ... and inside the word only the room its syllables need, no word gap.
    labels = [label for label in view.ruby_labels() if label.index == index]
    assert [label.text for label in labels] == ["guó", "jiā", "zhōng", "xīn", "chéng", "shì"]
    gap = 0.3 * QFontMetricsF(view._pinyin_font()).height()
    for number, (first, second) in enumerate(zip(labels, labels[1:], strict=False)):
        left, right, top = glyph_span(view, start + number)
        next_left, next_right, next_top = glyph_span(view, start + number + 1)
        if next_top != top:
            continue  # the word is cut by a line break here
        advance = right - left
        room = (max(0.0, first.width + gap - advance) + max(0.0, second.width + gap - advance)) / 2
        centres = (next_left + next_right) / 2 - (left + right) / 2
        assert centres <= advance + room + 0.5


def test_the_pinyin_row_of_a_line_entering_from_below_is_drawn(qtbot, view: ArticleView) -> None:
    """The rows cut in half after a wheel scroll: a line below the view has its row on it."""
    block = view.document().findBlock(len(view.text()) // 2)
    while block.length() <= 1:
        block = block.next()
    view.scroll_to_offset(block.position())  # spaces out the paragraphs around it
    height = view.viewport().height()
    layout = block.layout()

    def glyph_top() -> float:
        return line_glyph_top(view, layout, 0)

    # Scroll so that the line's characters are just below the bottom edge.
    view.verticalScrollBar().setValue(int(glyph_top() - height + 1))
    line_top = glyph_top()
    bottom = view.verticalScrollBar().value() + height
    assert bottom - view._pinyin_band() < line_top - 2 and line_top >= bottom - 1
    first = block.position()  # the bundled article has no characters Qt counts twice
    assert any(
        view.segmented().starts[label.index] >= first and label.baseline < bottom
        for label in view.ruby_labels()
    )


def test_wheel_scrolling_keeps_every_row_whole(qtbot, view: ArticleView) -> None:
    for _ in range(12):
        event = QWheelEvent(
            QPointF(200, 200),
            QPointF(view.viewport().mapToGlobal(QPoint(200, 200))),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)
        check_layout(view)
        top = view.verticalScrollBar().value()
        bottom = top + view.viewport().height()
        band = view._pinyin_band()
        shown = {round(label.baseline, 1) for label in view.ruby_labels()}
        # Every line whose pinyin row overlaps the screen has its row among the labels.
        block = view.document().findBlock(view.first_visible_offset())
        while block.isValid() and block.layout().position().y() < bottom:
            layout = block.layout()
            for number in range(layout.lineCount()):
                line_top = line_glyph_top(view, layout, number)
                if line_top - band < bottom and line_top > top and block.length() > 1:
                    assert any(line_top - band <= baseline <= line_top for baseline in shown)
            block = block.next()


def test_no_pinyin_row_where_no_pinyin_is_shown(qtbot, view: ArticleView) -> None:
    view.set_pinyin_mode(PinyinMode.HOVER)
    plain_height = view.document().documentLayout().documentSize().height()
    view.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    view.set_word_status_lookup(lambda word: "known")
    assert view.ruby_labels() == []
    # The paragraphs on screen (others are redone as they come near it) have no row.
    block = view.document().findBlock(view.first_visible_offset())
    bottom = view.verticalScrollBar().value() + view.viewport().height()
    while block.isValid() and block.layout().position().y() < bottom:
        block_format = block.blockFormat()
        assert block_format.topMargin() == 0
        assert block_format.lineHeightType() != QTextBlockFormat.LineHeightTypes.LineDistanceHeight
        block = block.next()
    # Leaving ruby mode leaves nothing of its spacing behind.
    view.set_pinyin_mode(PinyinMode.HOVER)
    assert view.document().documentLayout().documentSize().height() == plain_height


def test_above_unknown_words_spaces_only_the_unknown(view: ArticleView, article_text: str) -> None:
    view.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    view.set_word_status_lookup(lambda word: None if word == "广州" else "known")
    labels = view.ruby_labels()
    assert labels and {label.text for label in labels} <= {"guǎng", "zhōu"}
    check_layout(view)


def test_hover_click_and_keys_work_on_the_spaced_text(
    qtbot, view: ArticleView, article_text: str
) -> None:
    offset = article_text.index("河长制")
    view.scroll_to_offset(offset)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset + 1)
    rect = view.cursorRect(cursor)
    QTest.mouseMove(view.viewport(), QPoint(2, 2))
    QTest.mouseMove(view.viewport(), QPoint(rect.x() + 3, rect.center().y()))
    index = view.segmented().index_at(offset)
    qtbot.waitUntil(lambda: view.current_index() == index)
    assert view.hover_card().word_text() == "河长制"
    with qtbot.waitSignal(view.word_activated):
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 3, rect.center().y())
        )
    assert view.popup().current_word() == "河长制"
    view.popup().close()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    assert view.current_index() is not None and view.current_index() > index


def line_pitches(view: ArticleView, block) -> list[float]:
    """How far the baseline of each line of ``block`` after the first is below the one before."""
    layout = block.layout()
    baselines = [
        layout.lineAt(number).y() + layout.lineAt(number).ascent()
        for number in range(layout.lineCount())
    ]
    return [after - before for before, after in zip(baselines, baselines[1:], strict=False)]


def test_a_line_without_syllables_has_no_pinyin_row(qtbot, view: ArticleView) -> None:
    """Above unknown words: only the lines holding an unknown word are taller by a row."""
    view.set_pinyin_mode(PinyinMode.HOVER)
    document = view.document()
    # A long paragraph in which 广州, the one word left unknown, is on some lines only.
    block = document.begin()
    while block.isValid() and not (block.layout().lineCount() >= 4 and "广州" in block.text()):
        block = block.next()
    assert block.isValid()
    plain = line_pitches(view, block)
    plain_pitch = max(plain)
    view.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    view.set_word_status_lookup(lambda word: None if word == "广州" else "known")
    view.scroll_to_offset(block.position())  # formats the paragraphs around it
    view.verticalScrollBar().setValue(round(block.layout().position().y()))
    first = block.position()  # the bundled article has no characters Qt counts twice
    carrying = set()
    for label in view.ruby_labels():
        start = view.segmented().starts[label.index]
        if first <= start < first + block.length():
            carrying.add(block.layout().lineForTextPosition(start - first).lineNumber())
    layout = block.layout()
    assert carrying and len(carrying) < layout.lineCount()
    # A line is further below the one before by its row if it carries one, else
    # by no more than a little of the row's font below the line before.
    band = view._pinyin_band()
    for number, pitch in enumerate(line_pitches(view, block), start=1):
        if number in carrying:
            assert pitch > plain_pitch + band / 2, (number, pitch, plain_pitch)
        else:
            assert abs(pitch - plain_pitch) < band / 4, (number, pitch, plain_pitch)
    check_layout(view)


def test_lines_keep_no_pinyin_gap_once_pinyin_is_off(qtbot, view: ArticleView) -> None:
    view.set_pinyin_mode(PinyinMode.HOVER)
    plain_height = view.document().documentLayout().documentSize().height()
    for mode in (PinyinMode.OFF, PinyinMode.HOVER):
        view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
        view.set_scroll_fraction(0.5)
        view.set_pinyin_mode(mode)
        assert view.document().documentLayout().documentSize().height() == plain_height


def screen_matches_a_full_repaint(view: ArticleView) -> bool:
    """What the window shows (its backing store) is what painting it afresh gives."""
    shown = view.screen().grabWindow(view.window().winId()).toImage()
    fresh = view.viewport().grab().toImage()
    corner = view.viewport().mapTo(view.window(), QPoint(0, 0))
    shown = shown.copy(corner.x(), corner.y(), fresh.width(), fresh.height())
    return shown.convertToFormat(fresh.format()) == fresh


@pytest.mark.parametrize("point_size", [12.0, 16.0, 24.0])
def test_no_row_is_clipped_after_scrolling(qtbot, view: ArticleView, point_size: float) -> None:
    """Rows drawn cut in half after a scroll: the screen must equal a full repaint."""
    view.set_font_point_size(point_size)
    qtbot.waitUntil(lambda: screen_matches_a_full_repaint(view))
    for delta in (-120, -120, -360, 120, -240, -120):
        event = QWheelEvent(
            QPointF(200, 200),
            QPointF(view.viewport().mapToGlobal(QPoint(200, 200))),
            QPoint(0, 0),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)
        qtbot.waitUntil(lambda: screen_matches_a_full_repaint(view))
        check_layout(view)
    bar = view.verticalScrollBar()
    for step in (7, 33, bar.pageStep() // 2):  # odd amounts, from the scroll bar
        bar.setValue(bar.value() + step)
        qtbot.waitUntil(lambda: screen_matches_a_full_repaint(view))


def test_zoom_mode_and_width_changes_place_syllables_anew(qtbot, view: ArticleView) -> None:
    """The per-paragraph caches of syllables and underlines follow every change of layout."""
    view.set_scroll_fraction(0.3)
    assert check_layout(view) > 20
    for point_size in (18.0, 13.0, 16.0):
        view.set_font_point_size(point_size)
        assert check_layout(view) > 20
    view.resize(700, 650)
    qtbot.waitUntil(lambda: view.viewport().width() < 700)
    assert check_layout(view) > 20
    view.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    view.set_word_status_lookup(lambda word: None if word == "广州" else "known")
    view.scroll_to_offset(view.text().index("广州", len(view.text()) // 3))
    assert {label.text for label in view.ruby_labels()} <= {"guǎng", "zhōu"}
    check_layout(view)
    view.set_word_status_lookup(lambda word: None)  # the vocabulary changed: all unknown
    assert len({label.text for label in view.ruby_labels()}) > 10
    check_layout(view)
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    view.set_scroll_fraction(0.3)
    # Every word of the paragraph on screen has its syllables again.
    segmented = view.segmented()
    block = view.document().findBlock(view.first_visible_offset())
    while block.length() <= 1:
        block = block.next()
    start, end = block.position(), block.position() + block.length() - 1
    words = {
        index
        for index in range(segmented.index_at(start), segmented.index_at(end - 1) + 1)
        if is_han(segmented.token(index).text[0])
    }
    assert words and words <= {label.index for label in view.ruby_labels()}
    assert check_layout(view) > 20


def test_tone_colours_repaint_the_cached_syllables(qtbot, view: ArticleView) -> None:
    view.set_scroll_fraction(0.2)
    coloured = view.viewport().grab().toImage()
    view.set_tone_colours(False)
    plain = view.viewport().grab().toImage()
    assert plain != coloured
    view._block_ruby.clear()  # what the per-paragraph cache holds is what is placed anew
    assert view.viewport().grab().toImage() == plain
    view.set_tone_colours(True)
    assert view.viewport().grab().toImage() == coloured


def test_a_long_text_is_spaced_out_only_near_the_screen(
    qtbot, annotator: Annotator, article_text: str
) -> None:
    """Formatting ahead stops where Qt's layout has got to: not the whole rest of the text."""
    text = "\n\n".join([article_text] * 12)
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    view.show()
    qtbot.waitExposed(view)
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    qtbot.waitUntil(lambda: not view._ruby_timer.isActive())
    blocks = view.document().blockCount()
    assert 0 < len(view._ruby_blocks) < blocks / 4
    assert check_layout(view) > 20


def test_the_row_comes_from_the_characters_only_at_whole_point_sizes(qtbot) -> None:
    font = QFont()
    font.setPointSizeF(16.0)
    assert tall_point_size(font) == 25  # two thirds of it, rounded down as Qt does, is 16
    font.setPointSizeF(16.5)
    assert tall_point_size(font) is None


def test_where_qt_cannot_give_lines_their_own_row_every_line_gets_one(
    qtbot, monkeypatch, annotator: Annotator, article_text: str
) -> None:
    """Another Qt might draw the superscript otherwise: the paragraph then reserves the row."""
    monkeypatch.setattr("reader.ui.article_view.tall_point_size", lambda font: None)
    view = shown_ruby_view(qtbot, annotator, article_text)
    for fraction in (0.0, 0.5):
        view.set_scroll_fraction(fraction)
        assert check_layout(view) > 20
    block = view.document().findBlock(view.first_visible_offset())
    while block.length() <= 1:  # a blank line between paragraphs
        block = block.next()
    assert block.blockFormat().topMargin() > 0
