"""Tokens: the pieces a text is cut into, kept as offset arrays.

Every character of the input belongs to exactly one token.  A long article has
hundreds of thousands of tokens, so ``SegmentedText`` keeps them as parallel
arrays (start offsets, end offsets, kinds) and makes a ``Token`` object only
when one is asked for; the window maps a mouse position to a token by binary
search over ``starts``.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class TokenKind(StrEnum):
    HAN = "han"
    LATIN = "latin"
    NUMBER = "number"
    PUNCT = "punct"
    SPACE = "space"


KIND_CODES: tuple[TokenKind, ...] = tuple(TokenKind)
"""The order in which kinds are stored as one byte each in ``SegmentedText.kinds``."""


@dataclass(frozen=True, slots=True)
class Token:
    """A Chinese word, a number, Latin letters, punctuation or space in a segmented text."""

    text: str
    start: int
    end: int
    kind: TokenKind
    pos: str = ""
    """jieba's part-of-speech tag where one is known (``ul`` for 了, ``ns`` for a place ...)."""


@dataclass(frozen=True, slots=True)
class SegmentedText:
    """A text and its tokens as parallel arrays; ``len(self)`` is the number of tokens."""

    text: str
    starts: array  # array('l'): offset of each token's first character
    ends: array  # array('l'): offset one past each token's last character
    kinds: bytes  # index into KIND_CODES for each token
    pos_tags: tuple[str, ...]  # jieba part-of-speech tag per token, "" where unknown

    def __len__(self) -> int:
        return len(self.starts)

    def token(self, index: int) -> Token:
        start, end = self.starts[index], self.ends[index]
        return Token(
            self.text[start:end], start, end, KIND_CODES[self.kinds[index]], self.pos_tags[index]
        )

    def __iter__(self) -> Iterator[Token]:
        for index in range(len(self.starts)):
            yield self.token(index)

    def index_at(self, offset: int) -> int | None:
        """The index of the token covering character ``offset``, or None outside the text."""
        if offset < 0 or offset >= len(self.text):
            return None
        return bisect.bisect_right(self.starts, offset) - 1
