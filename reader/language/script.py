"""Traditional characters: analysed in their simplified form, always shown as written.

jieba's dictionary, the glossaries and g2pM's model are simplified; a
traditional text is cut far worse (年 | 輕人, 臺 | 北) and matches no glossary
term (河長制).  So the text is converted with OpenCC (Apache-2.0; the ``t2s``
configuration, phrase-aware) for analysis only.  Offsets must stay the same,
so a conversion that changes the length falls back to converting character by
character.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _convert(text: str, config: str) -> str:
    converted: str = _converter(config).convert(text)
    if len(converted) != len(text):
        converted = "".join(
            piece if len(piece := _converter(config).convert(char)) == 1 else char for char in text
        )
    return converted


def to_simplified(text: str) -> str:
    """``text`` with traditional characters made simplified, same length (年輕人 -> 年轻人)."""
    return _convert(text, "t2s")


@lru_cache(maxsize=65536)
def word_to_simplified(word: str) -> str:
    """``to_simplified`` for a short word, remembered (tokens recur)."""
    return _convert(word, "t2s")


def to_traditional(text: str) -> str:
    """``text`` in traditional characters, same length (河长制 -> 河長制)."""
    return _convert(text, "s2t")
