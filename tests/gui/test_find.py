"""The find bar: characters, pinyin without tones, next/previous, count, Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.textio.reading import read_document
from reader.ui.article_view import ArticleView
from reader.ui.find_bar import FindBar


@pytest.fixture
def bar(qtbot, annotator: Annotator) -> FindBar:
    text = read_document(default_article().path).text
    view = ArticleView()
    bar = FindBar(view)
    qtbot.addWidget(view)
    qtbot.addWidget(bar)
    view.resize(900, 650)
    view.show()
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    bar.show()
    return bar


def wait_for_pinyin(qtbot, bar: FindBar) -> None:
    qtbot.waitUntil(lambda: not bar.is_indexing(), timeout=30_000)


def test_pinyin_without_tones_finds_the_river_chief_system(qtbot, bar: FindBar) -> None:
    text = bar.view().text()
    bar.set_query("hezhangzhi")
    wait_for_pinyin(qtbot, bar)
    start = text.index("河长制")
    assert (start, start + 3) in bar.matches()
    assert bar.view().highlights() == bar.matches()
    assert bar.count_text() == f"{bar.current_match() + 1} of {len(bar.matches())}"


def test_characters_next_previous_and_count(qtbot, bar: FindBar) -> None:
    text = bar.view().text()
    bar.set_query("广州")
    total = text.count("广州")
    assert len(bar.matches()) == total
    assert bar.count_text() == f"1 of {total}"
    QTest.keyClick(bar.field(), Qt.Key.Key_Return)
    assert bar.count_text() == f"2 of {total}"
    QTest.keyClick(bar.field(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(bar.field(), Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text() == f"{total} of {total}"
    QTest.keyClick(bar.field(), Qt.Key.Key_F3)
    assert bar.count_text() == f"1 of {total}"


def test_typing_searches_after_a_pause(qtbot, bar: FindBar) -> None:
    with qtbot.waitSignal(bar.matches_changed) as changed:
        QTest.keyClicks(bar.field(), "guangzhou")
    wait_for_pinyin(qtbot, bar)
    qtbot.waitUntil(lambda: len(bar.matches()) >= bar.view().text().count("广州"))
    assert changed.args[0] >= 1


def test_no_matches_is_said(bar: FindBar) -> None:
    bar.set_query("没有这样的词语")
    assert bar.matches() == []
    assert bar.count_text() == "No matches"


def test_escape_closes_and_clears_highlights(qtbot, bar: FindBar) -> None:
    bar.set_query("广州")
    assert bar.view().highlights()
    QTest.keyClick(bar.field(), Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert bar.view().highlights() == []
