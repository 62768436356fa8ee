"""Window start-up: time to the first paint with the article, and to hover ready.

Every figure is measured from the moment this script starts the process
(``python -m reader`` with ``READER_STARTUP_TIMING=1``, which prints the
wall-clock time of each milestone and quits once hover is ready), beside the
anchor: a bare PySide6 window showing the same text in a QPlainTextEdit,
started and measured the same way.  Caches are warmed by one unmeasured run.
Peak RSS is the child's ru_maxrss.

Run: ``python benchmarks/bench_ui_startup.py`` (offscreen unless QT_QPA_PLATFORM is set).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_process import run_child  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
LARGE_ARTICLE_CHARS = 350_000

_ANCHOR = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

app = QApplication(sys.argv[:1])
text = Path(sys.argv[1]).read_text(encoding="utf-8")
editor = QPlainTextEdit()
editor.setReadOnly(True)
editor.setPlainText(text)
editor.resize(1200, 800)

class Watcher(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint and (
            watched is editor or editor.isAncestorOf(watched)
        ):
            self.done = True
            QTimer.singleShot(0, lambda: (print(f"window_painted {time.time():.6f}", flush=True),
                                          app.quit()))
        return False

watcher = Watcher()
app.installEventFilter(watcher)
editor.show()
app.exec()
"""


def _environment(data_dir: Path) -> dict[str, str]:
    environment = dict(os.environ, READER_DATA_DIR=str(data_dir), READER_STARTUP_TIMING="1")
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    return environment


def _run_with_rss(
    command: list[str], environment: dict[str, str]
) -> tuple[dict[str, float], float]:
    """Milestones in seconds after launch, and the child's peak RSS in MB."""
    child = run_child(command, environment, REPO_ROOT)
    milestones = {}
    for line in child.stdout.splitlines():
        name, _, value = line.partition(" ")
        try:
            milestones[name] = float(value) - child.started
        except ValueError:
            continue
    return milestones, child.peak_rss_mb


def measure_reader(
    article: Path | None, data_dir: Path, repeats: int = 3, *, first_open: bool = False
) -> dict[str, float]:
    """Median seconds from launch to each milestone of ``reader [article]``, and peak RSS (MB).

    Warm caches (CC-CEDICT index, jieba's lexicon, the OS's file cache) come
    from one unmeasured run.  ``first_open`` forgets the saved annotation of
    the article before every run, as when a file is opened for the first time.
    """
    command = [sys.executable, "-m", "reader"] + ([str(article)] if article else [])
    environment = _environment(data_dir)
    _run_with_rss(command, environment)  # warm: builds the CC-CEDICT cache, OS file cache
    runs = []
    for _ in range(repeats):
        if first_open:
            shutil.rmtree(data_dir / "cache" / "annotations", ignore_errors=True)
        runs.append(_run_with_rss(command, environment))
    names = set.intersection(*(set(milestones) for milestones, _ in runs))
    result = {name: statistics.median(m[name] for m, _ in runs) for name in names}
    result["peak_rss_mb"] = max(rss for _, rss in runs)
    return result


def measure_anchor(article: Path, repeats: int = 3) -> dict[str, float]:
    """The same milestones for a bare QPlainTextEdit window showing the same text."""
    command = [sys.executable, "-c", _ANCHOR, str(article)]
    environment = dict(os.environ)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    _run_with_rss(command, environment)
    runs = [_run_with_rss(command, environment) for _ in range(repeats)]
    return {
        "window_painted": statistics.median(m["window_painted"] for m, _ in runs),
        "peak_rss_mb": max(rss for _, rss in runs),
    }


def write_large_article(folder: Path) -> Path:
    """The bundled article repeated to about 350,000 characters (about 1 MB in UTF-8)."""
    sys.path.insert(0, str(REPO_ROOT))
    from reader.articles import default_article
    from reader.textio.reading import read_document

    text = read_document(default_article().path).text
    copies = LARGE_ARTICLE_CHARS // len(text) + 1
    path = folder / "large-article.txt"
    path.write_text("\n\n".join([text] * copies), encoding="utf-8")
    return path


def bundled_article() -> Path:
    sys.path.insert(0, str(REPO_ROOT))
    from reader.articles import default_article

    return Path(default_article().path)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        large = write_large_article(base)
        rows = [
            ("bundled article", measure_reader(None, base / "data")),
            ("anchor: QPlainTextEdit, bundled", measure_anchor(bundled_article())),
            (
                f"1 MB article ({large.stat().st_size / 1e6:.2f} MB)",
                measure_reader(large, base / "data"),
            ),
            ("anchor: QPlainTextEdit, 1 MB", measure_anchor(large)),
        ]

    def seconds(value: float | None) -> str:
        return f"{value:8.3f}s" if value is not None else f"{'-':>9}"

    print(f"{'':36} {'painted':>9} {'open->paint':>9} {'hover ready':>9} {'peak RSS':>9}")
    for name, figures in rows:
        painted = figures.get("window_painted")
        opened = figures.get("open_started")
        open_to_paint = painted - opened if painted is not None and opened is not None else None
        print(
            f"{name:36} {seconds(painted)} {seconds(open_to_paint)} "
            f"{seconds(figures.get('hover_ready'))} {figures['peak_rss_mb']:7.0f}MB"
        )


if __name__ == "__main__":
    main()
