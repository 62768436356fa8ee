"""Comprehension estimate on the bundled article, segmented by the real annotator."""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.language.tokens import SegmentedText
from reader.textio.reading import read_document
from reader.vocab.comprehension import estimate_comprehension, han_word_counts
from reader.vocab.word import Status


@pytest.fixture(scope="module")
def segmented() -> SegmentedText:
    text = read_document(default_article().path).text
    return Annotator.create().segment(text)


def test_counts_only_chinese_words(segmented: SegmentedText) -> None:
    counts = han_word_counts(segmented)

    assert counts["治理"] >= 20
    assert "，" not in counts and "。" not in counts
    assert all(not word.isdigit() for word in counts)
    assert counts["河长制"] == segmented.text.count("河长制")


def test_nothing_known_gives_zero_and_everything_known_gives_one(
    segmented: SegmentedText,
) -> None:
    counts = han_word_counts(segmented)

    nothing = estimate_comprehension(counts, {})
    everything = estimate_comprehension(counts, dict.fromkeys(counts, Status.KNOWN))

    assert nothing.words == sum(counts.values()) and nothing.distinct_words == len(counts)
    assert nothing.word_share == 0.0 and nothing.distinct_share == 0.0
    assert everything.word_share == 1.0 and everything.distinct_share == 1.0


def test_a_frequent_known_word_weighs_more_in_running_words(segmented: SegmentedText) -> None:
    counts = han_word_counts(segmented)

    estimate = estimate_comprehension(counts, {"治理": Status.KNOWN, "河长制": Status.LEARNING})

    assert estimate.known_distinct_words == 1
    assert estimate.known_words == counts["治理"]
    assert estimate.word_share == pytest.approx(counts["治理"] / sum(counts.values()))
    assert estimate.word_share > estimate.distinct_share


def test_ignored_words_are_left_out_of_the_estimate(segmented: SegmentedText) -> None:
    counts = han_word_counts(segmented)

    estimate = estimate_comprehension(counts, {"治理": Status.IGNORED})

    assert estimate.words == sum(counts.values()) - counts["治理"]
    assert estimate.distinct_words == len(counts) - 1


def test_an_article_without_chinese_has_no_share() -> None:
    empty = estimate_comprehension({}, {})

    assert empty.word_share == 0.0 and empty.distinct_share == 0.0
