"""What a learner is shown about a word, as plain data, and who can tell it.

Kept apart from ``reader.annotation.annotator`` so that code which only
reads these results (the window's start-up path, the annotation cache) does
not load jieba and pypinyin; the annotator re-exports both types.
``WordAnnotator`` is the seam: the full ``Annotator`` and the start-up
``CachedAnnotator`` both satisfy it, and everything that describes words
(the window, the sidebar, the command line) is typed against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from reader.dictionary.entry import Entry
from reader.dictionary.senses import Lookup, entry_gloss, meaning, ordered_entries
from reader.glossary.term import GlossaryTerm
from reader.language.numbers import number_reading
from reader.language.tokens import SegmentedText, Token, TokenKind

if TYPE_CHECKING:  # the index and the glossary store are heavy; types only here
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.language.reading_corrections import ReadingCorrections


@dataclass(frozen=True, slots=True)
class WordInfo:
    """One token with everything a learner is shown about it."""

    token: Token
    pinyin: tuple[str, ...]  # one tone-marked syllable per Han character; () for other kinds
    entries: tuple[Entry, ...]  # every CC-CEDICT entry for the word, all readings
    glossary: GlossaryTerm | None
    hsk: int | None  # HSK 3.0 level (2021 standard); 7 stands for the 7-9 band

    meaning: str = ""
    """The one-line meaning in context (``reader.dictionary.senses.meaning``), "" if unset."""

    @property
    def gloss(self) -> str:
        """The hover line: the glossary's English, else the meaning in context."""
        if self.glossary is not None:
            return self.glossary.english
        if self.meaning:
            return self.meaning
        reading = " ".join(self.pinyin)
        return entry_gloss(self.entries, reading, self.token.text, lambda word: (), self.token.pos)


def in_context(
    token: Token,
    pinyin: tuple[str, ...],
    entries: tuple[Entry, ...],
    glossary: GlossaryTerm | None,
    hsk: int | None,
    lookup: Lookup,
    following: str = "",
) -> WordInfo:
    """A token's ``WordInfo``: entries in the order a reader wants, and its one-line meaning.

    Both annotators build their ``WordInfo`` here, so the hover line, the
    popup's order and the JSON ``gloss`` agree.  ``following`` is the text
    after the token (热线 after 12345 makes it a number read digit by digit).
    """
    if token.kind is TokenKind.NUMBER:
        reading = number_reading(token.text, following)
        line = f"{reading} (number)" if reading else ""
        return WordInfo(token, pinyin, entries, glossary, hsk, line)
    english = glossary.english if glossary is not None else None
    ordered, line = _ordered_and_meaning(
        token.text, " ".join(pinyin), token.pos, entries, english, lookup
    )
    return WordInfo(token, pinyin, ordered, glossary, hsk, line)


@lru_cache(maxsize=65536)
def _ordered_and_meaning(
    word: str,
    reading: str,
    pos: str,
    entries: tuple[Entry, ...],
    english: str | None,
    lookup: Lookup,
) -> tuple[tuple[Entry, ...], str]:
    """The entries in a reader's order and the meaning line; a word recurs with the same facts."""
    ordered = tuple(ordered_entries(entries, reading, pos))
    return ordered, meaning(word, reading, ordered, lookup, pos, english)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A whole text, segmented, with ``WordInfo`` for every token (command line, export)."""

    source: str
    segmented: SegmentedText
    words: tuple[WordInfo, ...]


class WordAnnotator(Protocol):
    """Segments texts and describes their words: what the window and the CLI rely on."""

    @property
    def dictionary(self) -> CedictIndex:
        """The CC-CEDICT index the descriptions come from."""
        ...

    @property
    def glossaries(self) -> GlossarySet:
        """The active glossaries: their terms are single tokens with their own English."""
        ...

    @property
    def corrections(self) -> ReadingCorrections:
        """The learner's readings of words, which win over the reader's own."""
        ...

    def segment(self, text: str) -> SegmentedText:
        """``text`` cut into tokens."""
        ...

    def pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        """The reading of token ``index`` in its context: one syllable per Han character.

        The learner's correction of the word where there is one, else ``own_pinyin``.
        """
        ...

    def own_pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        """The reader's own reading of token ``index``, as if no correction were made."""
        ...

    def word_info(self, segmented: SegmentedText, index: int) -> WordInfo:
        """Everything a learner is shown about token ``index``."""
        ...

    def glossary_term(self, segmented: SegmentedText, index: int) -> GlossaryTerm | None:
        """The glossary term token ``index`` is, or is part of (“双区”建设), or None."""
        ...

    def read_ahead(self, segmented: SegmentedText) -> None:
        """Read every token now (in a worker), so that hover and paint only look up."""
        ...

    def describe(self, word: str) -> WordInfo:
        """A word on its own, read without context (dictionary search, vocabulary)."""
        ...

    def with_glossaries(self, glossaries: GlossarySet) -> WordAnnotator:
        """A full annotator over the same dictionary for changed glossaries (loads jieba)."""
        ...
