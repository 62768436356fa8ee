"""Finding text in an article: by characters, or by pinyin with or without tones.

``hezhangzhi``, ``he zhang zhi`` and ``hé zhǎng zhì`` all find 河长制; ``he2`` finds
only characters read hé.  Pinyin is compared syllable by syllable, so ``an``
never matches the end of ``zhan``.  The pinyin is the one read in context (行 in
银行 is háng), as the annotator gives it, so a search finds what the reader sees.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable
from dataclasses import dataclass

from reader.language.han import has_han
from reader.language.notation import normalize_pinyin_query, tone_of, toneless_key
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind

PinyinOf = Callable[[SegmentedText, int], tuple[str, ...]]
"""How to read token ``i`` of a text: one tone-marked syllable per Han character."""

_HAN_CODE = KIND_CODES.index(TokenKind.HAN)
_RUN_BREAK = "|"  # between Han characters that are not next to each other in the text


QUOTE_MARKS = "“”‘’「」『』\"'《》〈〉"
"""Marks a Chinese text puts around part of a term (“双区”建设): a search for
characters looks through them, unless the query has such marks itself."""
_WITHOUT_QUOTES = str.maketrans("", "", QUOTE_MARKS)


def find_characters(text: str, query: str) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of ``query`` in ``text`` (Latin letters ignore case).

    A query of Chinese characters also finds itself with quote marks between
    its characters: 双区建设 finds “双区”建设 (the range runs from 双 to 设).
    """
    if not query:
        return []
    haystack, needle = (text.lower(), query.lower()) if not has_han(query) else (text, query)
    if len(haystack) != len(text):  # lower() changed lengths (rare letters): match exactly
        haystack, needle = text, query
    if not has_han(query) or any(mark in query for mark in QUOTE_MARKS):
        return _occurrences(haystack, needle)
    stripped = haystack.translate(_WITHOUT_QUOTES)
    if len(stripped) == len(haystack):
        return _occurrences(haystack, needle)
    # Where each removed mark would sit in the stripped text, to map matches back.
    removed = array("l")
    for number, position in enumerate(
        position for position, char in enumerate(haystack) if char in QUOTE_MARKS
    ):
        removed.append(position - number)

    def original(position: int) -> int:
        return position + bisect.bisect_right(removed, position)

    return [
        (original(start), original(end - 1) + 1)
        for start, end in _occurrences(stripped, needle.translate(_WITHOUT_QUOTES))
    ]


def _occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    matches = []
    start = haystack.find(needle)
    while start >= 0:
        matches.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return matches


