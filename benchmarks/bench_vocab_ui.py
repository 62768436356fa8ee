"""Vocabulary in the window: the Vocabulary tab with 50,000 words, filtering, status colouring.

Run: ``python benchmarks/bench_vocab_ui.py`` (offscreen).  Each ``measure_*``
function returns seconds, measured on this machine, and works in the folder it
is given (never the user's data); ``measurements()`` gives them all as rows for
``benchmarks/run.py``.  Targets: the tab opens <= 300 ms with 50,000 words;
filtering stays under one frame (16 ms) per keystroke; colouring the bundled
article by status <= 50 ms.

What is measured, so the figures stay honest:

* tab open: model + ``reload`` + tab shown with its first rows painted.  The model
  reads the remaining words between events afterwards; the time until every word
  is read (events processed meanwhile, as in the window) is its own row, and the
  keystrokes are timed only after it, so no keystroke hides or skips that work.
* status colouring: what the window does when a word's status changes or
  colouring is switched on: re-read that word's status, build the lookup from
  the statuses map kept in memory, give it to the view and repaint.  Reading the
  whole map, done once when the window opens, is its own row.

The anchor, measured in the same run, is a bare QTableView showing a minimal
Python table model of the same 50,000 rows: the cost of Qt itself.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from reader.annotation.annotator import Annotator  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402
from reader.ui.article_view import ArticleView  # noqa: E402
from reader.ui.sidebar.vocabulary_tab import VocabularyTab  # noqa: E402
from reader.ui.vocabulary_model import VocabularyTableModel  # noqa: E402
from reader.vocab.article_words import has_han  # noqa: E402
from reader.vocab.store import VocabularyStore  # noqa: E402
from reader.vocab.word import Status, WordKey  # noqa: E402

WORD_COUNT = 50_000
_SYLLABLES = ("zhì", "lǐ", "hé", "zhǎng", "chéng", "shì", "nǚ", "ér", "guǎng", "zhōu")


def _application() -> QApplication:
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else QApplication([])


def build_vocabulary(folder: Path, count: int = WORD_COUNT) -> Path:
    """A vocabulary file of ``count`` words (one in four with a context), in one transaction."""
    path = Path(folder) / "vocabulary.sqlite3"
    if path.exists():
        return path
    VocabularyStore.open(path).close()  # the schema, as the store makes it
    statuses = [status.value for status in Status]
    connection = sqlite3.connect(path, isolation_level=None)
    stamp = "2026-01-01T00:00:00.000000+00:00"
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO words (id, simplified, pinyin, definition, status, created, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (
                number + 1,
                f"词{number:05d}",
                f"{_SYLLABLES[number % 10]} {_SYLLABLES[(number // 10) % 10]}",
                f"meaning number {number}",
                statuses[number % 4],
                stamp,
                stamp,
            )
            for number in range(count)
        ),
    )
    connection.executemany(
        "INSERT INTO contexts (word_id, position, sentence, article_title) VALUES (?, 0, ?, ?)",
        ((n + 1, f"这是第{n}个例句。", f"文章{n % 50}") for n in range(0, count, 4)),
    )
    connection.execute("COMMIT")
    connection.close()
    return path


def measure_tab_open(folder: Path) -> tuple[float, float]:
    """Seconds until the Vocabulary tab is shown with its first rows, and until every word is read.

    The second figure counts from the same start, processing events as the window would.
    """
    app = _application()
    with VocabularyStore.open(build_vocabulary(folder)) as store:
        started = time.perf_counter()
        model = VocabularyTableModel(store)
        model.reload()
        tab = VocabularyTab(model)
        tab.resize(420, 700)
        tab.show()
        app.processEvents()
        tab.table().viewport().repaint()
        opened = time.perf_counter() - started
        while not model.fully_read():
            app.processEvents()
        read = time.perf_counter() - started
        tab.close()
    return opened, read


def measure_filter_keystrokes(folder: Path, typed: str = "zhili") -> list[float]:
    """Seconds per keystroke typed into the filter box (model reset + repaint of the table)."""
    app = _application()
    with VocabularyStore.open(build_vocabulary(folder)) as store:
        model = VocabularyTableModel(store)
        model.reload()
        tab = VocabularyTab(model)
        tab.resize(420, 700)
        tab.show()
        while not model.fully_read():  # timed by measure_tab_open
            app.processEvents()
        app.processEvents()
        timings = []
        for text in [typed[: n + 1] for n in range(len(typed))] + ["meaning 4", "词0", ""]:
            started = time.perf_counter()
            tab.search_box().setText(text)
            tab.table().viewport().repaint()
            timings.append(time.perf_counter() - started)
        tab.close()
    return timings


def measure_status_colouring(folder: Path, repeats: int = 5) -> tuple[float, float]:
    """Median seconds to recolour the bundled article after a status change, and to read the map.

    The recolouring re-reads one word's status, builds the lookup over the map kept
    in memory, gives it to the view and repaints (what StatusColouring does);
    the second figure is reading every status once, as the window does on opening.
    """
    app = _application()
    text = read_document(default_article().path).text
    annotator = Annotator.create()
    segmented = annotator.segment(text)
    view = ArticleView()
    view.resize(900, 700)
    view.set_text(text)
    view.set_annotation(segmented, annotator)
    view.show()
    app.processEvents()
    with VocabularyStore.open(build_vocabulary(folder)) as store:
        words = [t.text for t in segmented if has_han(t.text)]
        store.mark_known(words[: len(words) // 2])
        started = time.perf_counter()
        statuses = store.statuses()
        map_read = time.perf_counter() - started
        timings = []
        for number in range(repeats):
            word = words[number]
            store.set_status(WordKey(word), list(Status)[number % 4])
            started = time.perf_counter()
            statuses.update(store.statuses_of([word]))

            def lookup(word: str, statuses: dict[str, Status] = statuses) -> str | None:
                status = statuses.get(word)
                if status is not None:
                    return status.value
                return Status.NEW.value if has_han(word) else None

            view.set_word_status_lookup(lookup)
            view.viewport().repaint()
            timings.append(time.perf_counter() - started)
    view.close()
    return statistics.median(timings), map_read


class _BareModel(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self._rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 8

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return f"{index.row()}" if role == Qt.ItemDataRole.DisplayRole else None


def measure_bare_table_anchor(count: int = WORD_COUNT) -> float:
    """Seconds for a bare QTableView to show a minimal model of ``count`` rows."""
    app = _application()
    started = time.perf_counter()
    table = QTableView()
    table.verticalHeader().setVisible(False)
    table.setModel(_BareModel(count))
    table.resize(420, 700)
    table.show()
    app.processEvents()
    table.viewport().repaint()
    elapsed = time.perf_counter() - started
    table.close()
    return elapsed


def measurements(scratch: Path, quick: bool = False) -> list[tuple[str, float, str]]:
    """Every figure as (row name, seconds, target), measured in ``scratch`` (a scratch folder)."""
    _application()
    folder = Path(scratch) / "bench-vocab-ui"
    folder.mkdir(parents=True, exist_ok=True)
    build_vocabulary(folder)
    anchor = measure_bare_table_anchor()
    opened, read = measure_tab_open(folder)
    keys = measure_filter_keystrokes(folder, "zhi" if quick else "zhili")
    colour, map_read = measure_status_colouring(folder, 3 if quick else 5)
    return [
        (f"vocabulary tab open, {WORD_COUNT:,} words", opened, "≤ 300 ms"),
        ("  anchor: bare QTableView, same rows", anchor, "anchor"),
        ("  every word read (between events, after opening)", read, "none (background)"),
        ("vocabulary filter keystroke, median", statistics.median(keys), "< 16 ms"),
        ("vocabulary filter keystroke, slowest", max(keys), "< 16 ms"),
        ("status colouring after a change, bundled article", colour, "≤ 50 ms"),
        ("  statuses map read (once, on opening)", map_read, "none (once)"),
    ]


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-vocab-ui-"))
    try:
        folder = scratch / "bench-vocab-ui"  # where measurements() looks for it
        folder.mkdir()
        started = time.perf_counter()
        build_vocabulary(folder)
        print(f"built {WORD_COUNT:,} words in {time.perf_counter() - started:.2f} s")
        for name, seconds, target in measurements(scratch):
            print(f"{name:<52} {seconds * 1000:8.1f} ms   target {target}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
