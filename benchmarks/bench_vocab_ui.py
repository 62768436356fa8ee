"""Vocabulary in the window: the Vocabulary tab with 50,000 words, filtering, status colouring.

Run: ``python benchmarks/bench_vocab_ui.py`` (offscreen).  Each ``measure_*``
function returns seconds, measured on this machine, and works in the folder it
is given (never the user's data).  Targets: the tab opens <= 300 ms with 50,000
words; filtering stays under one frame (16 ms) per keystroke; colouring the
bundled article by status (build the lookup + apply + repaint) <= 50 ms.

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

from reader.annotation import Annotator  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402
from reader.ui.article_view import ArticleView  # noqa: E402
from reader.ui.sidebar.vocabulary_tab import VocabularyTab  # noqa: E402
from reader.ui.vocabulary_model import VocabularyTableModel  # noqa: E402
from reader.vocab.article_words import has_han  # noqa: E402
from reader.vocab.store import VocabularyStore  # noqa: E402
from reader.vocab.word import Status  # noqa: E402

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


def measure_tab_open(folder: Path) -> float:
    """Seconds from reading every word to the Vocabulary tab shown with its first rows."""
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
        elapsed = time.perf_counter() - started
        tab.close()
    return elapsed


def measure_filter_keystrokes(folder: Path, typed: str = "zhili") -> list[float]:
    """Seconds per keystroke typed into the filter box (model reset + repaint of the table)."""
    app = _application()
    with VocabularyStore.open(build_vocabulary(folder)) as store:
        model = VocabularyTableModel(store)
        model.reload()
        tab = VocabularyTab(model)
        tab.resize(420, 700)
        tab.show()
        app.processEvents()
        timings = []
        for text in [typed[: n + 1] for n in range(len(typed))] + ["meaning 4", "词0", ""]:
            started = time.perf_counter()
            tab.search_box().setText(text)
            tab.table().viewport().repaint()
            timings.append(time.perf_counter() - started)
        tab.close()
    return timings


def measure_status_colouring(folder: Path) -> float:
    """Seconds to read statuses, build the lookup, give it to the view and repaint (bundled)."""
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
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            statuses = store.statuses()

            def lookup(word: str, statuses: dict[str, Status] = statuses) -> str | None:
                status = statuses.get(word)
                if status is not None:
                    return status.value
                return Status.NEW.value if has_han(word) else None

            view.set_word_status_lookup(lookup)
            view.viewport().repaint()
            timings.append(time.perf_counter() - started)
    view.close()
    return statistics.median(timings)


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


def main() -> None:
    _application()
    folder = Path(tempfile.mkdtemp(prefix="bench-vocab-ui-"))
    try:
        started = time.perf_counter()
        build_vocabulary(folder)
        print(f"built {WORD_COUNT:,} words in {time.perf_counter() - started:.2f} s")
        anchor = measure_bare_table_anchor()
        opened = measure_tab_open(folder)
        print(f"tab open:           {opened * 1000:7.1f} ms (target 300)")
        print(f"bare table anchor:  {anchor * 1000:7.1f} ms")
        keys = measure_filter_keystrokes(folder)
        print(
            f"filter keystroke:   {statistics.median(keys) * 1000:7.1f} ms median, "
            f"{max(keys) * 1000:.1f} ms max (target 16)"
        )
        colour = measure_status_colouring(folder)
        print(f"status colouring:   {colour * 1000:7.1f} ms (target 50, bundled article)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
