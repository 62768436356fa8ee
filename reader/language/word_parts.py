"""How a word no dictionary lists is made of dictionary words.

A token CC-CEDICT lacks (做作业, 放风筝, 收藏品) is read and glossed from its
parts.  Taking the longest word from the left cut many of them wrongly: 做作
zuòzuo "affected" + 业, 洗衣 "laundry" + 服 fú, 放风 "to let in air" + 筝.
Chinese word-cutting has long cut *both* ways (bidirectional maximum
matching): greedily from the left and from the right, keeping the cut with
fewer parts.  Neither direction wins a tie in general: a verb before its
object is cut from the right (做 | 作业, 洗 | 衣服), a noun with a suffix from
the left (收藏 | 品, 散文 | 集).  What tells them apart is which words a reader
knows: the cut whose hardest word is the easier, by HSK level, a word not
graded being the hardest (作业 HSK 2 against 做作; 收藏 HSK 6 against 藏品,
7-9; 交通 | 部门 against 交通部 | 门); with nothing to choose, the cut from the
left, as before (加拿大 | 人, not 加拿 | 大人).  A word that opens with a doubled
verb keeps the pair (看看 | 书).  The senses line
(``reader.dictionary.senses.composed``) and the reading
(``reader.language.pinyin``) both ask here, so they agree on the parts.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.language.hsk import BAND_7_TO_9, hsk_level

Span = tuple[int, int]
IsPart = Callable[[int, int], bool]
Simplify = Callable[[str], str]
_NOT_GRADED = BAND_7_TO_9 + 1


def _from_left(word: str, is_part: IsPart) -> list[Span]:
    spans: list[Span] = []
    start = 0
    while start < len(word):
        end = next(
            (end for end in range(len(word), start + 1, -1) if is_part(start, end)),
            start + 1,
        )
        spans.append((start, end))
        start = end
    return spans


def _from_right(word: str, is_part: IsPart) -> list[Span]:
    spans: list[Span] = []
    end = len(word)
    while end > 0:
        start = next(
            (start for start in range(0, end - 1) if is_part(start, end)),
            end - 1,
        )
        spans.append((start, end))
        end = start
    return spans[::-1]


def word_parts(word: str, is_part: IsPart, simplified: Simplify = str) -> list[Span]:
    """Spans (start, end) covering ``word``: pieces ``word[start:end]`` of two or more
    characters for which ``is_part(start, end)`` is true, and single characters between
    them (see the module docstring).

    ``is_part`` is asked only about pieces of two or more characters, the whole word
    included: it should say no to the whole word when that is not to count as a part.
    ``simplified`` gives a part in simplified characters, as HSK writes it (教練 ->
    教练); the default is for a word already simplified.
    """
    return both_cuts(word, is_part, simplified)[0]


def both_cuts(
    word: str, is_part: IsPart, simplified: Simplify = str
) -> tuple[list[Span], list[Span] | None]:
    """``word_parts``'s cut, and the cut from the other side when it has as few parts
    (弄 | 清楚 and 弄清 | 楚), else None."""
    left = _from_left(word, is_part)
    right = _from_right(word, is_part)

    def cost(spans: list[Span]) -> tuple[int, list[int]]:
        return (len(spans), _hardest_first(word, spans, simplified))

    chosen, other = (right, left) if cost(right) < cost(left) else (left, right)
    return chosen, (other if len(other) == len(chosen) and other != chosen else None)


def _hardest_first(word: str, spans: list[Span], simplified: Simplify) -> list[int]:
    """The HSK levels of a cut's words of two or more characters, hardest first; a word
    not graded counts as harder than any; a doubled verb (看看书) as the easiest."""
    if len(word) > 2 and word[0] == word[1] and spans[0] == (0, 2):
        return []
    levels = (
        hsk_level(simplified(word[start:end])) or _NOT_GRADED
        for start, end in spans
        if end - start > 1
    )
    return sorted(levels, reverse=True)
