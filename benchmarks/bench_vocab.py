"""Vocabulary timings for the lead's benchmark script: each function measures and returns seconds.

Every store is created under the folder the caller gives, never in the user's data.
Targets: adding a word <= 5 ms, exporting 10,000 notes to .apkg <= 5 s, and
``statuses()`` of 50,000 words fast enough to colour an article as it opens.
``measure_bare_sqlite_commit_anchor`` is the yardstick for adds: one INSERT and
COMMIT with the same durability settings (WAL, synchronous=FULL), i.e. the cost of
the fsync every durable save pays on this disk.  Every add also checkpoints the WAL
into the main file (so a damaged WAL never holds the only copy of a word):
``measure_bare_sqlite_commit_and_checkpoint_anchor`` is that same pair of steps in
plain sqlite3, the floor for what the protection costs.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import statistics
import time
from pathlib import Path

from reader import paths
from reader.vocab.export import ExportFormat, export_words
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, Status, VocabWord

_ARTICLE = "guangzhou-governance-ycwb.txt"


def _sentences() -> list[str]:
    text = (paths.bundled_articles_dir() / _ARTICLE).read_text(encoding="utf-8")
    return [
        s.strip()
        for line in text.splitlines()
        for s in re.split(r"(?<=。)", line)
        if len(s.strip()) > 6
    ]


def _fresh(tmp_dir: Path, name: str) -> Path:
    folder = Path(tmp_dir) / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder / "vocabulary.sqlite3"


def measure_add(tmp_dir: Path, count: int = 200) -> float:
    """Median seconds of ``VocabularyStore.add`` (one durable transaction) with a context."""
    sentences = _sentences()
    timings = []
    with VocabularyStore.open(_fresh(tmp_dir, "bench-add")) as store:
        for number in range(count):
            word = VocabWord(f"词{number}", "cí", definition="a word")
            context = Context(sentences[number % len(sentences)], "广州")
            started = time.perf_counter()
            store.add(word, context)
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure_bare_sqlite_commit_anchor(tmp_dir: Path, count: int = 200) -> float:
    """Median seconds of one INSERT + COMMIT in plain sqlite3 with WAL and synchronous=FULL."""
    connection = sqlite3.connect(_fresh(tmp_dir, "bench-anchor"), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (word TEXT PRIMARY KEY, sentence TEXT)")
    timings = []
    for number in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?, ?)", (f"词{number}", "一句话。"))
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(timings)


def measure_bare_sqlite_commit_and_checkpoint_anchor(tmp_dir: Path, count: int = 200) -> float:
    """As the commit anchor, followed by ``PRAGMA wal_checkpoint(TRUNCATE)`` as each add does."""
    connection = sqlite3.connect(_fresh(tmp_dir, "bench-anchor-checkpoint"), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (word TEXT PRIMARY KEY, sentence TEXT)")
    timings = []
    for number in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t VALUES (?, ?)", (f"词{number}", "一句话。"))
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        timings.append(time.perf_counter() - started)
    connection.close()
    return statistics.median(timings)


def _store_with(tmp_dir: Path, name: str, count: int) -> Path:
    path = _fresh(tmp_dir, name)
    with VocabularyStore.open(path) as store:
        store.mark_known(f"词{number}" for number in range(count))
    return path


def measure_mark_known(tmp_dir: Path, count: int = 50_000) -> float:
    """Seconds for one ``mark_known`` of ``count`` unsaved words (one transaction)."""
    path = _fresh(tmp_dir, "bench-mark-known")
    with VocabularyStore.open(path) as store:
        started = time.perf_counter()
        store.mark_known(f"词{number}" for number in range(count))
        return time.perf_counter() - started


def measure_statuses(tmp_dir: Path, count: int = 50_000, repeats: int = 5) -> float:
    """Median seconds of ``statuses()`` over a store of ``count`` words."""
    path = _store_with(tmp_dir, "bench-statuses", count)
    timings = []
    with VocabularyStore.open(path) as store:
        for _ in range(repeats):
            started = time.perf_counter()
            store.statuses()
            timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure_apkg_export(tmp_dir: Path, count: int = 10_000) -> float:
    """Seconds to export ``count`` words with a context each to an Anki package."""
    sentences = _sentences()
    words = [
        VocabWord(
            f"词{number}",
            "cí",
            definition="a word",
            status=Status.LEARNING,
            contexts=(Context(sentences[number % len(sentences)], "广州"),),
            hsk=3,
        )
        for number in range(count)
    ]
    target = Path(tmp_dir) / "bench-export.apkg"
    started = time.perf_counter()
    export_words(words, target, ExportFormat.APKG)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed
