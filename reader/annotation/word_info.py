"""What a learner is shown about a word, as plain data, and who can tell it.

Kept apart from ``reader.annotation.annotator`` so that code which only
reads these results (the window's start-up path, the annotation cache) does
not load jieba and pypinyin; the annotator re-exports both types.
``WordAnnotator`` is the seam: the full ``Annotator`` and the start-up
``CachedAnnotator`` both satisfy it, and everything that describes words
(the window, the sidebar, the command line) is typed against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.dictionary.entry import Entry
from reader.glossary.term import GlossaryTerm
from reader.language.tokens import SegmentedText, Token

if TYPE_CHECKING:  # the index and the glossary store are heavy; types only here
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet


@dataclass(frozen=True, slots=True)
class WordInfo:
    """One token with everything a learner is shown about it."""

    token: Token
    pinyin: tuple[str, ...]  # one tone-marked syllable per Han character; () for other kinds
    entries: tuple[Entry, ...]  # every CC-CEDICT entry for the word, all readings
    glossary: GlossaryTerm | None
    hsk: int | None  # HSK 3.0 level (2021 standard); 7 stands for the 7-9 band

    @property
    def gloss(self) -> str:
        """A one-line meaning: the glossary's English first, then the CC-CEDICT senses."""
        if self.glossary is not None:
            return self.glossary.english
        for entry in self._entries_in_reading_order():
            if entry.senses:
                return "; ".join(entry.senses[:3])
        return ""

    def _entries_in_reading_order(self) -> Iterator[Entry]:
        """Entries whose reading matches the pinyin in context come first."""
        reading = " ".join(self.pinyin)
        matching = [e for e in self.entries if e.pinyin.lower() == reading]
        yield from matching
        yield from (e for e in self.entries if e not in matching)


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

    def segment(self, text: str) -> SegmentedText:
        """``text`` cut into tokens."""
        ...

    def pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        """The reading of token ``index`` in its context: one syllable per Han character."""
        ...

    def word_info(self, segmented: SegmentedText, index: int) -> WordInfo:
        """Everything a learner is shown about token ``index``."""
        ...

    def describe(self, word: str) -> WordInfo:
        """A word on its own, read without context (dictionary search, vocabulary)."""
        ...

    def with_glossaries(self, glossaries: GlossarySet) -> WordAnnotator:
        """A full annotator over the same dictionary for changed glossaries (loads jieba)."""
        ...
