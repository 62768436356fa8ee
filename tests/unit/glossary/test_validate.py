from __future__ import annotations

import pytest

from reader.errors import GlossaryError
from reader.glossary.term import GlossaryTerm
from reader.glossary.validate import (
    check_term,
    is_tone_marked_syllable,
    stored_pinyin,
    term_problems,
)


def make(term="河长制", pinyin="hé zhǎng zhì", english="river chief system", **extra):
    return GlossaryTerm(term, pinyin, english, **extra)


def test_a_good_term_has_no_problems():
    assert term_problems(make()) == []
    assert term_problems(make("4A景区", "jǐng qū", "4A attraction")) == []
    assert term_problems(make("功夫", "gōng fu", "effort")) == []


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (make(term=""), "the term is empty"),
        (make(term="“三旧”改造", pinyin="sān jiù gǎi zào"), "without spaces, punctuation"),
        (make(term="ABC", pinyin="a"), "has no Chinese characters"),
        (make(pinyin="hé zhǎng"), "has 3 Chinese characters but 2 pinyin syllables"),
        (make(pinyin="he2 zhang3 zhi4"), "write tone marks"),
        (make(pinyin="hé  zhǎng zhì"), "single spaces"),
        (make(pinyin="hé zhǎng zhìx"), "is not a pinyin syllable"),
        (make(pinyin=""), "pinyin for “河长制” is missing"),
        (make(english="  "), "English for “河长制” is empty"),
        (make(related=("河湖长制", "")), "related term"),
    ],
)
def test_bad_terms_are_refused_with_a_clear_message(term, message):
    with pytest.raises(GlossaryError, match=message):
        check_term(term)


def test_digits_and_latin_letters_carry_no_pinyin():
    assert (
        "has 2 Chinese characters but 7"
        in term_problems(make("12345热线", "yī èr sān sì wǔ rè xiàn", "hotline"))[0]
    )


@pytest.mark.parametrize("syllable", ["hé", "Pān", "lǜ", "Lǜ", "fu", "ér"])
def test_tone_marked_syllables(syllable):
    assert is_tone_marked_syllable(syllable)


@pytest.mark.parametrize("syllable", ["he2", "lv", "lu:", "hÉ", "", "xyz", "háō"])
def test_not_tone_marked_syllables(syllable):
    assert not is_tone_marked_syllable(syllable)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("lao2", "láo"),
        ("lao2shi1", "láo shī"),
        ("he2 zhang3  zhi4", "hé zhǎng zhì"),
        ("lv4 se4", "lǜ sè"),
        ("nu:3 er2", "nǚ ér"),
        ("Guang3zhou1", "Guǎng zhōu"),
        ("ma5", "ma"),
        (" hé  zhǎng zhì ", "hé zhǎng zhì"),
    ],
)
def test_numbered_pinyin_is_stored_with_tone_marks(typed, stored):
    assert stored_pinyin(typed) == stored
    assert all(is_tone_marked_syllable(syllable) for syllable in stored.split())


def test_a_numbered_syllable_that_is_not_pinyin_is_still_refused():
    assert term_problems(make(pinyin=stored_pinyin("hx2 zhang3 zhi4")))
