"""Numbers written in digits, read aloud: quantities with units, codes digit by digit."""

from __future__ import annotations

import pytest

from reader.language.numbers import number_reading


@pytest.mark.parametrize(
    ("digits", "following", "reading"),
    [
        ("2200", "", "liǎngqiān èrbǎi"),
        ("20000", "", "liǎngwàn"),
        ("105", "", "yībǎi líng wǔ"),
        ("15", "", "shí wǔ"),
        ("251", "天", "liǎngbǎi wǔshí yī"),
        ("100000000", "", "yīyì"),
        ("9.7", "亿", "jiǔ diǎn qī"),
        ("50%", "", "bǎi fēn zhī wǔshí"),
    ],
)
def test_a_quantity_is_read_with_its_units(digits: str, following: str, reading: str) -> None:
    assert number_reading(digits, following) == reading


@pytest.mark.parametrize(
    ("digits", "following", "reading"),
    [
        ("12345", "热线", "yāo èr sān sì wǔ"),
        ("110", "电话", "yāo yāo líng"),
        ("13800138000", "", "yāo sān bā líng líng yāo sān bā líng líng líng"),
        ("020", "", "líng èr líng"),
    ],
)
def test_a_code_is_read_digit_by_digit_with_one_as_yao(
    digits: str, following: str, reading: str
) -> None:
    assert number_reading(digits, following) == reading


def test_a_year_is_read_digit_by_digit_with_one_as_yi() -> None:
    assert number_reading("2021", "年") == "èr líng èr yī"
    assert number_reading("1949", "年") == "yī jiǔ sì jiǔ"


def test_what_is_not_a_number_has_no_reading() -> None:
    assert number_reading("4A", "") == ""
    assert number_reading("1234567890123", "") == ""
