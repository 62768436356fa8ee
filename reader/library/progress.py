"""How well the learner knows a chapter: the number the library shows beside its progress."""

from __future__ import annotations

from collections.abc import Mapping

from reader.language.tokens import SegmentedText
from reader.vocab.comprehension import estimate_comprehension, han_word_counts
from reader.vocab.word import Status


def known_share(segmented: SegmentedText, statuses: Mapping[str, Status]) -> float | None:
    """The share of the text's running Chinese words saved as known (ignored words left out,
    as in the Article tab's estimate); None for a text without Chinese words."""
    estimate = estimate_comprehension(han_word_counts(segmented), statuses)
    return estimate.word_share if estimate.words else None
