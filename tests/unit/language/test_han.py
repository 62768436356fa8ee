"""One rule for which characters are Han, and every user of it agrees."""

from __future__ import annotations

import pytest

from reader.dictionary.search import QueryKind, detect_query_kind
from reader.find import find_characters
from reader.language.han import has_han, is_han
from reader.language.segment import Segmenter

# Boundaries of each range, and characters just outside them.
HAN = ["一", "龥", "㐀", "䶵", "豈", "𠀀", "𰀀", "〇"]
NOT_HAN = ["a", "1", "。", "，", "ー", "가", "あ", "\u4dc0", "\U00031350"]


@pytest.mark.parametrize("char", HAN)
def test_han_characters_are_han_everywhere(char: str) -> None:
    assert is_han(char)
    assert has_han(f"ab{char}")
    assert detect_query_kind(char) is QueryKind.CHARACTERS  # dictionary search
    # The find bar matches Han exactly; case folding is for Latin letters only.
    assert find_characters(f"x{char}y", char) == [(1, 2)]


@pytest.mark.parametrize("char", NOT_HAN)
def test_other_characters_are_not(char: str) -> None:
    assert not is_han(char)
    assert not has_han(char)
    assert detect_query_kind(char) is not QueryKind.CHARACTERS


def test_a_rare_character_in_an_article_is_a_word_to_learn() -> None:
    tokens = list(Segmenter().segment("我看见𠀀了。"))
    assert any(has_han(token.text) and "𠀀" in token.text for token in tokens)
