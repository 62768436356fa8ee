"""What the learner's reading corrections cost: reading every token, and making one.

Prints, for the bundled article read 20 times over by the shipped annotator:
every token's pinyin through ``Annotator.pinyin`` with no correction, and
with 500 corrections of the article's words, beside the annotator's own
reading without the layer (``own_pinyin``), measured in the same run; and
the time to save one correction (re-read, check, atomic durable write) with
500 saved.  Run: ``python benchmarks/bench_corrections.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.annotation.annotator import Annotator  # noqa: E402
from reader.articles import default_article  # noqa: E402
from reader.dictionary.index import CedictIndex  # noqa: E402
from reader.glossary.store import GlossarySet  # noqa: E402
from reader.language.reading_corrections import ReadingCorrections  # noqa: E402
from reader.language.tokens import TokenKind  # noqa: E402
from reader.textio.reading import read_document  # noqa: E402

COPIES = 20
CORRECTIONS = 500


def _tokens_per_second(read: object, segmented: object, count: int) -> float:
    started = time.perf_counter()
    for index in range(count):
        read(segmented, index)  # type: ignore[operator]
    return count / (time.perf_counter() - started)


def main() -> None:
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


if __name__ == "__main__":
    main()
