"""Which characters are Han characters: the ones that carry a pinyin syllable."""

from __future__ import annotations

import re

HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f\u3007"
"""The ranges ``is_han`` accepts, for character classes in regular expressions."""
_HAN_RUN = re.compile(f"[{HAN_RANGES}]+")


def is_han(char: str) -> bool:
    """True for a CJK ideograph (unified blocks, extensions A to G, compatibility, 〇)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or code == 0x3007
    )


def han_characters(text: str) -> str:
    """The Han characters of ``text``, in order."""
    return "".join(_HAN_RUN.findall(text))


def has_han(text: str) -> bool:
    """Whether ``text`` holds at least one Han character (a word a learner studies)."""
    return _HAN_RUN.search(text) is not None
