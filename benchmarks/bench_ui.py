"""Benchmarks for the article view: first paint, hover latency and paint time.

Run: ``python benchmarks/bench_ui.py`` (offscreen).  The lead's benchmark script
calls ``bench_bundled_article()`` and ``bench_large_article()``; each returns a
dict of measurements in milliseconds (and characters), measured on this machine.

Hover latency is measured from delivering a mouse-move event to the viewport to
the hover card holding the new word (the handler is synchronous); paint time is
one synchronous repaint of a full screen, in the default mode and with pinyin
above every word.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.annotation.annotator import Annotator  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402
from reader.ui.article_view import ArticleView  # noqa: E402
from reader.ui.pinyin_mode import PinyinMode  # noqa: E402

LARGE_ARTICLE_CHARS = 350_000
_annotator: Annotator | None = None


def _application() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def _shared_annotator() -> Annotator:
    global _annotator
    if _annotator is None:
        _annotator = Annotator.create()
    return _annotator


def bundled_text() -> str:
    return read_document(default_article().path).text


def large_text(chars: int = LARGE_ARTICLE_CHARS) -> str:
    """The bundled article repeated to about ``chars`` characters (about 1 MB of UTF-8)."""
    text = bundled_text()
    copies = chars // (len(text) + 2) + 1
    return "\n\n".join([text] * copies)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _move(view: ArticleView, point: QPoint) -> None:
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(point),
        view.viewport().mapToGlobal(QPointF(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def _word_points(view: ArticleView, limit: int) -> list[QPoint]:
    """Screen points over the words visible now, one per word."""
    segmented = view.segmented()
    assert segmented is not None
    first = segmented.index_at(view.first_visible_offset()) or 0
    points = []
    index = first
    while len(points) < limit and index < len(segmented):
        token = segmented.token(index)
        index += 1
        if token.kind.value != "han":
            continue
        cursor = QTextCursor(view.document())
        cursor.setPosition(token.start)
        rect = view.cursorRect(cursor)
        if not view.viewport().rect().contains(rect.center()):
            if points:
                break
            continue
        points.append(QPoint(rect.x() + 4, rect.center().y()))
    return points


def _hover_latencies(view: ArticleView, rounds: int = 3) -> list[float]:
    app = _application()
    latencies = []
    for fraction in (0.0, 0.5, 0.95):
        view.set_scroll_fraction(fraction)
        app.processEvents()
        points = _word_points(view, 60)
        for _ in range(rounds):
            for point in points:
                started = time.perf_counter()
                _move(view, point)
                latencies.append((time.perf_counter() - started) * 1000)
                app.processEvents()  # paint the highlight, outside the measured path
    return latencies


def _paint_ms(view: ArticleView, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        view._forget_geometry()  # measure the per-screen work too, as after a scroll
        started = time.perf_counter()
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_view(text: str) -> dict[str, float]:
    """Open ``text`` in a view and measure it; times in milliseconds."""
    app = _application()
    annotator = _shared_annotator()
    view = ArticleView()
    view.resize(1000, 750)
    view.show()
    app.processEvents()

    started = time.perf_counter()
    view.set_text(text)
    view.viewport().repaint()
    first_paint = (time.perf_counter() - started) * 1000

    started = time.perf_counter()
    segmented = annotator.segment(text)  # the window does this in its worker thread
    segment_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    annotator.read_ahead(segmented)  # so does this, after the text is shown
    read_ahead_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    view.set_annotation(segmented, annotator)
    apply_ms = (time.perf_counter() - started) * 1000

    latencies = _hover_latencies(view)
    view.set_scroll_fraction(0.5)
    app.processEvents()
    paint_hover_mode = _paint_ms(view)
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    app.processEvents()
    paint_interlinear = _paint_ms(view)
    view.close()
    view.deleteLater()
    app.processEvents()
    return {
        "chars": float(len(text)),
        "first_paint_ms": first_paint,
        "segment_ms": segment_ms,
        "read_ahead_ms": read_ahead_ms,
        "apply_annotation_ms": apply_ms,
        "hover_p50_ms": statistics.median(latencies),
        "hover_p99_ms": _percentile(latencies, 0.99),
        "hover_samples": float(len(latencies)),
        "paint_ms": paint_hover_mode,
        "paint_interlinear_ms": paint_interlinear,
    }


def bench_ruby(text: str, start_fraction: float = 0.4) -> dict[str, float]:
    """The view opened with pinyin above every word (ruby); times in milliseconds.

    ``ruby_first_screen_ms`` runs from applying the annotation to the first
    screen painted with its characters spaced for their syllables;
    ``ruby_scroll_screen_ms`` is one scroll by a screen into text not shown
    before, repaint included, after the view's idle work has spaced out the
    text ahead; ``ruby_jump_ms`` a jump to text not yet spaced out;
    ``ruby_paint_ms`` one repaint of a screen.  The anchors come from the same
    view in the same run with pinyin on hover (no pinyin drawn): ``plain_paint_ms``
    and ``plain_scroll_screen_ms``, on the same screens.
    """
    app = _application()
    annotator = _shared_annotator()
    segmented = annotator.segment(text)
    view = ArticleView()
    view.resize(1000, 750)
    view.set_pinyin_mode(PinyinMode.ABOVE_ALL)
    view.show()
    app.processEvents()
    view.set_text(text)
    view.viewport().repaint()
    started = time.perf_counter()
    view.set_annotation(segmented, annotator)
    view.viewport().repaint()
    first_screen = (time.perf_counter() - started) * 1000
    _let_layout_finish(view)  # Qt lays a long text out in steps while the first screen is read
    bar = view.verticalScrollBar()
    view.set_scroll_fraction(start_fraction)
    app.processEvents()
    start = bar.value()
    steps = _scroll_steps(view, ruby=True)
    started = time.perf_counter()
    bar.setValue(bar.maximum() * 3 // 4)  # a jump into text not formatted yet
    view.viewport().repaint()
    jump = (time.perf_counter() - started) * 1000
    paint = _paint_ms(view)
    view.set_pinyin_mode(PinyinMode.HOVER)
    _let_layout_finish(view)
    plain_paint = _paint_ms(view)
    bar.setValue(start)
    app.processEvents()
    plain_steps = _scroll_steps(view, ruby=False)
    view.close()
    view.deleteLater()
    app.processEvents()
    return {
        "ruby_first_screen_ms": first_screen,
        "ruby_scroll_screen_ms": statistics.median(steps),
        "ruby_scroll_screen_max_ms": max(steps),
        "ruby_jump_ms": jump,
        "ruby_paint_ms": paint,
        "plain_scroll_screen_ms": statistics.median(plain_steps),
        "plain_paint_ms": plain_paint,
    }


def _scroll_steps(view: ArticleView, *, ruby: bool, count: int = 8) -> list[float]:
    """Scroll down a screen at a time: each step's milliseconds, repaint included."""
    app = _application()
    bar = view.verticalScrollBar()
    steps = []
    for _ in range(count):
        if bar.value() == bar.maximum():
            break  # a short text: no new text below
        if ruby:
            _let_ruby_run_ahead(view)  # what happens while the reader reads a screen
        started = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        view.viewport().repaint()
        steps.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    return steps


