"""A warm start: the open article's saved annotation answers hover before the full annotator."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from reader.annotation.annotator import Annotator
from reader.annotation.cache import AnnotationCache, save_annotation
from reader.annotation.cached_annotator import CachedAnnotator
from reader.articles import default_article
from reader.textio.reading import read_document
from reader.ui import main_window
from reader.ui.article_view import ArticleView
from reader.ui.main_window import MainWindow

from .conftest import ANNOTATION_TIMEOUT_MS, start_window


@pytest.fixture
def article_text() -> str:
    return read_document(default_article().path).text


@pytest.fixture
def warm_cache(data_dir: Path, article_text: str) -> Annotator:
    """The bundled article saved by a full annotator of this data directory."""
    full = Annotator.create()
    assert save_annotation(full, full.segment(article_text), AnnotationCache())
    return full


def hover(qtbot, view: ArticleView, offset: int) -> None:
    """Move the mouse over character ``offset``, sent straight to the view.

    A move through the window system can land on another top-level window
    left over from an earlier test; the view's answer is what is tested.
    """
    view.scroll_to_offset(offset)
    cursor = QTextCursor(view.document())
    cursor.setPosition(offset + 1)
    point = QPointF(view.cursorRect(cursor).center())
    viewport = view.viewport()
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        QPointF(viewport.mapToGlobal(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.waitUntil(lambda: view.current_index() == view.segmented().index_at(offset))


def offset_of_token(annotator: Annotator, text: str, word: str) -> int:
    """Where ``word`` first stands as a token of its own (城市, not 超大城市)."""
    return next(token.start for token in annotator.segment(text) if token.text == word)


@pytest.fixture
def full_annotator_gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Set it to let the full annotator load: until then the cached one stays in use."""
    gate = threading.Event()
    load_full = main_window.full_annotator_for

    def full_annotator_after_the_gate(cached: object) -> object:
        gate.wait(ANNOTATION_TIMEOUT_MS / 1000)
        return load_full(cached)

    monkeypatch.setattr(main_window, "full_annotator_for", full_annotator_after_the_gate)
    return gate


def test_the_first_annotation_comes_from_the_cache_then_the_full_annotator_takes_over(
    qtbot, full_annotator_gate: threading.Event, warm_cache: Annotator, article_text: str
) -> None:
    window = MainWindow()
    window.resize(1000, 700)
    start_window(qtbot, window)

    view = window.view()
    assert isinstance(window.annotator(), CachedAnnotator)
    assert view.annotator() is window.annotator()
    assert window.is_annotated()
    stats = window.sidebar().article_tab().stats()
    assert stats is not None and stats.words > 1000

    hover(qtbot, view, article_text.index("河长制"))
    card = view.hover_card()
    assert card.isVisible()
    assert (card.word_text(), card.pinyin_text()) == ("河长制", "hé zhǎng zhì")
    assert card.gloss_text() == "river chief system"
    hover(qtbot, view, offset_of_token(warm_cache, article_text, "城市"))
    assert (card.word_text(), card.pinyin_text()) == ("城市", "chéng shì")
    assert card.gloss_text().startswith("city")

    segmented = view.segmented()
    scrolled = view.verticalScrollBar().value()
    with qtbot.waitSignal(window.annotator_ready, timeout=ANNOTATION_TIMEOUT_MS):
        full_annotator_gate.set()
    full = window.annotator()
    assert isinstance(full, Annotator)
    assert view.annotator() is full
    # the same tokens, still at the same place: nothing was re-read or moved
    assert view.segmented() is segmented
    assert view.verticalScrollBar().value() == scrolled
    assert window.is_annotated()
    index = segmented.index_at(offset_of_token(warm_cache, article_text, "城市"))
    assert view.word_info(index) == warm_cache.word_info(warm_cache.segment(article_text), index)


def test_another_article_opened_before_the_full_annotator_waits_for_it(
    qtbot, full_annotator_gate: threading.Event, warm_cache: Annotator, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("河长制让城市的河流更干净。", encoding="utf-8")
    window = start_window(qtbot, MainWindow())
    assert isinstance(window.annotator(), CachedAnnotator)

    assert window.open_path(str(other))
    assert not window.is_annotated()  # the cached annotator knows only the bundled article
    assert window.statusBar().currentMessage() == "Loading the dictionary…"
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        full_annotator_gate.set()
    assert isinstance(window.annotator(), Annotator)
    assert window.view().segmented().text == "河长制让城市的河流更干净。"
    assert window.is_annotated()


def test_a_cold_start_saves_the_article_for_the_next_start(
    qtbot, data_dir: Path, article_text: str
) -> None:
    folder = AnnotationCache().folder
    before = set(folder.iterdir()) if folder.exists() else set()
    cache_file = AnnotationCache().path_for(article_text)
    if cache_file.exists():  # the cache folder is shared by the test session
        cache_file.unlink()
    window = start_window(qtbot, MainWindow())
    assert isinstance(window.annotator(), Annotator)

    qtbot.waitUntil(cache_file.exists, timeout=ANNOTATION_TIMEOUT_MS)
    assert cache_file in set(folder.iterdir()) | before
