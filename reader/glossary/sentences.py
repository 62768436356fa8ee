"""The sentence around a word: vocabulary contexts, handout examples, term suggestions.

One rule for all of them, so a word saved from a sentence and the same word's
handout example are cut from the text the same way.
"""

from __future__ import annotations

import bisect
import re

# A sentence ends after 。！？;… (with any closing quotes) or at a line break.
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』)）]*|\n+")
SENTENCE_LIMIT = 300
"""Most characters kept on each side of the word, for texts without punctuation."""


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank sentence, in order, without surrounding whitespace."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for end_mark in _SENTENCE_END.finditer(text):
        _add(text, start, end_mark.end(), bounds)
        start = end_mark.end()
    _add(text, start, len(text), bounds)
    return bounds


def _add(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        leading = len(piece) - len(piece.lstrip())
        bounds.append((start + leading, start + leading + len(stripped)))


class SentenceFinder:
    """The sentence around any offset of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._bounds = sentence_bounds(text)
        self._starts = [start for start, _ in self._bounds]

    def sentence_at(self, offset: int) -> str:
        """The sentence containing ``offset``, "" when the offset is in blank space."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return ""
        start, end = self._bounds[index]
        if not start <= offset < end:
            return ""
        start = max(start, offset - SENTENCE_LIMIT)
        end = min(end, offset + SENTENCE_LIMIT)
        return self.text[start:end].strip()
