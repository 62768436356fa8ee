"""What the learner's reading corrections cost: reading every token, and making one.

Prints, for the bundled article read 20 times over by the shipped annotator:
every token's pinyin through ``Annotator.pinyin`` with no correction, and
with 500 corrections of the article's words, beside the annotator's own
reading without the layer (``own_pinyin``), measured in the same run; and
the time to save one correction (re-read, check, atomic durable write) with
500 saved.

Then, with a file of 110,000 corrections (CC-CEDICT's words, each read as
CC-CEDICT reads it): ``reader readings set`` as a whole process, beside the
same command over an empty data folder (start-up and one small write) and
beside reading and checking the big file once (``ReadingCorrections.load``),
all in the same run; and saving one more correction from a store already
loaded, as the window does.  Run: ``python benchmarks/bench_corrections.py``
(``--big-only`` for the 110,000-entry figures alone).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from child_process import run_child  # noqa: E402

from reader import paths  # noqa: E402
from reader.annotation.annotator import Annotator  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.dictionary.index import CedictIndex  # noqa: E402
from reader.glossary.store import GlossarySet  # noqa: E402
from reader.language.han import han_characters  # noqa: E402
from reader.language.notation import is_valid_syllable  # noqa: E402
from reader.language.reading_corrections import (  # noqa: E402
    ReadingCorrectionError,
    ReadingCorrections,
    check_word,
)
from reader.language.tokens import TokenKind  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402

COPIES = 20
CORRECTIONS = 500
BIG = 110_000
REPO_ROOT = Path(__file__).resolve().parents[1]


def _tokens_per_second(read: object, segmented: object, count: int) -> float:
    started = time.perf_counter()
    for index in range(count):
        read(segmented, index)  # type: ignore[operator]
    return count / (time.perf_counter() - started)


def _big_file(dictionary: CedictIndex, file: Path) -> list[tuple[str, str]]:
    """Write ``BIG`` corrections to ``file`` as the reader saves them; the words and readings.

    Words in either script, each read as its first CC-CEDICT entry reads it,
    where that is one syllable per Han character."""
    chosen: dict[str, str] = {}
    for number in range(dictionary.entry_count):
        entry = dictionary.entry(number)
        for word in (entry.simplified, entry.traditional):
            reading = entry.pinyin.lower()
            syllables = reading.split()
            if word in chosen or len(syllables) != len(han_characters(word)):
                continue
            if not all(is_valid_syllable(syllable) for syllable in syllables):
                continue  # CC-CEDICT's "xx" for a character it has no reading of
            try:
                check_word(word)
            except ReadingCorrectionError:
                continue
            chosen[word] = reading
        if len(chosen) >= BIG:
            break
    rows = sorted(chosen.items())[:BIG]
    document = {"version": 1, "corrections": [{"word": w, "pinyin": p} for w, p in rows]}
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return rows


def _child_seconds(data_dir: Path, *arguments: str) -> float:
    environment = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *arguments]
    return run_child(command, environment, REPO_ROOT).seconds


def _figure(values: list[float], unit: float = 1000, name: str = "ms") -> str:
    return (
        f"median {statistics.median(values) * unit:,.0f} {name} "
        f"({min(values) * unit:,.0f}–{max(values) * unit:,.0f})"
    )


def big_file(dictionary: CedictIndex) -> None:
    """The 110,000-entry figures (see the module docstring)."""
    base = Path(tempfile.mkdtemp(prefix="bench-corrections-big-"))
    big_dir, empty_dir = base / "big", base / "empty"
    empty_dir.mkdir()
    paths.set_data_dir(big_dir)  # where the child finds the file, and a damaged one would go
    file = paths.reading_corrections_file()
    rows = _big_file(dictionary, file)
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        store = ReadingCorrections.load(file)
        loads.append(time.perf_counter() - started)
        if store.problem or len(store) != len(rows):
            raise SystemExit(f"the big file did not load whole: {store.problem}")
    word, reading = rows[len(rows) // 2]
    other = " ".join(reversed(reading.split())) if " " in reading else "a"
    if other == reading:
        other = "a " * (len(reading.split()) - 1) + "a"
    _child_seconds(empty_dir, "readings", "set", word, other)  # warm the OS's caches
    sets, empty_sets = [], []
    for turn in range(3):
        written = other if turn % 2 == 0 else reading
        sets.append(_child_seconds(big_dir, "readings", "set", word, written))
        empty_sets.append(_child_seconds(empty_dir, "readings", "set", word, written))
    saves = []
    for turn in range(4):  # a window's store: loaded once, then changed
        started = time.perf_counter()
        store.set(word, other if turn % 2 == 0 else reading)
        saves.append(time.perf_counter() - started)
    print(
        f"load average {os.getloadavg()[0]:.2f}; {len(rows):,} corrections, "
        f"{file.stat().st_size:,} bytes"
    )
    print(f"reading and checking the file once (anchor)      {_figure(loads)}")
    print(f"`reader readings set`, empty data folder (anchor) {_figure(empty_sets)}")
    print(f"`reader readings set`, {len(rows):,} saved          {_figure(sets)}")
    print(f"saving one from a loaded store, {len(rows):,} saved {_figure(saves)}")


def main() -> None:
    paths.set_data_dir(tempfile.mkdtemp(prefix="bench-corrections-data-"))
    if "--big-only" in sys.argv[1:]:
        big_file(CedictIndex.load())
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-corrections-"))
    dictionary = CedictIndex.load()
    corrections = ReadingCorrections(folder / "reading-corrections.json")
    annotator = Annotator(dictionary, GlossarySet.bundled_only(), corrections)
    text = read_document(default_article().path).text * COPIES
    segmented = annotator.segment(text)
    annotator.read_ahead(segmented)
    count = len(segmented)

    runs: dict[str, list[float]] = {"own": [], "none": [], "many": []}
    words = sorted({t.text for t in segmented if t.kind is TokenKind.HAN})[:CORRECTIONS]
    for _ in range(3):
        runs["own"].append(_tokens_per_second(annotator.own_pinyin, segmented, count))
        runs["none"].append(_tokens_per_second(annotator.pinyin, segmented, count))
    for word in words:
        reading = annotator.describe(word).pinyin
        corrections.set(word, reading)
    for _ in range(3):
        runs["many"].append(_tokens_per_second(annotator.pinyin, segmented, count))

    saves = []
    for word in words[:20]:
        started = time.perf_counter()
        corrections.set(word, annotator.describe(word).pinyin[::-1])
        saves.append(time.perf_counter() - started)

    def rate(name: str) -> str:
        values = runs[name]
        return f"{statistics.median(values):,.0f} tokens/s ({min(values):,.0f}–{max(values):,.0f})"

    print(f"load average {os.getloadavg()[0]:.2f}; {count:,} tokens, bundled article x{COPIES}")
    print(f"pinyin of every token, own reading (anchor)   {rate('own')}")
    print(f"pinyin of every token, no correction          {rate('none')}")
    print(f"pinyin of every token, {CORRECTIONS} corrections       {rate('many')}")
    print(
        f"saving one correction with {CORRECTIONS} saved         "
        f"median {statistics.median(saves) * 1000:.1f} ms, max {max(saves) * 1000:.1f} ms "
        f"({(folder / 'reading-corrections.json').stat().st_size:,} bytes)"
    )
    big_file(dictionary)


if __name__ == "__main__":
    main()
