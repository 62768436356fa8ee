"""Numbers about one article that tell a learner how hard it is.

Computed once per segmentation (in the window's worker thread, since a long
article has hundreds of thousands of tokens) from the token arrays and two
lookups, so this module needs neither Qt nor a particular dictionary class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.language.hsk import hsk_level
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator

_HAN_CODE = KIND_CODES.index(TokenKind.HAN)


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """What the sidebar's Article tab shows.

    Only Han tokens count as words: numbers, Latin and punctuation are not
    vocabulary a learner studies.
    """

    characters: int  # every character that is not whitespace
    han_characters: int
    words: int  # Han word tokens, every occurrence
    distinct_words: int
    hsk_levels: tuple[tuple[int | None, int], ...]
    """Distinct words per HSK 3.0 level, levels 1 to 7 (7 = the 7-9 band) then None (not in HSK)."""
    not_in_dictionary: tuple[str, ...]
    """Distinct words neither CC-CEDICT nor a glossary knows, in order of first appearance."""


def compute_article_stats(
    segmented: SegmentedText,
    *,
    hsk_level: Callable[[str], int | None],
    in_dictionary: Callable[[str], bool],
) -> ArticleStats:
    """Count the article's characters and words; each distinct word is looked up once."""
    text = segmented.text
    occurrences: Counter[str] = Counter()
    kinds = segmented.kinds
    starts = segmented.starts
    ends = segmented.ends
    for index in range(len(starts)):
        if kinds[index] == _HAN_CODE:
            occurrences[text[starts[index] : ends[index]]] += 1

    levels: Counter[int | None] = Counter()
    unknown: list[str] = []
    for word in occurrences:  # Counter keeps first-appearance order
        levels[hsk_level(word)] += 1
        if not in_dictionary(word):
            unknown.append(word)

    ordered_levels = tuple((level, levels[level]) for level in (1, 2, 3, 4, 5, 6, 7, None))
    return ArticleStats(
        characters=sum(1 for ch in text if not ch.isspace()),
        han_characters=sum(len(word) * count for word, count in occurrences.items()),
        words=sum(occurrences.values()),
        distinct_words=len(occurrences),
        hsk_levels=ordered_levels,
        not_in_dictionary=tuple(unknown),
    )


def annotator_article_stats(annotator: WordAnnotator, segmented: SegmentedText) -> ArticleStats:
    """The statistics the window and the JSON output both show: a word is known to the
    dictionary when CC-CEDICT or an active glossary has it."""
    dictionary, glossaries = annotator.dictionary, annotator.glossaries

    def in_dictionary(word: str) -> bool:
        return word in dictionary or glossaries.lookup(word) is not None

    return compute_article_stats(segmented, hsk_level=hsk_level, in_dictionary=in_dictionary)
