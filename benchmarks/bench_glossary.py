"""How fast the glossary core works on the bundled article, measured on this machine.

Each function returns seconds (best of ``repeats`` runs, after a warm-up).
``find_terms_seconds`` is the figure the reader promises to keep under 10 ms;
``regex_alternation_seconds`` is the anchor: the obvious alternative, one
compiled regular expression of every term, longest first, on the same text
(it finds only unquoted forms, so it does less work).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from reader import paths
from reader.glossary.exchange import dump_csv, parse_csv
from reader.glossary.matching import TermMatcher
from reader.glossary.store import GlossarySet, load_bundled

ARTICLE = "guangzhou-governance-ycwb.txt"


def _article() -> str:
    return (paths.bundled_articles_dir() / ARTICLE).read_text(encoding="utf-8")


def _best(function: Callable[[], object], repeats: int) -> float:
    function()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def find_terms_seconds(repeats: int = 20) -> float:
    """find_terms on the whole article with the bundled glossary (matcher already built)."""
    text = _article()
    glossaries = GlossarySet.bundled_only()
    return _best(lambda: glossaries.find_terms(text), repeats)


def regex_alternation_seconds(repeats: int = 20) -> float:
    """Anchor: one regex alternation of every term, longest first, on the same article."""
    text = _article()
    terms = sorted((t.term for t in load_bundled().terms), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, terms)))
    return _best(lambda: pattern.findall(text), repeats)


def build_matcher_seconds(repeats: int = 20) -> float:
    """Building the matcher for the bundled glossary (done once per glossary change)."""
    terms = load_bundled().terms
    return _best(lambda: TermMatcher(terms), repeats)


def csv_round_trip_seconds(repeats: int = 5) -> float:
    """Writing the bundled glossary as CSV and reading it back with full validation."""
    terms = load_bundled().terms
    return _best(lambda: parse_csv(dump_csv(terms)), repeats)


if __name__ == "__main__":
    for name, seconds in (
        ("find_terms on the article", find_terms_seconds()),
        ("anchor: regex alternation", regex_alternation_seconds()),
        ("build the matcher", build_matcher_seconds()),
        ("CSV round trip, 146 terms", csv_round_trip_seconds()),
    ):
        print(f"{name:28s} {seconds * 1000:8.3f} ms")


def handout_seconds(scratch: Path) -> tuple[float, float]:
    """The PDF handout of the bundled article with every section (terms, the article with
    pinyin over every character, a quiz), and the anchor: the same handout as a web page.

    The handout is composed once (segmentation and readings are the annotator's, measured
    elsewhere); both figures are the printing alone, best of two runs.
    """
    from reader.annotation.annotator import Annotator
    from reader.glossary.handout import QuizKind
    from reader.glossary.handout_choices import HandoutChoices, compose_handout
    from reader.glossary.handout_html import build_handout_html
    from reader.glossary.handout_pdf import write_handout_pdf

    choices = HandoutChoices("Handout", include_article=True, quiz=QuizKind.ENGLISH)
    handout = compose_handout(GlossarySet.bundled_only(), choices, _article(), Annotator.create())
    scratch.mkdir(parents=True, exist_ok=True)
    pdf = _best(lambda: write_handout_pdf(handout, scratch / "handout.pdf"), repeats=2)
    html = _best(lambda: build_handout_html(handout), repeats=2)
    return pdf, html
