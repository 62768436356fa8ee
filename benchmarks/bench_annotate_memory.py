"""Peak memory of ``reader annotate`` on a large text, beside the segmentation alone.

The output is streamed, so the JSON of a 5 MB text (about 100 times its size on
disk) must not be held in memory: the target is a peak of at most 500 MB, and the
anchor is a process that reads and segments the same text and writes nothing,
the floor any annotation of it pays.  Each run is a separate process; its peak RSS
is the child's ru_maxrss (see child_process.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_process import run_child  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent

_SEGMENT_ONLY = r"""
import sys
from reader.cli.shared import load_annotator, read_input
document = read_input(sys.argv[1])
segmented = load_annotator().segment(document.text)
print(len(segmented))
"""


def large_text(folder: Path, megabytes: int = 5) -> Path:
    """The bundled article repeated to ``megabytes`` MB of UTF-8."""
    sys.path.insert(0, str(REPO_ROOT))
    from reader.articles import default_article

    article = default_article().path.read_text(encoding="utf-8") + "\n"
    copies = megabytes * 1024 * 1024 // len(article.encode("utf-8")) + 1
    path = folder / f"article-{megabytes}mb.txt"
    path.write_text(article * copies, encoding="utf-8")
    return path


def _environment(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "READER_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO_ROOT)}


def measure_annotate_peak(folder: Path, text: Path, output_format: str) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of ``reader annotate --format F -o FILE`` on ``text``."""
    output = folder / f"annotated.{output_format}"
    command = [sys.executable, "-m", "reader", "annotate", str(text), "--format", output_format]
    child = run_child([*command, "-o", str(output)], _environment(folder / "data"), REPO_ROOT)
    output.unlink(missing_ok=True)
    return child.peak_rss_mb, child.seconds


def measure_segmentation_peak(folder: Path, text: Path) -> float:
    """Peak RSS in MB of reading and segmenting ``text`` with nothing written (the anchor)."""
    command = [sys.executable, "-c", _SEGMENT_ONLY, str(text)]
    return run_child(command, _environment(folder / "data"), REPO_ROOT).peak_rss_mb