def _let_layout_finish(view: ArticleView) -> None:
    """Let Qt finish laying out the document, which it does in steps between events."""
    app = _application()
    deadline = time.perf_counter() + 10
    height = -1
    while view.verticalScrollBar().maximum() != height and time.perf_counter() < deadline:
        height = view.verticalScrollBar().maximum()
        for _ in range(5):
            app.processEvents()
            time.sleep(0.01)


def _let_ruby_run_ahead(view: ArticleView) -> None:
    """Wait until the view has spaced out the text around the screen (its idle work)."""
    app = _application()
    deadline = time.perf_counter() + 5
    while view._unformatted_blocks(2, 5) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)


def bench_bundled_article() -> dict[str, float]:
    return bench_view(bundled_text())


def bench_large_article() -> dict[str, float]:
    return bench_view(large_text())


def bench_bundled_article_ruby() -> dict[str, float]:
    return bench_ruby(bundled_text(), start_fraction=0.0)


def bench_large_article_ruby() -> dict[str, float]:
    return bench_ruby(large_text())


def main() -> None:
    _application()
    started = time.perf_counter()
    _shared_annotator()
    print(f"annotator created: {(time.perf_counter() - started) * 1000:.0f} ms")
    for name, bench in (
        ("bundled article", bench_bundled_article),
        ("1 MB article", bench_large_article),
        ("bundled article, pinyin above", bench_bundled_article_ruby),
        ("1 MB article, pinyin above", bench_large_article_ruby),
    ):
        results = bench()
        print(f"{name}:")
        for key, value in results.items():
            print(f"  {key:22s} {value:10.1f}")


if __name__ == "__main__":
    main()
