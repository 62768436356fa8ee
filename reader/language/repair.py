"""Repairing jieba's words against the dictionary: the units a reader would draw.

jieba's model sometimes glues a neighbour's character onto a word (古树名 | 木等,
人往, 对近) or splits a dictionary headword (文化 | 和 | 旅游部, 第一 | 时间, 常态 | 化).
Three repairs, each only where the dictionary (CC-CEDICT and the glossaries,
through ``known``) knows the result, in this order:

1. a character glued in front of 等 "and so on" (木等) joins the word before
   it when neither is a dictionary word: 等 stands alone
   (古树名 | 木等 -> 古树名木 | 等);
2. a word the dictionary does not know gives back a function character it
   glued on, when the rest stays whole (人往 -> 人 | 往, 对近 -> 对 | 近);
3. two words, or two around a one-character word, that together are a
   dictionary headword of three or more characters become one (第一时间,
   常态化, 文化和旅游部);
4. a personal name jieba's model cut after two characters (李煊 | 坤) becomes
   one word tagged ``nr``: a common surname and a character jieba's
   dictionary lacks, then one character that is no function word or verb;
5. a glossary term (a user word) that two neighbouring words share is cut
   out whole, when what is left of each neighbour is a dictionary word or a
   single character (广州市 | 域 -> 广州 | 市域).

A change here alters tokens: bump ``SEGMENTATION_RULES_VERSION``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from reader.language.han import is_han

# Prepositions, demonstratives and conjunctions that open a clause, and
# words that close a phrase: jieba's HMM glues them onto unknown neighbours.
# Not the aspect particles 了 着 过: a verb and its particle are one unit to a
# reader, and 藉着 "by means of" is no verb + 着.
_LEADING = frozenset("从对经往向把被在这那与及于由将")
_TRAILING = frozenset("等往的")
# "and so on" closes a list of nouns: what is glued in front of it ends the noun before
_LIST_END = "等"
_LONGEST_MERGE = 8
# The hundred most common Chinese surnames (one character each).
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
# jieba's tags of a character that does not end a name: verbs, prepositions,
# conjunctions, particles, adverbs, pronouns, localisers, numerals, measures
_NOT_IN_NAMES = ("v", "p", "c", "u", "d", "r", "f", "m", "q", "y", "e", "o")
_NAME_TAG = "nr"


class WordRepairer:
    """Repairs lists of jieba's words (see the module docstring)."""

    def __init__(
        self, known: Callable[[str], bool], tags: dict[str, str], terms: set[str] | None = None
    ) -> None:
        """``tags``: jieba's word -> part-of-speech table; names found are added to it.
        ``terms``: the glossary terms, kept whole (the set may grow later)."""
        self._known = lru_cache(maxsize=65536)(known)
        self._tags = tags
        self._terms = terms if terms is not None else set()
        self._han_words: dict[str, bool] = {}
        self._merges: dict[tuple[str, ...], bool] = {}

    def repair(self, words: list[str]) -> list[str]:
        """``words`` with the three repairs applied; the same characters in the same order."""
        moved = self._move_glued_characters(words)
        given_back = self._give_back_function_characters(moved)
        return self._keep_terms_whole(self._join_names(self._merge_headwords(given_back)))

    def _is_han_word(self, word: str) -> bool:
        """True for a word of Han characters only; words recur, so answers are kept."""
        answer = self._han_words.get(word)
        if answer is None:
            if len(self._han_words) > 65536:
                self._han_words.clear()
            answer = self._han_words[word] = all(map(is_han, word))
        return answer

    def _move_glued_characters(self, words: list[str]) -> list[str]:
        result: list[str] = []
        for word in words:
            if (
                len(word) == 2
                and word[1] == _LIST_END
                and result
                and len(result[-1]) > 1
                and self._is_han_word(word)
                and self._is_han_word(result[-1])
                and not self._known(word)
                and not self._known(result[-1])
            ):
                # the word before is no dictionary word either: the character completes it
                result[-1] += word[0]
                word = word[1]
            result.append(word)
        return result

    def _give_back_function_characters(self, words: list[str]) -> list[str]:
        result: list[str] = []
        for word in words:
            if (
                len(word) > 1
                and (word[0] in _LEADING or word[-1] in _TRAILING)
                and self._is_han_word(word)
                and not self._known(word)
            ):
                if word[0] in _LEADING and self._stays_whole(word[1:]):
                    result.extend((word[0], word[1:]))
                    continue
                if word[-1] in _TRAILING and self._stays_whole(word[:-1]):
                    result.extend((word[:-1], word[-1]))
                    continue
            result.append(word)
        return result

    def _keep_terms_whole(self, words: list[str]) -> list[str]:
        terms = self._terms
        if not terms:
            return words
        result: list[str] = []
        for word in words:
            before = result[-1] if result else ""
            split = self._term_across(before, word) if before and word not in terms else None
            if split is None:
                result.append(word)
                continue
            head, term, tail = split
            result[-1:] = [piece for piece in (head, term, tail) if piece]
        return result

    def _term_across(self, before: str, word: str) -> tuple[str, str, str] | None:
        """(rest of ``before``, the term, rest of ``word``) when a glossary term starts
        inside ``before`` and ends inside ``word`` and both rests stand on their own."""
        if before in self._terms or not (self._is_han_word(before) and self._is_han_word(word)):
            return None
        for cut in range(1, len(before)):
            for end in range(len(word), 0, -1):
                term = before[cut:] + word[:end]
                if term in self._terms and all(
                    len(rest) <= 1 or self._known(rest) for rest in (before[:cut], word[end:])
                ):
                    return before[:cut], term, word[end:]
        return None

    def _stays_whole(self, rest: str) -> bool:
        """What is left after giving a character back: a word, or two characters (疾控)."""
        return len(rest) <= 2 or self._known(rest)

    def _merge_headwords(self, words: list[str]) -> list[str]:
        result: list[str] = []
        han = list(map(self._is_han_word, words))
        han.append(False)  # past the end
        index = 0
        count = len(words)
        while index < count:
            word = words[index]
            if han[index] and han[index + 1]:
                following = words[index + 1]
                if len(following) == 1 and han[index + 2]:
                    # a headword around a one-character word (文化 | 和 | 旅游部)
                    group: tuple[str, ...] = (word, following, words[index + 2])
                    if self._merges_into_headword(group):
                        result.append("".join(group))
                        index += 3
                        continue
                if self._merges_into_headword((word, following)):
                    result.append(word + following)
                    index += 2
                    continue
            result.append(word)
            index += 1
        return result

    def _merges_into_headword(self, group: tuple[str, ...]) -> bool:
        """True when the words of ``group`` together are a headword of three or more characters.

        Word groups recur: a tuple of words hashes faster than a new joined string.
        """
        merged = self._merges.get(group)
        if merged is None:
            if len(self._merges) > 65536:
                self._merges.clear()
            merged = self._merges[group] = self._known_merge("".join(group))
        return merged

    def _known_merge(self, joined: str) -> bool:
        return 3 <= len(joined) <= _LONGEST_MERGE and self._known(joined)

    def _join_names(self, words: list[str]) -> list[str]:
        result: list[str] = []
        tags = self._tags
        for word in words:
            previous = result[-1] if result else ""
            if (
                len(word) == 1
                and len(previous) == 2
                and previous[0] in _SURNAMES
                and previous not in tags
                and is_han(word)
                and is_han(previous[1])
                and not tags.get(word, "").startswith(_NOT_IN_NAMES)
                and not self._known(previous)
            ):
                name = previous + word
                tags.setdefault(name, _NAME_TAG)
                result[-1] = name
                continue
            result.append(word)
        return result
