"""Pinyin notation helpers, checked against hand-picked cases and every reading in CC-CEDICT."""

from __future__ import annotations

import pytest

from reader.dictionary.cedict import bundled_source, decode_source, read_source_bytes, split_source
from reader.language.notation import (
    from_fullwidth,
    is_valid_syllable,
    marks_to_numbered,
    normalize_pinyin_query,
    numbered_to_marks,
    split_syllables,
    strip_tones,
    syllables_with_tones,
    tone_of,
    toneless_key,
)


@pytest.mark.parametrize(
    ("numbered", "marked"),
    [
        ("he2 zhang3 zhi4", "hé zhǎng zhì"),
        ("Guang3 zhou1", "Guǎng zhōu"),  # capitals kept
        ("hao3", "hǎo"),  # a takes the mark
        ("xie4", "xiè"),  # e takes the mark
        ("gou3", "gǒu"),  # o of ou
        ("liu2", "liú"),  # otherwise the last vowel
        ("gui4", "guì"),
        ("nu:3", "nǚ"),  # u: is ü
        ("lv4", "lǜ"),  # so is v
        ("lu:e4", "lüè"),
        ("Ou1 zhou1", "Ōu zhōu"),
        ("Er4", "Èr"),
        ("ma5", "ma"),  # neutral tone: no mark
        ("yi1 dian3 r5", "yī diǎn r"),
        ("m2", "ḿ"),
        ("ng2", "ńg"),
        ("san1 C", "sān C"),  # not syllables: unchanged
        ("Zhan1 mu3 si1 · Gao1", "Zhān mǔ sī · Gāo"),
        ("lu4 jian4 bu4 ping2 , ba2 dao1", "lù jiàn bù píng , bá dāo"),
    ],
)
def test_numbered_to_marks(numbered: str, marked: str) -> None:
    assert numbered_to_marks(numbered) == marked


@pytest.mark.parametrize(
    ("marked", "numbered"),
    [
        ("hé zhǎng zhì", "he2 zhang3 zhi4"),
        ("hézhǎngzhì", "he2zhang3zhi4"),
        ("Guǎng zhōu", "Guang3 zhou1"),
        ("nǚ lüè", "nu:3 lu:e4"),
        ("ma", "ma5"),
        ("DNA", "DNA"),
    ],
)
def test_marks_to_numbered(marked: str, numbered: str) -> None:
    assert marks_to_numbered(marked) == numbered


def test_marks_to_numbered_can_write_v_for_u_umlaut() -> None:
    assert marks_to_numbered("nǚ", umlaut="v") == "nv3"


def test_every_cedict_reading_survives_a_round_trip() -> None:
    path = bundled_source()
    _, lines = split_source(decode_source(read_source_bytes(path), path), path)
    checked = 0
    for line in lines:
        numbered = line[line.index("[") + 1 : line.index("]")]
        syllables = numbered.split()
        if not all(s[-1] in "12345" and is_valid_syllable(s) for s in syllables):
            continue
        round_trip = marks_to_numbered(numbered_to_marks(numbered))
        assert round_trip == numbered.replace("v", "u:"), line
        checked += 1
    assert checked > 110_000


@pytest.mark.parametrize(
    ("syllable", "tone"),
    [
        ("zhǎng", 3),
        ("zhang3", 3),
        ("mā", 1),
        ("má", 2),
        ("mà", 4),
        ("ma", 5),
        ("ma5", 5),
        ("lǜ", 4),
        ("lu:4", 4),
        ("Ōu", 1),
    ],
)
def test_tone_of(syllable: str, tone: int) -> None:
    assert tone_of(syllable) == tone


def test_strip_tones() -> None:
    assert strip_tones("hé zhǎng zhì") == "he zhang zhi"
    assert strip_tones("he2 zhang3 zhi4") == "he zhang zhi"
    assert strip_tones("nǚ") == "nü"
    assert strip_tones("Guǎng zhōu 2019") == "Guang zhou 2019"


def test_toneless_key() -> None:
    assert toneless_key("He2 zhang3 zhi4") == "hezhangzhi"
    assert toneless_key("nǚ") == toneless_key("nu:3") == toneless_key("nv3") == "nv"


@pytest.mark.parametrize(
    ("pinyin", "syllables"),
    [
        ("hezhangzhi", ["he", "zhang", "zhi"]),
        ("xian", ["xian"]),  # longest first
        ("xi'an", ["xi", "an"]),  # the apostrophe decides
        ("fangan", ["fang", "an"]),
        ("zhongguoren", ["zhong", "guo", "ren"]),
        ("nvren", ["nv", "ren"]),
        ("Beijing", ["Bei", "jing"]),
        ("ergun", ["er", "gun"]),
        ("qwrtz", []),
        ("", []),
    ],
)
def test_split_syllables(pinyin: str, syllables: list[str]) -> None:
    assert split_syllables(pinyin) == syllables


def test_split_syllables_backtracks_when_greedy_fails() -> None:
    # Greedy "zhuang" would leave "u", which is no syllable on its own (that is "wu").
    assert split_syllables("zhuangu") == ["zhuan", "gu"]


@pytest.mark.parametrize(
    ("syllable", "valid"),
    [
        ("lǜ", True),
        ("lu:4", True),
        ("lv4", True),
        ("zhuang", True),
        ("Guǎng", True),
        ("r", True),
        ("hǎó", False),
        ("qwe", False),
        ("zhiang", False),
        ("", False),
    ],
)
def test_is_valid_syllable(syllable: str, valid: bool) -> None:
    assert is_valid_syllable(syllable) is valid


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("he2 zhang3 zhi4", ("hezhangzhi", (2, 3, 4))),
        ("hé zhǎng zhì", ("hezhangzhi", (2, 3, 4))),
        ("hézhǎngzhì", ("hezhangzhi", (2, 3, 4))),
        ("he2zhang3zhi4", ("hezhangzhi", (2, 3, 4))),
        ("hezhangzhi", ("hezhangzhi", None)),
        ("he zhang zhi", ("hezhangzhi", None)),
        ("he zhang3 zhi", ("hezhangzhi", (0, 3, 0))),
        ("nv3", ("nv", (3,))),
        ("nü3", ("nv", (3,))),
        ("nu:3", ("nv", (3,))),
        ("lue4", ("lve", (4,))),
        ("Xi'an", ("xian", None)),
        ("xi1 an1", ("xian", (1, 1))),
        ("", ("", None)),
    ],
)
def test_normalize_pinyin_query(query: str, expected: tuple[str, tuple[int, ...] | None]) -> None:
    assert normalize_pinyin_query(query) == expected


def test_fullwidth_forms_become_their_ascii_forms_and_nothing_else_changes() -> None:
    every = "".join(chr(code) for code in range(0xFF01, 0xFF5F))
    assert from_fullwidth(every) == "".join(chr(code) for code in range(0x21, 0x7F))
    assert from_fullwidth("ｘíｎｇ\u3000ｓｈｕｉ３") == "xíng shui3"
    assert from_fullwidth("长城 ǚ ê̄ 。") == "长城 ǚ ê̄ 。"


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("chángchéng", [("chang", 2), ("cheng", 2)]),
        ("lv", [("lü", 5)]),
        ("nu:", [("nü", 5)]),
        ("ế", [("ê", 2)]),
        ("e\u0302\u0304", [("ê", 1)]),
        ("Xi", [("Xi", 5)]),
        ("xyz", None),
    ],
)
def test_syllables_with_tones_splits_marked_pinyin(
    word: str, syllables: list[tuple[str, int]] | None
) -> None:
    assert syllables_with_tones(word) == syllables
