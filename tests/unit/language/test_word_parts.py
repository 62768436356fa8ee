"""How a word no dictionary lists is cut into dictionary words (both directions, HSK)."""

from __future__ import annotations

import pytest

from reader.language.word_parts import both_cuts, word_parts

# A few of CC-CEDICT's headwords, enough for the words below; the levels are the real HSK 3.0 ones.
WORDS = {"做作", "作业", "放风", "风筝", "主教", "教练", "洗衣", "衣服", "讲道", "道理"}
WORDS |= {"收藏", "藏品", "散文", "文集", "交通", "交通部", "部门", "加拿", "加拿大", "大人"}
WORDS |= {"看看", "看书", "弄清", "清楚"}


def parts(word: str) -> list[str]:
    def is_part(start: int, end: int) -> bool:
        return end - start < len(word) and word[start:end] in WORDS

    spans = word_parts(word, is_part)
    return [word[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("做作业", ["做", "作业"]),  # not 做作 "affected" + 业
        ("洗衣服", ["洗", "衣服"]),  # not 洗衣 "laundry" + 服
        ("放风筝", ["放", "风筝"]),  # not 放风 "to let in air" + 筝
        ("主教练", ["主", "教练"]),  # not 主教 "bishop" + 练
        ("讲道理", ["讲", "道理"]),  # not 讲道 "to preach" + 理
    ],
)
def test_a_verb_before_a_word_a_learner_knows_is_cut_from_the_right(
    word: str, expected: list[str]
) -> None:
    assert parts(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("收藏品", ["收藏", "品"]),  # 收藏 HSK 6 against 藏品 7-9
        ("散文集", ["散文", "集"]),  # 文集 is not graded
    ],
)
def test_a_noun_with_a_suffix_is_cut_from_the_left(word: str, expected: list[str]) -> None:
    assert parts(word) == expected


def test_with_nothing_to_choose_the_cut_from_the_left_stands() -> None:
    assert parts("加拿大人") == ["加拿大", "人"]  # not 加拿 + 大人 "adult"


def test_fewer_parts_win_and_then_the_easier_words() -> None:
    assert parts("交通部门") == ["交通", "部门"]  # not 交通部 + 门
    assert parts("我去放风筝") == ["我", "去", "放", "风筝"]


def test_a_doubled_verb_before_its_object_keeps_its_pair() -> None:
    assert parts("看看书") == ["看看", "书"]  # not 看 + 看书


def test_the_other_cut_is_given_when_it_has_as_few_parts() -> None:
    def is_part(start: int, end: int) -> bool:
        return word[start:end] in WORDS

    word = "弄清楚"
    assert both_cuts(word, is_part) == ([(0, 1), (1, 3)], [(0, 2), (2, 3)])  # 弄 | 清楚; 弄清 | 楚
    word = "我看书"
    assert both_cuts(word, is_part) == ([(0, 1), (1, 3)], None)  # both sides cut 我 | 看书
