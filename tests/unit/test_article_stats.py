"""Article statistics on the bundled article, with the real segmenter, CC-CEDICT and HSK lists."""

from __future__ import annotations

import pytest

from reader.annotation.stats import ArticleStats, compute_article_stats
from reader.articles import default_article
from reader.dictionary.index import CedictIndex
from reader.language.hsk import hsk_level
from reader.language.segment import Segmenter
from reader.language.tokens import TokenKind
from reader.textio.reading import read_document


@pytest.fixture(scope="module")
def dictionary() -> CedictIndex:
    return CedictIndex.load()


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def _stats(text: str, segmenter: Segmenter, dictionary: CedictIndex) -> ArticleStats:
    return compute_article_stats(
        segmenter.segment(text), hsk_level=hsk_level, in_dictionary=dictionary.__contains__
    )


def test_bundled_article_counts_agree_with_its_tokens(segmenter, dictionary) -> None:
    text = read_document(default_article().path).text
    segmented = segmenter.segment(text)
    han_words = [t.text for t in segmented if t.kind is TokenKind.HAN]

    stats = compute_article_stats(
        segmented, hsk_level=hsk_level, in_dictionary=dictionary.__contains__
    )

    assert stats.characters == len("".join(text.split()))
    assert stats.han_characters == sum(len(word) for word in han_words)
    assert stats.words == len(han_words)
    assert stats.distinct_words == len(set(han_words))
    assert 3000 < stats.han_characters < stats.characters
    assert stats.distinct_words < stats.words


def test_hsk_distribution_covers_every_distinct_word_once(segmenter, dictionary) -> None:
    stats = _stats(read_document(default_article().path).text, segmenter, dictionary)

    assert [level for level, _ in stats.hsk_levels] == [1, 2, 3, 4, 5, 6, 7, None]
    assert sum(count for _, count in stats.hsk_levels) == stats.distinct_words
    by_level = dict(stats.hsk_levels)
    assert by_level[1] > 0  # 的, 是, 人 ... are HSK 1
    assert by_level[None] > 0  # policy vocabulary such as 精细化 is outside HSK


def test_words_missing_from_the_dictionary_are_listed_once_in_reading_order(dictionary) -> None:
    text = "林长制来了。广州推行河长制。河长制让城市更好，河长制很有用。"
    segmented = Segmenter({"河长制", "林长制"}).segment(text)

    stats = compute_article_stats(
        segmented, hsk_level=hsk_level, in_dictionary=dictionary.__contains__
    )

    assert stats.not_in_dictionary.count("河长制") == 1  # three occurrences, listed once
    assert stats.not_in_dictionary.index("林长制") < stats.not_in_dictionary.index("河长制")
    assert "城市" not in stats.not_in_dictionary  # CC-CEDICT has it
    assert all(word not in dictionary for word in stats.not_in_dictionary)


def test_a_glossary_counts_as_a_dictionary(segmenter, dictionary) -> None:
    text = "广州推行河长制和林长制。"
    glossary = {"河长制", "林长制"}
    segmenter_with_terms = Segmenter(glossary)
    segmented = segmenter_with_terms.segment(text)

    without_glossary = compute_article_stats(
        segmented, hsk_level=hsk_level, in_dictionary=dictionary.__contains__
    )
    with_glossary = compute_article_stats(
        segmented,
        hsk_level=hsk_level,
        in_dictionary=lambda word: word in dictionary or word in glossary,
    )

    assert "河长制" in without_glossary.not_in_dictionary
    assert "河长制" not in with_glossary.not_in_dictionary


def test_text_without_chinese_words_has_zero_words(segmenter, dictionary) -> None:
    stats = _stats("2024, OK!", segmenter, dictionary)

    assert stats.words == 0
    assert stats.distinct_words == 0
    assert stats.characters == len("2024,OK!")
    assert stats.not_in_dictionary == ()


def test_json_output_counts_what_the_article_tab_counts() -> None:
    from reader.annotation.annotator import Annotator
    from reader.annotation.output import annotation_stats
    from reader.annotation.stats import annotator_article_stats

    annotator = Annotator.create()
    annotation = annotator.annotate(read_document(default_article().path).text)
    window = annotator_article_stats(annotator, annotation.segmented)
    shown = annotation_stats(annotation)

    assert shown["characters"] == window.characters
    assert shown["han_characters"] == window.han_characters
    assert shown["words"] == window.words
    assert shown["distinct_words"] == window.distinct_words
    assert list(shown["hsk_levels"].values()) == [count for _, count in window.hsk_levels]
    assert shown["not_in_dictionary"] == list(window.not_in_dictionary)
