"""Units a reader would draw: jieba's words repaired against CC-CEDICT and the glossaries.

Written from the classes of defect in section D of the content review: a
neighbour's character glued onto a word (古树名 | 木等, 人往, 对近), a CC-CEDICT
headword cut apart (文化 | 和 | 旅游部, 第一 | 时间), a glossary term cut apart.
The article checks hold for every token of the bundled article, not only
the review's examples; the sentences are my own.
"""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.language.han import is_han
from reader.language.segment import Segmenter
from reader.language.tokens import SegmentedText, TokenKind


@pytest.fixture(scope="module")
def article(annotator: Annotator) -> SegmentedText:
    return annotator.segment(default_article().path.read_text(encoding="utf-8"))


def words(segmented: SegmentedText) -> list[str]:
    return [segmented.token(index).text for index in range(len(segmented))]


def han_words(segmented: SegmentedText) -> list[str]:
    return [
        segmented.token(index).text
        for index in range(len(segmented))
        if segmented.token(index).kind is TokenKind.HAN
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("保护古树名木等自然资源。", ["古树名木", "等"]),
        ("把人往基层走，钱往基层投。", ["人", "往", "钱", "往"]),
        ("经疾控部门检测，对近70万人开展筛查。", ["经", "疾控", "对", "近"]),
        ("油气水等资源", ["水", "等"]),
        ("这是一个好办法。", ["这", "是"]),
    ],
)
def test_a_neighbours_character_is_not_glued_onto_a_word(
    annotator: Annotator, sentence: str, expected: list[str]
) -> None:
    found = words(annotator.segment(sentence))
    position = 0
    for word in expected:  # in this order, each a token of its own
        assert word in found[position:], (word, found)
        position = found.index(word, position) + 1


@pytest.mark.parametrize(
    ("sentence", "headword"),
    [
        ("文化和旅游部发布了新的规定。", "文化和旅游部"),
        ("我们第一时间赶到了现场。", "第一时间"),
        ("把巡查工作常态化。", "常态化"),
        ("走可持续发展的道路", "可持续"),
        ("提防电信诈骗", "电信诈骗"),
        ("新冠病毒的传播途径", "新冠病毒"),
    ],
)
def test_a_cc_cedict_headword_stays_whole(
    annotator: Annotator, sentence: str, headword: str
) -> None:
    assert headword in annotator.dictionary
    assert headword in words(annotator.segment(sentence))


def test_no_two_neighbouring_words_of_the_article_form_a_longer_headword_left_split(
    annotator: Annotator, article: SegmentedText
) -> None:
    tokens = words(article)
    split = [
        (first, second)
        for first, second in zip(tokens, tokens[1:], strict=False)
        if all(map(is_han, first + second))
        and 3 <= len(first + second) <= 8
        and first + second in annotator.dictionary
    ]
    assert not split


def test_no_word_of_the_article_outside_the_dictionary_opens_with_a_preposition(
    annotator: Annotator, article: SegmentedText
) -> None:
    glued = [
        word
        for word in han_words(article)
        if len(word) == 2
        and word[0] in "从对经往向把被"
        and word not in annotator.dictionary
        and annotator.glossaries.lookup(word) is None
    ]
    assert not glued


def test_no_word_of_the_article_outside_the_dictionary_ends_in_deng(
    annotator: Annotator, article: SegmentedText
) -> None:
    """等 "and so on" closes a list: 木等, 水等, 河等 are no words."""
    glued = [
        word
        for word in han_words(article)
        if len(word) > 1 and word.endswith("等") and word not in annotator.dictionary
    ]
    assert not glued


def test_no_token_boundary_falls_inside_a_glossary_term_of_the_article(
    annotator: Annotator, article: SegmentedText
) -> None:
    text = article.text
    boundaries = set(article.starts)
    for term in annotator.glossaries.user_words():
        start = text.find(term)
        while start >= 0:
            assert not boundaries & set(range(start + 1, start + len(term))), term
            start = text.find(term, start + 1)


def test_repairs_keep_every_character_once_in_order(
    annotator: Annotator, article: SegmentedText
) -> None:
    assert "".join(words(article)) == article.text


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("羊城晚报记者 罗仕 李煊坤", "李煊坤"),
        ("张煊坤在广州工作。", "张煊坤"),
        ("听说陈煊坤也来了。", "陈煊坤"),
    ],
)
def test_a_personal_name_stays_whole_and_is_labelled_a_name(
    annotator: Annotator, sentence: str, name: str
) -> None:
    segmented = annotator.segment(sentence)
    index = segmented.index_at(sentence.index(name))
    assert index is not None
    assert segmented.token(index).text == name
    assert annotator.word_info(segmented, index).gloss == "personal name"


def test_a_verb_after_a_two_character_name_is_not_taken_into_it(annotator: Annotator) -> None:
    assert "说" in words(annotator.segment("李煊说，今天下雨。"))


@pytest.mark.parametrize(
    ("text", "term", "pieces"),
    [
        ("深圳市域治理更精细。", "市域", ["深圳", "市域"]),
        ("全市域推行。", "市域", ["全", "市域"]),
    ],
)
def test_a_glossary_term_two_words_share_is_cut_out_whole(
    text: str, term: str, pieces: list[str]
) -> None:
    """A term jieba's words straddle (深圳市 | 域) comes out whole when what is left
    of each neighbour still stands on its own."""
    segmenter = Segmenter([term], known=lambda word: word in {"深圳", "深圳市", "制度"})
    found = words(segmenter.segment(text))
    assert term in found
    assert "".join(found) == text
    assert all(piece in found for piece in pieces)