@dataclass(frozen=True, slots=True)
class PinyinIndex:
    """The toneless pinyin of every Han character of one text, laid out for searching.

    ``keys`` is every syllable's toneless key run together, with a break between
    characters that are not adjacent in the text; ``syllable_at`` marks where each
    syllable starts in ``keys`` (-1 elsewhere) so matches can be held to syllable
    boundaries.
    """

    keys: str
    syllable_at: array  # array('l'), len(keys) + 1: syllable number starting here, or -1
    char_offsets: array  # array('l'): text offset of each syllable's character
    tones: bytes  # tone 1-5 of each syllable

    @classmethod
    def build(cls, segmented: SegmentedText, pinyin_of: PinyinOf) -> PinyinIndex:
        pieces: list[str] = []
        syllable_starts: list[int] = []
        char_offsets = array("l")
        tones = bytearray()
        # A long text repeats a few thousand readings; each is converted once.
        converted: dict[tuple[str, ...], tuple[tuple[str, ...], bytes]] = {}
        length = 0
        previous_end = -1
        starts, ends = segmented.starts, segmented.ends
        for index, kind in enumerate(segmented.kinds):
            if kind != _HAN_CODE:
                continue
            start = starts[index]
            syllables = pinyin_of(segmented, index)
            if len(syllables) != ends[index] - start:
                continue  # a reading that does not map to characters one by one
            if (
                start != previous_end
                and pieces
                and segmented.text[previous_end:start].strip(QUOTE_MARKS)
            ):
                pieces.append(_RUN_BREAK)
                length += 1
            found = converted.get(syllables)
            if found is None:
                found = converted[syllables] = (
                    tuple(toneless_key(syllable) or _RUN_BREAK for syllable in syllables),
                    bytes(tone_of(syllable) for syllable in syllables),
                )
            syllable_keys, word_tones = found
            for position, key in enumerate(syllable_keys):
                syllable_starts.append(length)
                pieces.append(key)
                length += len(key)
                char_offsets.append(start + position)
            tones += word_tones
            previous_end = ends[index]
        syllable_at = array("l", [-1]) * (length + 1)
        for number, position in enumerate(syllable_starts):
            syllable_at[position] = number
        # The end of the last syllable and every run break count as boundaries too.
        syllable_at[length] = len(syllable_starts)
        keys = "".join(pieces)
        position = keys.find(_RUN_BREAK)
        while position >= 0:
            syllable_at[position] = len(syllable_starts)
            position = keys.find(_RUN_BREAK, position + 1)
        return cls(keys, syllable_at, char_offsets, bytes(tones))

    def find(self, query: str) -> list[tuple[int, int]]:
        """Text ranges whose pinyin is ``query``, in text order; [] if it is not pinyin."""
        key, wanted_tones = normalize_pinyin_query(query)
        if not key:
            return []
        matches = []
        position = self.keys.find(key)
        while position >= 0:
            first = self.syllable_at[position]
            end_mark = self.syllable_at[position + len(key)]
            if first >= 0 and end_mark >= 0 and self._tones_match(first, key, wanted_tones):
                last = self._last_syllable(first, position + len(key))
                matches.append((self.char_offsets[first], self.char_offsets[last] + 1))
            position = self.keys.find(key, position + 1)
        return _without_overlaps(matches)

    def _last_syllable(self, first: int, end_position: int) -> int:
        """The number of the syllable that the match ending at ``end_position`` ends in."""
        position = end_position - 1
        while self.syllable_at[position] < 0:
            position -= 1
        return max(first, self.syllable_at[position])

    def _tones_match(self, first: int, key: str, wanted: tuple[int, ...] | None) -> bool:
        if wanted is None:
            return True
        for offset, tone in enumerate(wanted):
            number = first + offset
            if number >= len(self.tones):
                return False
            if tone and self.tones[number] != tone:
                return False
        return True


def _without_overlaps(matches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in matches:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


class ArticleSearch:
    """Searches one segmented text.

    The pinyin index is built on the first pinyin query, or beforehand with
    ``build_pinyin_index`` (in a worker thread: it reads every token, about a
    second for a 1 MB article) and ``set_pinyin_index``.
    """

    def __init__(self, segmented: SegmentedText, pinyin_of: PinyinOf) -> None:
        self._segmented = segmented
        self._pinyin_of = pinyin_of
        self._index: PinyinIndex | None = None

    @property
    def text(self) -> str:
        return self._segmented.text

    def has_pinyin_index(self) -> bool:
        return self._index is not None

    def build_pinyin_index(self) -> PinyinIndex:
        """Build the index without keeping it (safe to call from a worker thread)."""
        return PinyinIndex.build(self._segmented, self._pinyin_of)

    def set_pinyin_index(self, index: PinyinIndex) -> None:
        self._index = index

    def pinyin_index(self) -> PinyinIndex:
        if self._index is None:
            self._index = self.build_pinyin_index()
        return self._index

    @staticmethod
    def is_pinyin_query(query: str) -> bool:
        """Whether ``query`` is searched as pinyin (it has no Chinese characters)."""
        return bool(query.strip()) and not has_han(query)

    def find(self, query: str) -> list[tuple[int, int]]:
        """(start, end) text ranges matching ``query``, in text order, not overlapping.

        A query with Chinese characters is matched literally.  Otherwise it is read
        as pinyin (toneless, tone marks or tone numbers) and also matched literally
        (ignoring case), so Latin words in the article are found too.
        """
        query = query.strip()
        if not query:
            return []
        literal = find_characters(self.text, query)
        if not self.is_pinyin_query(query):
            return literal
        return _without_overlaps(sorted(set(self.pinyin_index().find(query)) | set(literal)))
