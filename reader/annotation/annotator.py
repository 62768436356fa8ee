"""The annotator: everything the app knows about the words of a text.

It ties the core together: segmentation (with every active glossary's terms as
user words), context-aware pinyin, CC-CEDICT entries, glossary terms and HSK
levels.  Segmenting a text is the only step that touches every character;
everything else is computed per token on demand and cached by word, because
the window only ever needs the tokens that are hovered or visible.
"""

from __future__ import annotations

from array import array
from functools import lru_cache
from pathlib import Path

from reader.annotation.word_info import Annotation, WordInfo, in_context
from reader.dictionary.entry import Entry
from reader.dictionary.index import CedictIndex
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.hsk import hsk_level
from reader.language.pinyin import PinyinResolver
from reader.language.reading_corrections import ReadingCorrections
from reader.language.segment import Segmenter
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind

__all__ = ["Annotation", "Annotator", "WordInfo"]


class Annotator:
    """Segments texts and describes their words.

    Building one loads jieba, the CC-CEDICT index and the glossaries (about a
    second cold); the window does that in a worker thread.
    """

    def __init__(
        self,
        dictionary: CedictIndex,
        glossaries: GlossarySet,
        corrections: ReadingCorrections | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.glossaries = glossaries
        # None: none of the learner's (tests, benchmarks); ``create`` loads the saved ones
        self.corrections = corrections if corrections is not None else ReadingCorrections()
        self._segmenter = Segmenter(glossaries.user_words(), known=self._is_dictionary_word)
        self._pinyin = PinyinResolver(
            readings_for=dictionary.readings, glossary_pinyin=glossaries.pinyin_for
        )
        self._facts = lru_cache(maxsize=65536)(self._facts_uncached)

    def _is_dictionary_word(self, word: str) -> bool:
        return word in self.dictionary or self.glossaries.lookup(word) is not None

    @classmethod
    def create(cls, cedict_source: Path | None = None) -> Annotator:
        """The annotator over CC-CEDICT, the active glossaries and the learner's corrections."""
        return cls(
            CedictIndex.load(cedict_source), GlossarySet.load_active(), ReadingCorrections.load()
        )

    def with_glossaries(self, glossaries: GlossarySet) -> Annotator:
        """A new annotator for a changed set of glossaries, sharing the loaded dictionary.

        A fresh segmenter is cheaper and safer than teaching the old one: jieba
        cannot forget a user word cleanly, and a removed term must stop being
        cut whole.
        """
        return Annotator(self.dictionary, glossaries, self.corrections)

    def segment(self, text: str) -> SegmentedText:
        return self._segmenter.segment(text)

    def pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        return self.corrections.corrected_token(
            segmented, index, self._pinyin.resolve(segmented, index)
        )

    def own_pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]:
        return self._pinyin.resolve(segmented, index)

    def read_ahead(self, segmented: SegmentedText) -> None:
        """Read every token of ``segmented`` now (in a worker): hover and paint only look up."""
        self._pinyin.read_ahead(segmented)

    def word_info(self, segmented: SegmentedText, index: int) -> WordInfo:
        token = segmented.token(index)
        if token.kind not in (TokenKind.HAN, TokenKind.NUMBER, TokenKind.LATIN):
            return WordInfo(token, (), (), None, None)
        entries, glossary, hsk = self._facts(token.text)
        glossary = glossary or self.glossary_term(segmented, index)
        pinyin = self.pinyin(segmented, index)
        return in_context(
            token,
            pinyin,
            entries,
            glossary,
            hsk,
            self.dictionary.lookup,
            _following(segmented, index),
        )

    def glossary_term(self, segmented: SegmentedText, index: int) -> GlossaryTerm | None:
        """The glossary term token ``index`` is, or is part of (“双区”建设), or None."""
        return self.glossaries.term_at(segmented, index)

    def describe(self, word: str) -> WordInfo:
        """A word on its own (dictionary search, vocabulary), read without context."""
        segmented = SegmentedText(word, *_single_token_arrays(word))
        return self.word_info(segmented, 0)

    def annotate(self, text: str, source: str = "") -> Annotation:
        segmented = self.segment(text)
        self.read_ahead(segmented)  # the model reads all sentences in one batch
        return Annotation(
            source, segmented, tuple(self.word_info(segmented, i) for i in range(len(segmented)))
        )

    def _facts_uncached(
        self, word: str
    ) -> tuple[tuple[Entry, ...], GlossaryTerm | None, int | None]:
        """What does not depend on context, looked up once per distinct word."""
        return self.dictionary.lookup(word), self.glossaries.lookup(word), hsk_level(word)


def _following(segmented: SegmentedText, index: int, reach: int = 4) -> str:
    """A few characters of text after token ``index``."""
    end = segmented.ends[index]
    return segmented.text[end : end + reach]


def _single_token_arrays(word: str) -> tuple[array[int], array[int], bytes, tuple[str]]:
    """``SegmentedText`` arrays that make all of ``word`` one token."""
    kind = TokenKind.HAN if any(is_han(char) for char in word) else TokenKind.LATIN
    return array("l", [0]), array("l", [len(word)]), bytes([KIND_CODES.index(kind)]), ("",)
