"""One dictionary search, for the command line and the window's Dictionary tab.

A query is read as characters, pinyin (any notation: ``hezhangzhi``,
``he2 zhang3 zhi4``, ``hé zhǎng zhì``) or English, and matched against both
CC-CEDICT and the active glossaries: a glossary term such as 河长制, which
CC-CEDICT lacks, is found by its characters, its pinyin and its English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from reader.dictionary.entry import Entry
from reader.glossary.term import GlossaryTerm
from reader.language.han import has_han
from reader.language.notation import normalize_pinyin_query, split_syllables, strip_tones

if TYPE_CHECKING:
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet

RESULT_LIMIT = 50
_TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)
_NUMBERED = re.compile(r"[a-zü:]+[1-5]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


class QueryKind(StrEnum):
    AUTO = "auto"
    CHARACTERS = "characters"
    PINYIN = "pinyin"
    ENGLISH = "english"
    PINYIN_OR_ENGLISH = "pinyin_or_english"


@dataclass(frozen=True, slots=True)
class SearchResults:
    """What a search found, best first: glossary terms and CC-CEDICT entries mixed."""

    found: tuple[GlossaryTerm | Entry, ...]

    @property
    def terms(self) -> tuple[GlossaryTerm, ...]:
        return tuple(item for item in self.found if isinstance(item, GlossaryTerm))

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(item for item in self.found if isinstance(item, Entry))

    def __bool__(self) -> bool:
        return bool(self.found)


def detect_query_kind(query: str) -> QueryKind:
    """How an automatic search reads ``query``."""
    text = query.strip()
    if has_han(text):
        return QueryKind.CHARACTERS
    if _TONE_MARKS.search(text) or _NUMBERED.search(text):
        return QueryKind.PINYIN
    letters = re.sub(r"[\s']+", "", strip_tones(text))
    if letters.isascii() and letters.isalpha() and split_syllables(letters):
        return QueryKind.PINYIN_OR_ENGLISH
    return QueryKind.ENGLISH


def search(
    dictionary: CedictIndex,
    glossaries: GlossarySet,
    query: str,
    kind: QueryKind = QueryKind.AUTO,
    limit: int = RESULT_LIMIT,
) -> SearchResults:
    """Entries and glossary terms matching ``query`` read as ``kind`` (AUTO detects).

    Best matches first, each once, at most ``limit`` of them.
    """
    text = query.strip()
    if not text or limit < 1:
        return SearchResults(())
    if kind is QueryKind.AUTO:
        kind = detect_query_kind(text)
    all_terms = glossaries.terms()
    found: list[GlossaryTerm | Entry] = []
    if kind is QueryKind.CHARACTERS:
        # The word itself first, from either source; then longer words that begin
        # with it, the glossaries' (few, and the article's own) before CC-CEDICT's.
        found.extend(t for t in all_terms if t.term == text)
        found.extend(dictionary.lookup(text))
        found.extend(t for t in all_terms if t.term.startswith(text))
        found.extend(dictionary.prefix_search(text, limit=limit))
    if kind in (QueryKind.PINYIN, QueryKind.PINYIN_OR_ENGLISH):
        found.extend(glossary_terms_by_pinyin(all_terms, text))
        found.extend(dictionary.search_pinyin(text, limit=limit))
    if kind in (QueryKind.ENGLISH, QueryKind.PINYIN_OR_ENGLISH):
        found.extend(glossary_terms_by_english(all_terms, text))
        found.extend(dictionary.search_english(text, limit=limit))
    return SearchResults(tuple(dict.fromkeys(found))[:limit])


def glossary_terms_by_pinyin(terms: list[GlossaryTerm], query: str) -> list[GlossaryTerm]:
    """Terms whose reading is the query's, in any notation; tones given must match."""
    key, tones = normalize_pinyin_query(query)
    return [
        term for term in terms if _same_reading(normalize_pinyin_query(term.pinyin), key, tones)
    ]


def _same_reading(
    term: tuple[str, tuple[int, ...] | None], key: str, tones: tuple[int, ...] | None
) -> bool:
    """A tone left open in the query (0, or no tones at all) matches any tone."""
    term_key, term_tones = term
    if term_key != key:
        return False
    if tones is None:
        return True
    if term_tones is None or len(term_tones) != len(tones):
        return False
    return all(given in (0, tone) for given, tone in zip(tones, term_tones, strict=True))


def glossary_terms_by_english(terms: list[GlossaryTerm], query: str) -> list[GlossaryTerm]:
    """Terms whose English has every word of the query as a whole word (ignoring case)."""
    wanted = set(_WORD.findall(query.casefold()))
    if not wanted:
        return []
    return [term for term in terms if wanted <= set(_WORD.findall(term.english.casefold()))]
