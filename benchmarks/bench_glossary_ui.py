"""How soon the Glossary tab lists the open article's terms after annotation, on this machine.

``tab_populated_seconds`` measures, in the real window, the time from the
window's ``annotation_finished`` signal to the tab showing the terms (the
matching runs in the window's worker and comes back by signal); the promise
is 50 ms on the bundled article.  ``core_listing_seconds`` is the anchor: the
same matching and grouping called directly, with no thread and no widgets.
Both are the best of ``repeats`` runs after a warm-up.  Run with
``QT_QPA_PLATFORM=offscreen python benchmarks/bench_glossary_ui.py``.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader import paths  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.glossary.article_terms import group_by_category, occurrences_of  # noqa: E402
from reader.glossary.store import GlossarySet  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402


def core_listing_seconds(repeats: int = 20) -> float:
    """Anchor: find_terms + grouping on the bundled article, called directly."""
    text = read_document(default_article().path).text
    glossaries = GlossarySet.bundled_only()
    timings = []
    for _ in range(repeats + 1):
        started = time.perf_counter()
        group_by_category(occurrences_of(glossaries.find_terms(text)))
        timings.append(time.perf_counter() - started)
    return min(timings[1:])


def tab_populated_seconds(repeats: int = 5, article: Path | None = None) -> float:
    """annotation_finished -> Glossary tab filled, in the window, on ``article`` (bundled)."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.annotation.annotator import Annotator
    from reader.ui.glossary_features import install_glossary_features
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    annotator = Annotator.create()
    path = str(article or default_article().path)
    timings = []
    for _ in range(repeats + 1):
        window = MainWindow(annotator=annotator)
        marks: dict[str, float] = {}
        loop = QEventLoop()
        # Connected before the features, so it runs first when annotation finishes.
        window.annotation_finished.connect(
            lambda marks=marks: marks.setdefault("annotated", time.perf_counter())
        )
        features = install_glossary_features(window)
        features.terms_listed.connect(
            lambda marks=marks, loop=loop: (
                marks.setdefault("listed", time.perf_counter()),
                loop.quit(),
            )
        )
        QTimer.singleShot(120_000, loop.quit)
        window.open_initial(path)
        window.show()
        window.start()
        loop.exec()
        timings.append(marks["listed"] - marks["annotated"])
        window.close()
        window.deleteLater()
        app.processEvents()
    return min(timings[1:])


def write_large_user_glossary(count: int = 5000) -> None:
    """An active user glossary of ``count`` real words: CC-CEDICT headwords of two to
    four characters with their first reading and sense (not in the bundled glossary)."""
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossaryStore
    from reader.glossary.term import GlossaryTerm
    from reader.glossary.validate import term_problems
    from reader.language.han import han_characters

    index = CedictIndex.load()
    bundled = {term.term for term in GlossarySet.bundled_only().terms()}
    terms: dict[str, GlossaryTerm] = {}
    number = 0
    while len(terms) < count and number < index.entry_count:
        entry = index.entry(number)
        number += 1
        word = entry.simplified
        if not 2 <= len(word) <= 4 or han_characters(word) != word or word in bundled:
            continue
        if word in terms or not entry.senses or entry.pinyin != entry.pinyin.lower():
            continue
        term = GlossaryTerm(word, entry.pinyin, entry.senses[0], category="development strategy")
        if not term_problems(term):
            terms[word] = term
    store = GlossaryStore()
    store.create("benchmark-5000", terms.values())
    store.set_active([*store.active_names(), "benchmark-5000"])


def large_glossary_figures() -> dict[str, float]:
    """With a 5,000-term user glossary active: its load time, and hover in the view."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_ui

    from reader.annotation.annotator import Annotator

    write_large_user_glossary()
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        glossaries = GlossarySet.load_active()
        timings.append(time.perf_counter() - started)
    assert len(glossaries.terms()) > 5000
    started = time.perf_counter()
    annotator = Annotator.create()
    create_seconds = time.perf_counter() - started
    bench_ui._annotator = annotator  # the view benchmark then hovers with this glossary
    try:
        hover = bench_ui.bench_bundled_article()
    finally:
        bench_ui._annotator = None
    return {
        "load_seconds": min(timings),
        "annotator_seconds": create_seconds,
        "hover_p99_seconds": hover["hover_p99_ms"] / 1000,
    }


def measurements(scratch: Path) -> list[tuple[str, float, str]]:
    """Rows for benchmarks/run.py: (what, seconds, target)."""
    paths.set_data_dir(scratch)
    try:
        rows = [
            ("Glossary tab filled after annotation", tab_populated_seconds(), "≤ 50 ms"),
        ]
        large = large_glossary_figures()
        rows += [
            ("5,000-term user glossary: load", large["load_seconds"], "≤ 100 ms"),
            ("5,000-term user glossary: hover p99", large["hover_p99_seconds"], "≤ 16 ms"),
            ("5,000-term user glossary: annotator start", large["annotator_seconds"], "—"),
        ]
        return rows
    finally:
        paths.set_data_dir(None)  # back to READER_DATA_DIR or the platform's folders


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(Path(folder))
        long_article = Path(folder) / "long.txt"
        text = read_document(default_article().path).text
        long_article.write_text("\n\n".join([text] * 100), encoding="utf-8")
        for name, seconds in (
            ("tab filled after annotation", tab_populated_seconds()),
            ("same, 100x article", tab_populated_seconds(2, long_article)),
            ("anchor: core listing alone", core_listing_seconds()),
        ):
            print(f"{name:30s} {seconds * 1000:8.2f} ms")
