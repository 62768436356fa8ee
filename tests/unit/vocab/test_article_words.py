"""Saving a word as met in the bundled article, and finding its context again."""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator, WordInfo
from reader.articles import default_article
from reader.language.tokens import SegmentedText
from reader.textio.reading import read_document
from reader.vocab.article_words import (
    STATUS_KEYS,
    context_for,
    find_context,
    has_han,
    remaining_words,
    word_from_info,
)
from reader.vocab.word import Context, Status


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


@pytest.fixture(scope="module")
def segmented(annotator: Annotator) -> SegmentedText:
    return annotator.segment(read_document(default_article().path).text)


def info_for(annotator: Annotator, segmented: SegmentedText, word: str) -> WordInfo:
    index = next(i for i, token in enumerate(segmented) if token.text == word)
    return annotator.word_info(segmented, index)


def test_definition_follows_the_reading_in_context(annotator, segmented) -> None:
    info = info_for(annotator, segmented, "了")
    assert info.pinyin == ("le",)

    word = word_from_info(info)

    assert word.simplified == "了" and word.pinyin == "le"
    assert word.definition.startswith("(completed action marker)")
    assert "to finish" not in word.definition
    assert word.status is Status.NEW


def test_a_glossary_term_without_a_dictionary_entry_takes_the_glossary_english(
    annotator, segmented
) -> None:
    info = info_for(annotator, segmented, "河长制")
    assert not info.entries and info.glossary is not None

    word = word_from_info(info, Status.LEARNING)

    assert word.pinyin == "hé zhǎng zhì"
    assert word.definition == info.glossary.english
    assert word.status is Status.LEARNING


def test_traditional_and_hsk_come_along(annotator, segmented) -> None:
    info = info_for(annotator, segmented, "治理")

    word = word_from_info(info)

    assert word.pinyin == "zhì lǐ" and word.definition.startswith("to govern")
    assert word.hsk == info.hsk


def test_status_keys_cover_the_four_statuses() -> None:
    assert [STATUS_KEYS[n] for n in (1, 2, 3, 4)] == [
        Status.NEW,
        Status.LEARNING,
        Status.KNOWN,
        Status.IGNORED,
    ]


def test_context_needs_a_sentence() -> None:
    assert context_for("河长制全面推行。", "标题") == Context("河长制全面推行。", "标题")
    assert context_for("  ", "标题") is None


def test_remaining_words_are_unsaved_chinese_words_in_order(segmented) -> None:
    tokens = [token.text for token in segmented]
    statuses = {"治理": Status.LEARNING, "城市": Status.KNOWN}

    remaining = remaining_words(tokens, statuses)

    assert "治理" not in remaining and "城市" not in remaining
    assert "，" not in remaining and all(has_han(word) for word in remaining)
    assert len(remaining) == len(set(remaining))
    assert remaining[0] == next(t for t in tokens if has_han(t) and t not in statuses)


def test_has_han() -> None:
    assert has_han("河长制") and has_han("A股")
    assert not has_han("2024") and not has_han("，") and not has_han("GDP")


def test_find_context_locates_the_word_inside_its_sentence(segmented) -> None:
    text = segmented.text
    first = text.find("河长制")
    sentence_start = text.rfind("。", 0, first) + 1
    sentence_end = text.find("。", first) + 1
    sentence = " ".join(text[sentence_start:sentence_end].split())

    found = find_context(text, sentence, "河长制")

    assert found == (first, first + 3)


def test_find_context_prefers_the_saved_sentence_over_an_earlier_occurrence(segmented) -> None:
    text = segmented.text
    occurrences = [i for i in range(len(text)) if text.startswith("治理", i)]
    later = occurrences[5]
    sentence_start = text.rfind("。", 0, later) + 1
    sentence = text[sentence_start : text.find("。", later) + 1].strip()

    start, _end = find_context(text, sentence, "治理")

    assert start > occurrences[0] and sentence_start <= start <= later


def test_find_context_falls_back_to_the_word_and_gives_none_when_absent(segmented) -> None:
    text = segmented.text
    first = text.find("治理")

    assert find_context(text, "这句话不在文章里。", "治理") == (first, first + 2)
    assert find_context(text, "这句话不在文章里。", "不存在的词语呀") is None
