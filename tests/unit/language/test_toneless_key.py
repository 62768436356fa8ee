"""One toneless pinyin key: the quick path and the exact one give the same key."""

from __future__ import annotations

import unicodedata

import pytest

from reader.language.notation import normalize_pinyin_query, toneless_key, toneless_keys

SPELLINGS = [
    ("hé zhǎng zhì", "hezhangzhi"),
    ("He2 zhang3 zhi4", "hezhangzhi"),
    ("nǚ ér", "nver"),
    ("nu:3", "nv"),
    ("lüè", "lve"),
    ("Xī'ān", "xian"),
    ("ḿ", "m"),
    ("ǹg", "ng"),
]


@pytest.mark.parametrize(("pinyin", "key"), SPELLINGS)
def test_every_notation_gives_the_key_a_query_gets(pinyin: str, key: str) -> None:
    assert toneless_key(pinyin) == key
    # Decomposed marks (a combining accent after the letter) take the exact path.
    assert toneless_key(unicodedata.normalize("NFD", pinyin)) == key
    assert normalize_pinyin_query(pinyin)[0] == key


def test_many_at_once_equal_one_at_a_time() -> None:
    texts = [pinyin for pinyin, _ in SPELLINGS] + ["", "bad\nline", "Zhōng\u0301"]
    assert toneless_keys(texts) == [toneless_key(text) for text in texts]
    assert len(toneless_keys(texts)) == len(texts)
    assert toneless_keys([]) == []
