"""A stand-in for the annotator, answering from one text's saved annotation.

At start-up the window builds this from the annotation cache (the CC-CEDICT
index and the glossaries load in tens of milliseconds; jieba and pypinyin are
not needed) so hover works at once, then replaces it with the full
``reader.annotation.annotator.Annotator`` as soon as that has loaded, within about a
second.  It satisfies ``reader.annotation.word_info.WordAnnotator``, as the full one does.

For the cached text, tokens and readings are exactly the full annotator's.
A word read outside that text (``describe``, dictionary search) gets its
glossary reading, else the reading it has as a token of the text, else its
first CC-CEDICT reading: a simplification that lasts only until the full
annotator takes over.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader.annotation.cache import AnnotationCache, CachedAnnotation, annotation_fingerprint
from reader.annotation.stats import ArticleStats
from reader.annotation.word_info import WordInfo, in_context
from reader.dictionary.entry import Entry
from reader.dictionary.index import CedictIndex
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm
from reader.language.han import han_characters, is_han
from reader.language.hsk import hsk_level
from reader.language.reading_corrections import ReadingCorrections
from reader.language.tokens import KIND_CODES, SegmentedText, Token, TokenKind

if TYPE_CHECKING:
    from reader.annotation.annotator import Annotator

_HAN = KIND_CODES.index(TokenKind.HAN)
_WORD_KINDS = frozenset((TokenKind.HAN, TokenKind.NUMBER, TokenKind.LATIN))


class CachedAnnotator:
    """Describes the words of one text from its saved annotation (see the module docstring)."""

    def __init__(
        self,
        dictionary: CedictIndex,
        glossaries: GlossarySet,
        cached: CachedAnnotation,
        corrections: ReadingCorrections | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.glossaries = glossaries
        self.corrections = corrections if corrections is not None else ReadingCorrections()
        self._cached = cached
        self._readings_in_text: dict[str, tuple[str, ...]] | None = None
        self._facts = lru_cache(maxsize=65536)(self._facts_uncached)

    @property
    def text(self) -> str:
        """The one text this annotator knows."""
        return self._cached.segmented.text

    def covers(self, text: str) -> bool:
        return text == self._cached.segmented.text

    def segment(self, text: str) -> SegmentedText:
        """The saved tokens of the cached text; any other text needs the full annotator."""
        if not self.covers(text):
            raise ValueError("only the cached text can be segmented without jieba")
        return self._cached.segmented

    def saved_stats(self) -> ArticleStats:
        """The cached text's statistics, as saved with its annotation."""
        return self._cached.stats

    def pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        return self.corrections.corrected_token(segmented, index, self.own_pinyin(segmented, index))

    def own_pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        """The saved reading (the full annotator's own); a word outside the text, as
        ``describe`` reads it."""
        if segmented is self._cached.segmented:
            return self._cached.pinyin[index]
        if segmented.kinds[index] != _HAN:
            return ()
        return self._reading_out_of_context(segmented.token(index).text)

    def word_info(self, segmented: SegmentedText, index: int) -> WordInfo:
        token = segmented.token(index)
        if token.kind not in _WORD_KINDS:
            return WordInfo(token, (), (), None, None)
        entries, glossary, hsk = self._facts(token.text)
        glossary = glossary or self.glossary_term(segmented, index)
        following = segmented.text[token.end : token.end + 4]
        pinyin = self.pinyin(segmented, index)
        return in_context(token, pinyin, entries, glossary, hsk, self.dictionary.lookup, following)

    def read_ahead(self, segmented: SegmentedText) -> None:
        """Nothing to do: every reading comes from the saved annotation."""

    def glossary_term(self, segmented: SegmentedText, index: int) -> GlossaryTerm | None:
        """The glossary term token ``index`` is, or is part of (“双区”建设), or None."""
        return self.glossaries.term_at(segmented, index)

    def describe(self, word: str) -> WordInfo:
        """A word on its own, read without context (see the module docstring)."""
        has_han = any(map(is_han, word))
        token = Token(word, 0, len(word), TokenKind.HAN if has_han else TokenKind.LATIN)
        entries, glossary, hsk = self._facts(word)
        reading = self._reading_out_of_context(word) if has_han else ()
        reading = self.corrections.corrected(word, reading)
        return in_context(token, reading, entries, glossary, hsk, self.dictionary.lookup)

    def with_glossaries(self, glossaries: GlossarySet) -> Annotator:
        """The full annotator for changed glossaries (loads jieba: call it in the worker)."""
        from reader.annotation.annotator import Annotator

        return Annotator(self.dictionary, glossaries, self.corrections)

    def _facts_uncached(
        self, word: str
    ) -> tuple[tuple[Entry, ...], GlossaryTerm | None, int | None]:
        return self.dictionary.lookup(word), self.glossaries.lookup(word), hsk_level(word)

    def _reading_out_of_context(self, word: str) -> tuple[str, ...]:
        """One syllable per Han character of ``word``, or () when no source has them all."""
        han = han_characters(word)
        if not han:
            return ()
        from_glossary = self.glossaries.pinyin_for(han)
        if from_glossary and len(from_glossary) == len(han):
            return tuple(syllable.lower() for syllable in from_glossary)
        in_text = self._readings_in_text_by_word().get(han)
        if in_text is not None:
            return in_text
        whole = self._first_reading(han)
        if whole is not None:
            return whole
        syllables = [self._first_reading(char) for char in han]
        if any(syllable is None for syllable in syllables):
            return ()
        return tuple(syllable[0] for syllable in syllables if syllable is not None)

    def _first_reading(self, word: str) -> tuple[str, ...] | None:
        for reading in self.dictionary.readings(word):
            if len(reading) == len(word):
                return reading
        return None

    def _readings_in_text_by_word(self) -> dict[str, tuple[str, ...]]:
        """Words of two or more characters and how the cached text reads them (first time).

        Single characters are left out: their reading depends on the context.
        """
        if self._readings_in_text is None:
            segmented = self._cached.segmented
            found: dict[str, tuple[str, ...]] = {}
            for index, reading in enumerate(self._cached.pinyin):
                if segmented.kinds[index] == _HAN and len(reading) > 1:
                    text = segmented.text[segmented.starts[index] : segmented.ends[index]]
                    found.setdefault(han_characters(text), reading)
            self._readings_in_text = found
        return self._readings_in_text


def load_cached_annotator(
    text: str, cedict_source: Path | None = None, cache: AnnotationCache | None = None
) -> CachedAnnotator | None:
    """A ``CachedAnnotator`` for ``text`` if the cache holds a current annotation of it.

    Loads the CC-CEDICT index and the active glossaries (tens of milliseconds
    once the index is cached); raises what ``CedictIndex.load`` raises.  A text
    opened for the first time has no entry: then nothing is loaded, and the
    full annotator, which loads them again, is not kept waiting.
    """
    cache = cache or AnnotationCache()
    if not cache.holds(text):
        return None
    dictionary = CedictIndex.load(cedict_source)
    glossaries = GlossarySet.load_active()
    cached = cache.load(text, annotation_fingerprint(dictionary, glossaries))
    if cached is None:
        return None
    # corrections are a layer over the saved readings, not part of them (reading_corrections)
    return CachedAnnotator(dictionary, glossaries, cached, ReadingCorrections.load())
