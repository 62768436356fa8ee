"""The find bar: characters, pinyin without tones, next/previous, count, Esc."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.errors import ReaderError
from reader.find import ArticleSearch
from reader.textio.reading import read_document
from reader.ui.article_view import ArticleView
from reader.ui.background_worker import BackgroundWorker
from reader.ui.find_bar import FindBar


@pytest.fixture
def worker() -> Iterator[BackgroundWorker]:
    worker = BackgroundWorker()
    yield worker
    worker.shutdown()


@pytest.fixture
def bar(qtbot, annotator: Annotator, worker: BackgroundWorker) -> FindBar:
    text = read_document(default_article().path).text
    view = ArticleView()
    bar = FindBar(view, worker)
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
    counts: list[int] = []
    bar.matches_changed.connect(counts.append)
    QTest.keyClicks(bar.field(), "guangzhou")
    wait_for_pinyin(qtbot, bar)
    expected = bar.view().text().count("广州")
    qtbot.waitUntil(lambda: len(bar.matches()) >= expected)
    # Not one search per key: literal matches while the pinyin is read, then the rest.
    assert 1 <= len(counts) < len("guangzhou")
    assert counts[-1] == len(bar.matches()) >= expected


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


def test_a_failed_pinyin_index_is_said_and_characters_still_work(
    qtbot, annotator: Annotator, worker: BackgroundWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(_search: ArticleSearch) -> object:
        raise ReaderError("the article changed while it was read")

    monkeypatch.setattr(ArticleSearch, "build_pinyin_index", fail)
    text = read_document(default_article().path).text
    view = ArticleView()
    bar = FindBar(view, worker)
    qtbot.addWidget(view)
    qtbot.addWidget(bar)
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    with qtbot.waitSignal(bar.indexing_failed) as failure:
        bar.show()
        bar.set_query("hezhangzhi")

    assert failure.args == ["the article changed while it was read"]
    assert not bar.is_indexing()
    assert bar.count_text() == "Pinyin search failed"
    bar.set_query("广州")
    assert bar.count_text().endswith(f" of {text.count('广州')}")
