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


def pieces_in_order(found: list[str], expected: list[str]) -> bool:
    """True when ``expected`` are consecutive tokens of ``found``."""
    return any(found[start : start + len(expected)] == expected for start in range(len(found)))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the character before the particle completes the word before it (天 | 真的)
        ("他是个天真的人。", ["天真", "的", "人"]),
        ("一个懵懂天真的少年", ["懵懂", "天真", "的", "少年"]),
        ("她有一双纤美的手。", ["纤美", "的", "手"]),
        # a name that is an adjective plus 的 (美的, the brand) after a noun or adverb
        ("为群众创造蓝天、山绿、水清、城美的美好环境", ["城", "美", "的", "美好"]),
        ("山清水秀城美的家园", ["城", "美", "的", "家园"]),
        ("花纹美的木头", ["花纹", "美", "的", "木头"]),
        ("这朵花真美的。", ["真", "美", "的"]),
        # a word's last character opens the unknown word after it (物理层 | 面上)
        ("但在物理层面上更好实现。", ["物理", "层面", "上"]),
        ("从管理层面上看", ["管理", "层面", "上"]),
        ("在决策层面上", ["决策", "层面", "上"]),
        ("从领导层面上讲", ["领导", "层面", "上"]),
    ],
)
def test_words_jieba_drew_across_a_boundary_are_regrouped(
    annotator: Annotator, sentence: str, expected: list[str]
) -> None:
    """jieba takes 美的 (the brand) or 真的 across a boundary (城 | 美的, 天 | 真的), and
    物理层 | 面上 although 面上 is no dictionary word and 物理, 层面 are."""
    found = words(annotator.segment(sentence))
    assert pieces_in_order(found, expected), found


@pytest.mark.parametrize(
    "sentence", ["美的集团发布财报。", "他买了一台美的空调。", "与美的合作。", "收购美的。"]
)
def test_the_brand_stays_one_word_where_a_name_stands(annotator: Annotator, sentence: str) -> None:
    """At a clause's start, after a verb, a preposition or a measure word 美的 is the brand."""
    assert "美的" in words(annotator.segment(sentence))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("沙河涌、白云河等广州中心城区河涌", "白云河"),
        ("整治了新塘河等广州河涌", "新塘河"),
        ("整治了石井河等广州河流", "石井河"),
    ],
)
def test_a_place_suffix_glued_onto_deng_ends_the_name_before_it(
    annotator: Annotator, sentence: str, name: str
) -> None:
    """石井 | 河等: the name is 石井河 even though 石井 alone is a dictionary word."""
    found = words(annotator.segment(sentence))
    assert pieces_in_order(found, [name, "等"]), found


@pytest.mark.parametrize(
    "sentence", ["已有200天零事故。", "全年有251天零发案。", "全年有100天零投诉。"]
)
def test_zero_opens_the_word_after_it(annotator: Annotator, sentence: str) -> None:
    """天零 is no word: 零 "zero" belongs to what follows (零事故, 零发案)."""
    found = words(annotator.segment(sentence))
    assert "天零" not in found
    assert "天" in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("第二十分钟，客队首先得分。", ["第二十", "分钟"]),  # not 第二 "second" | 十分钟
        ("第八十六分钟，前锋把球打进。", ["第八十六", "分钟"]),
        ("第三十五分钟，主队换人。", ["第三十五", "分钟"]),
        ("他们的总得分是九十分。", ["九十", "分"]),  # not 九 | 十分 "very"
        ("这次考试他考了八十分。", ["八十", "分"]),
    ],
)
def test_a_number_jieba_cut_in_two_is_one_word(
    annotator: Annotator, sentence: str, expected: list[str]
) -> None:
    found = words(annotator.segment(sentence))
    assert pieces_in_order(found, expected), found


@pytest.mark.parametrize(
    ("sentence", "number"),
    [("十一五规划已经完成。", "十一五"), ("五六十个人参加了会议。", "五六十个")],
)
def test_two_numbers_side_by_side_are_not_joined(
    annotator: Annotator, sentence: str, number: str
) -> None:
    """十一五 (the 11th five-year plan) and 五六十 "fifty or sixty" are no one number."""
    assert number in words(annotator.segment(sentence))
