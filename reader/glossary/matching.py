"""Finding glossary terms in a text.

Articles quote terms (“双区”建设, “绣花”功夫) and break lines in the middle of
words, so matching looks through a copy of the text with whitespace and quote
marks removed and maps every match back to the original offsets; the match
then spans the quote marks inside it.  Two-clause slogans of eight or more
characters in two equal halves (数据多跑路群众少跑腿) also match with a comma
or 、 between the halves (数据多跑路，群众少跑腿); shorter terms never match
across a comma, which would find words that are not there.

A term's variant spellings (``GlossaryTerm.variants``: a misprint such as
慧智管 for 穗智管) are found the same way and report the term itself.

At each position the longest term wins and matches never overlap.  Terms are
grouped by their first character, so the text is read once (about 1 ms for
the bundled article).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from reader.glossary.term import GlossaryTerm

IGNORED_INSIDE_TERMS = "“”‘’「」『』〝〞＂＇\"'"
CLAUSE_SEPARATORS = ("，", "、", ",")
SLOGAN_MIN_LENGTH = 8

_KEPT_RUNS = re.compile(rf"[^\s{re.escape(IGNORED_INSIDE_TERMS)}]+")


class TermMatch(NamedTuple):
    start: int  # offset of the term's first character in the original text
    end: int  # one past its last character
    term: GlossaryTerm


def spelled_forms(term: str) -> list[str]:
    """The spellings ``term`` is looked for under (after whitespace and quotes are removed)."""
    forms = [term]
    if len(term) >= SLOGAN_MIN_LENGTH and len(term) % 2 == 0:
        half = len(term) // 2
        forms.extend(term[:half] + separator + term[half:] for separator in CLAUSE_SEPARATORS)
    return forms


def strip_ignored(text: str) -> str:
    """``text`` without whitespace and quote marks: the form ``lookup`` compares."""
    return "".join(_KEPT_RUNS.findall(text))


class TermMatcher:
    """Finds a fixed set of terms in texts; build once, use for many texts."""

    def __init__(self, terms: Iterable[GlossaryTerm]) -> None:
        by_first: dict[str, list[tuple[str, GlossaryTerm]]] = {}
        for term in terms:
            for written in term.forms:
                for form in spelled_forms(written):
                    by_first.setdefault(form[0], []).append((form, term))
        for candidates in by_first.values():
            candidates.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._by_first = by_first
        starts = "".join(sorted(by_first))
        self._first_chars = re.compile(f"[{re.escape(starts)}]") if starts else None

    def find(self, text: str) -> list[TermMatch]:
        """Every term in ``text``: leftmost first, longest at each position, never overlapping."""
        if self._first_chars is None:
            return []
        kept: list[str] = []
        origin: list[int] = []  # origin[i] is the offset in ``text`` of kept character i
        for run in _KEPT_RUNS.finditer(text):
            kept.append(run.group())
            origin.extend(range(run.start(), run.end()))
        squeezed = "".join(kept)
        matches: list[TermMatch] = []
        position = 0
        search = self._first_chars.search
        while (found := search(squeezed, position)) is not None:
            position = found.start()
            for form, term in self._by_first[squeezed[position]]:
                if squeezed.startswith(form, position):
                    last = position + len(form) - 1
                    matches.append(TermMatch(origin[position], origin[last] + 1, term))
                    position = last + 1
                    break
            else:
                position += 1
        return matches

    def counts(self, text: str) -> Counter[str]:
        """How often each term occurs in ``text`` (the sidebar's numbers)."""
        return Counter(match.term.term for match in self.find(text))


class TermSpans:
    """The terms found in one text, answering which term covers a token.

    A token inside a quoted or comma-separated occurrence (双区 in “双区”建设,
    群众少跑腿 in 数据多跑路，群众少跑腿) belongs to that term, so hovering it
    shows the term and the view underlines it.
    """

    def __init__(self, matches: list[TermMatch]) -> None:
        self._matches = matches
        self._starts = [match.start for match in matches]

    def covering(self, start: int, end: int) -> GlossaryTerm | None:
        """The term whose occurrence holds ``[start, end)``, or None."""
        place = bisect.bisect_right(self._starts, start) - 1
        if place >= 0 and end <= self._matches[place].end:
            return self._matches[place].term
        return None
