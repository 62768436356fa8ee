"""How a number written in digits is read aloud in Mandarin.

A quantity is read with its units (2200 liǎngqiān èrbǎi); a code is read digit
by digit with 1 as yāo (the 12345 hotline: yāo èr sān sì wǔ), as are years
(2021年 èr líng èr yī).  A number is a code when it starts with 0, is seven
digits or longer, or comes before a word for a phone line or a number.
Citation tones, as everywhere in the reader (no 一/不 sandhi).
"""

from __future__ import annotations

import re

_DIGIT = ("líng", "yī", "èr", "sān", "sì", "wǔ", "liù", "qī", "bā", "jiǔ")
_CODE_DIGIT = ("líng", "yāo", *_DIGIT[2:])
_SMALL_UNITS = ("", "shí", "bǎi", "qiān")
_BIG_UNITS = ("", "wàn", "yì")
_CODE_WORDS = ("热线", "电话", "号码", "专线", "热线电话", "服务热线")
_DECIMAL = re.compile(r"^(\d+)(?:\.(\d+))?%?$")
MAX_DIGITS = 12


def _group(number: int, leading: bool) -> list[str]:
    """A group of up to four digits (0-9999) with its units; 两 before 千 and 百 at the start."""
    digits = f"{number:04d}"
    words: list[str] = []
    zero_pending = False
    for position, char in enumerate(digits):
        value = int(char)
        unit = 3 - position
        if value == 0:
            zero_pending = bool(words)
            continue
        if zero_pending:
            words.append("líng")
            zero_pending = False
        if value == 2 and unit >= 2 and not words:
            words.append("liǎng")
        elif value == 1 and unit == 1 and not words and leading:
            pass  # 十二, not 一十二, at the start of a number
        else:
            words.append(_DIGIT[value])
        if unit:
            words.append(_SMALL_UNITS[unit])
    return words


def _quantity(number: int) -> list[str]:
    if number == 0:
        return ["líng"]
    groups = []
    while number:
        groups.append(number % 10_000)
        number //= 10_000
    words: list[str] = []
    for level in range(len(groups) - 1, -1, -1):
        group = groups[level]
        if group == 0:
            continue
        if words and group < 1000:
            words.append("líng")
        part = _group(group, leading=not words)
        if level and part == ["èr"]:
            part = ["liǎng"]  # 两万, 两亿
        words.extend(part)
        if level:
            words.append(_BIG_UNITS[level])
    return words


def is_code(digits: str, following: str) -> bool:
    """Digit by digit: a leading 0, seven or more digits (not a round amount), before 热线 ..."""
    round_amount = len(digits.rstrip("0")) <= 4
    return (
        digits.startswith("0")
        or (len(digits) >= 7 and not round_amount)
        or following.startswith(_CODE_WORDS)
    )


def number_reading(text: str, following: str = "") -> str:
    """The pinyin of a number token (``2200`` -> ``liǎngqiān èrbǎi``); "" if it is not one.

    ``following``: the text right after the token (热线, 年 ...), which decides
    between a quantity, a code and a year.
    """
    found = _DECIMAL.match(text)
    if not found or len(found.group(1)) > MAX_DIGITS:
        return ""
    whole, fraction = found.group(1), found.group(2)
    if fraction is None and is_code(whole, following):
        return " ".join(_CODE_DIGIT[int(char)] for char in whole)
    if fraction is None and following.startswith("年") and len(whole) == 4:
        return " ".join(_DIGIT[int(char)] for char in whole)
    words = _quantity(int(whole))
    if fraction:
        words += ["diǎn", *(_DIGIT[int(char)] for char in fraction)]
    if text.endswith("%"):
        words = ["bǎi", "fēn", "zhī", *words]
    return _join(words)


def _join(words: list[str]) -> str:
    """Units written onto their digit (liǎngqiān èrbǎi), as dictionaries print numbers."""
    joined: list[str] = []
    for word in words:
        if word in _SMALL_UNITS[1:] + _BIG_UNITS[1:] and joined:
            joined[-1] += word
        else:
            joined.append(word)
    return " ".join(joined)
