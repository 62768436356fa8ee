"""The glossary terms of one article, as the reading window's Glossary tab lists them.

Each term found in the text comes with every place it occurs, so the window
can highlight them all and step from one to the next.  Terms are grouped by
category and can be filtered by characters, by pinyin typed without tones
(``hezhang`` finds 河长制) or by words of the English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.glossary.matching import TermMatch, strip_ignored
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.notation import toneless_key

UNCATEGORISED = "other terms"


@dataclass(frozen=True, slots=True)
class TermOccurrences:
    """One glossary term and every (start, end) range where the article has it, in order."""

    term: GlossaryTerm
    ranges: tuple[tuple[int, int], ...]

    @property
    def count(self) -> int:
        return len(self.ranges)


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    category: str
    terms: tuple[TermOccurrences, ...]

    @property
    def count(self) -> int:
        """Occurrences of all the group's terms together."""
        return sum(term.count for term in self.terms)


def occurrences_of(matches: Iterable[TermMatch]) -> list[TermOccurrences]:
    """Matches gathered by term, in order of each term's first occurrence."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    terms: dict[str, GlossaryTerm] = {}
    for match in matches:
        ranges.setdefault(match.term.term, []).append((match.start, match.end))
        terms.setdefault(match.term.term, match.term)
    return [TermOccurrences(terms[key], tuple(found)) for key, found in ranges.items()]


def group_by_category(occurrences: Iterable[TermOccurrences]) -> list[CategoryGroup]:
    """Categories in alphabetical order (terms without one last); most frequent terms first."""
    groups: dict[str, list[TermOccurrences]] = {}
    for found in occurrences:
        groups.setdefault(found.term.category.strip() or UNCATEGORISED, []).append(found)
    ordered = sorted(groups, key=lambda name: (name == UNCATEGORISED, name.lower()))
    return [
        CategoryGroup(name, tuple(sorted(groups[name], key=lambda found: -found.count)))
        for name in ordered
    ]


def matches_query(term: GlossaryTerm, query: str) -> bool:
    """Whether a filter box holding ``query`` keeps ``term``.

    Chinese characters are looked for in the term; Latin text in the English
    (ignoring case) or, without spaces and tones, in the pinyin, so ``hezhang``,
    ``he zhang`` and ``hé zhǎng`` all keep 河长制.  An empty query keeps everything.
    """
    query = query.strip()
    if not query:
        return True
    if any(is_han(char) for char in query):
        return any(strip_ignored(query) in form for form in term.forms)
    if query.lower() in term.english.lower():
        return True
    key = toneless_key(query)
    return bool(key) and key in toneless_key(term.pinyin)


def filter_groups(groups: Sequence[CategoryGroup], query: str) -> list[CategoryGroup]:
    """``groups`` with only the terms ``query`` keeps; groups left empty are dropped."""
    kept = []
    for group in groups:
        terms = tuple(found for found in group.terms if matches_query(found.term, query))
        if terms:
            kept.append(CategoryGroup(group.category, terms))
    return kept
