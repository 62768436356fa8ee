"""How well the term suggester finds what a teacher would gloss, beside plain jieba TF-IDF.

The texts are ``benchmarks/suggest_texts/*.txt``, policy reports written for
this benchmark, each with the terms a teacher would gloss marked by hand in
``NAME.terms`` before the suggester ever ran on it (see the README there).
For each text the top 25 of the suggester, run as ``reader glossary suggest``
runs it (the bundled glossary active, the real CC-CEDICT), and the top 25 of
``jieba.analyse.extract_tags`` are scored:

* recall: the share of marked terms among the 25 (the target is 6 in 10);
* precision: the share of the 25 that are marked terms;
* fragments: suggestions that are a piece of a marked term (一网通 for
  一网通办) or straddle its edge (target: fewer than 5 per text).

A suggestion counts as a marked term when it is written the same once quote
marks, 、 and ， are removed.  Held-out texts (``heldout-*``) are scored only
when asked for (``--held-out``): they stand for texts the suggester was not
tuned on.

    python benchmarks/bench_suggest.py [--held-out]   # details per text
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

TEXTS = Path(__file__).resolve().parent / "suggest_texts"
TOP = 25
_NOT_IN_TERMS = re.compile("[“”‘’「」『』\"'，、,\\s]")


@dataclass(frozen=True, slots=True)
class Score:
    text: str
    method: str
    marked: int
    found: tuple[str, ...]  # marked terms among the top suggestions
    fragments: tuple[str, ...]
    suggested: tuple[str, ...]
    seconds: float

    @property
    def recall(self) -> float:
        return len(self.found) / self.marked

    @property
    def precision(self) -> float:
        return len(self.found) / max(len(self.suggested), 1)


def texts(held_out: bool = False) -> list[Path]:
    """The benchmark texts: the development ones, or only the held-out ones."""
    chosen = sorted(TEXTS.glob("*.txt"))
    return [path for path in chosen if path.name.startswith("heldout-") == held_out]


def marks_of(path: Path) -> list[str]:
    return [line.strip() for line in path.with_suffix(".terms").read_text("utf-8").splitlines()]


def normalised(word: str) -> str:
    return _NOT_IN_TERMS.sub("", word)


def fragments_of(suggested: Sequence[str], marks: Sequence[str], text: str) -> list[str]:
    """Suggestions that are a proper piece of a marked term or cross one's edge in the text."""
    flat = normalised(text)
    spans = [
        (match.start(), match.start() + len(mark))
        for mark in marks
        for match in re.finditer(re.escape(mark), flat)
    ]
    found = []
    for word in suggested:
        word = normalised(word)
        if word in marks:
            continue
        for match in re.finditer(re.escape(word), flat):
            start, end = match.start(), match.start() + len(word)
            inside = any(s <= start and end <= e for s, e in spans)
            straddles = any(start < e and s < end and not (start <= s and e <= end)
                            for s, e in spans)  # fmt: skip
            if inside or straddles:
                found.append(word)
                break
    return found


def score(path: Path, method: str, suggest: Callable[[str], list[str]], repeats: int = 1) -> Score:
    text = path.read_text(encoding="utf-8")
    marks = marks_of(path)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        suggested = suggest(text)[:TOP]
        timings.append(time.perf_counter() - started)
    found = tuple(word for word in map(normalised, suggested) if word in marks)
    return Score(
        path.stem,
        method,
        len(marks),
        found,
        tuple(fragments_of(suggested, marks, text)),
        tuple(suggested),
        min(timings),
    )


def suggester() -> Callable[[str], list[str]]:
    """The reader's suggester as ``reader glossary suggest`` runs it, bundled glossary only."""
    from reader.annotation.annotator import Annotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.glossary.suggest import suggest_terms

    annotator = Annotator(CedictIndex.load(), GlossarySet.bundled_only())

    def suggest(text: str) -> list[str]:
        found = suggest_terms(
            annotator.segment(text),
            annotator.dictionary.__contains__,
            annotator.glossaries,
            limit=TOP,
        )
        return [suggestion.word for suggestion in found]

    return suggest


def jieba_tfidf(text: str) -> list[str]:
    """The anchor: jieba's own keyword extraction, TF-IDF over its own segmentation."""
    import jieba.analyse

    return list(jieba.analyse.extract_tags(text, topK=TOP))


def measure(held_out: bool = False) -> tuple[list[Score], list[Score]]:
    """(the suggester's scores, jieba TF-IDF's scores), one per text."""
    import jieba.analyse

    jieba.analyse.extract_tags("预热")  # load jieba's tables outside the timing
    ours = suggester()
    ours("预热")
    chosen = texts(held_out)
    return (
        [score(path, "suggester", ours, repeats=3) for path in chosen],
        [score(path, "jieba TF-IDF", jieba_tfidf, repeats=3) for path in chosen],
    )


def summary(scores: Sequence[Score]) -> str:
    marked = sum(s.marked for s in scores)
    found = sum(len(s.found) for s in scores)
    suggested = sum(len(s.suggested) for s in scores)
    worst = max(len(s.fragments) for s in scores)
    return (
        f"recall {found}/{marked} = {found / marked:.0%}, precision {found}/{suggested} = "
        f"{found / suggested:.0%}, fragments ≤ {worst} per text"
    )


def main() -> None:
    held_out = "--held-out" in sys.argv[1:]
    ours, anchor = measure(held_out)
    for mine, theirs in zip(ours, anchor, strict=True):
        print(f"== {mine.text} ({mine.marked} marked terms)")
        for result in (mine, theirs):
            missed = [mark for mark in marks_of(TEXTS / f"{result.text}.txt")
                      if mark not in result.found]  # fmt: skip
            print(
                f"  {result.method}: recall {result.recall:.0%}, precision "
                f"{result.precision:.0%}, {len(result.fragments)} fragments, "
                f"{result.seconds * 1000:.0f} ms"
            )
            print(f"    top {TOP}: {' '.join(result.suggested)}")
            print(f"    fragments: {' '.join(result.fragments) or '-'}")
            print(f"    missed: {' '.join(missed) or '-'}")
    print(f"suggester:    {summary(ours)}")
    print(f"jieba TF-IDF: {summary(anchor)}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
