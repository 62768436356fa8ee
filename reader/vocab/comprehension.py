"""How much of an article the learner already knows: a comprehension estimate.

Only Chinese words count (punctuation, numbers and Latin words say nothing about
the learner's Chinese).  A word counts as understood when it is saved as
*known*.  Words saved as *ignored* (names, words the learner chose not to study)
are left out of both the numerator and the denominator: they are neither known
nor something to learn, so they should not lower or raise the estimate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.vocab.word import Status

_HAN_CODE = KIND_CODES.index(TokenKind.HAN)


@dataclass(frozen=True, slots=True)
class Comprehension:
    """Counts of an article's Chinese words (ignored words left out) and how many are known."""

    words: int
    known_words: int
    distinct_words: int
    known_distinct_words: int

    @property
    def word_share(self) -> float:
        """Share of running words known (0.0 to 1.0; 0.0 for an article without Chinese)."""
        return self.known_words / self.words if self.words else 0.0

    @property
    def distinct_share(self) -> float:
        """Share of distinct words known."""
        return self.known_distinct_words / self.distinct_words if self.distinct_words else 0.0


def han_word_counts(segmented: SegmentedText) -> Counter[str]:
    """Each Chinese word of the text and how often it occurs, in order of first appearance."""
    text, starts, ends, kinds = segmented.text, segmented.starts, segmented.ends, segmented.kinds
    counts: Counter[str] = Counter()
    for index in range(len(starts)):
        if kinds[index] == _HAN_CODE:
            counts[text[starts[index] : ends[index]]] += 1
    return counts


def estimate_comprehension(
    counts: Mapping[str, int], statuses: Mapping[str, Status]
) -> Comprehension:
    """The comprehension estimate from ``han_word_counts`` and ``VocabularyStore.statuses()``."""
    words = known = distinct = known_distinct = 0
    for word, count in counts.items():
        status = statuses.get(word)
        if status is Status.IGNORED:
            continue
        words += count
        distinct += 1
        if status is Status.KNOWN:
            known += count
            known_distinct += 1
    return Comprehension(words, known, distinct, known_distinct)
