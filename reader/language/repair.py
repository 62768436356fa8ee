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
   single character (广州市 | 域 -> 广州 | 市域);
6. words regrouped across a boundary jieba drew in the wrong place:
   a two-character word ending in the particle 的 (地, 得) whose first
   character completes the word before it gives the particle back
   (天 | 真的 -> 天真 | 的, 项 | 目的 -> 项目 | 的); a name that is an adjective
   plus 的 (美的, the brand) is the adjective and the particle after a
   word that cannot take a name as its object (城 | 美的 | 美好 -> 城 | 美 | 的);
   the last character of a word that opens an unknown word, when both
   pieces are dictionary words, and what is left is a localizer (上, 中 ...)
   or jieba's dictionary counts the opened word more often than the word it
   was taken from (物理层 | 面上 -> 物理 | 层面 | 上, 管理层 | 面上);
   a number (or ordinal) cut in two, when the whole is one well-formed number
   (第二 | 十分钟 -> 第二十 | 分钟 "the 20th minute", not "second" + "ten
   minutes"; 九 | 十分 -> 九十 | 分, not 十分 "very").

The glued character in front of 等 (rule 1) also joins a name before it
when it is a place-name suffix (石井 | 河等 -> 石井河 | 等), and 零 "zero"
glued onto the end of a word is given back to the word it opens
(天零 | 发案 -> 天 | 零 | 发案).

A change here alters tokens: bump ``SEGMENTATION_RULES_VERSION``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reader.language.han import is_han

# Prepositions, demonstratives and conjunctions that open a clause, and
# words that close a phrase: jieba's HMM glues them onto unknown neighbours.
# Not the aspect particles 了 着 过: a verb and its particle are one unit to a
# reader, and 藉着 "by means of" is no verb + 着.
_LEADING = frozenset("从对经往向把被在这那与及于由将")
_TRAILING = frozenset("等往的")
# 零 "zero" opens the word after it (零发案, 零事故): glued onto a measure word it is given back
_OPENING = frozenset("零")
# Characters that end a place name (石井河, 沙河村): glued in front of 等 they end the name before
_PLACE_SUFFIXES = frozenset("河江湖海山岭峰路街巷村镇乡县区市省岛湾港桥塔寺庙园涌溪")
_PLACE_TAG = "ns"
# The particles a two-character word of jieba's can swallow from across a boundary
_PARTICLES = frozenset("的地得")
_DE = "的"
# A numeral is never the opening of the word after it (一百一十 | 三比 stays apart)
_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两")
_NUMERAL_CHARS = "".join(sorted(_NUMERALS))
_ORDINAL = "第"
# A number below ten thousand as it is written (二十, 八十六, 一百零五, 两千): two numbers
# side by side (十一五, 五六十, 一一) are not one
_WELL_FORMED_NUMBER = re.compile(
    "(?:[一二两三四五六七八九]千)?(?:零?[一二两三四五六七八九]百)?"
    "(?:零?[一二三四五六七八九]?十)?(?:零?[一二三四五六七八九])?"
)
# Localizers that close a phrase (层面上, 范围内): left over after an opened word they stand alone
_LOCALIZERS = frozenset("上下中里内外前后间")
# Tags of a word before which a name can stand (its object or complement): a verb,
# preposition, conjunction, numeral or measure word (收购美的, 与美的, 一台美的)
_BEFORE_NAMES = ("v", "p", "c", "q", "m")
_COPULA = "是"
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
# jieba's tags of proper names: people, places, organisations, other names
_NAME_TAGS = ("nr", "ns", "nt", "nz")


class WordRepairer:
    """Repairs lists of jieba's words (see the module docstring)."""

    def __init__(
        self,
        known: Callable[[str], bool],
        tags: dict[str, str],
        terms: set[str] | None = None,
        freq: dict[str, int] | None = None,
    ) -> None:
        """``tags``: jieba's word -> part-of-speech table; names found are added to it.
        ``terms``: the glossary terms, kept whole (the set may grow later).
        ``freq``: jieba's word -> count table (without it, rule 6 moves no character)."""
        self._freq = freq if freq is not None else {}
        self._known = lru_cache(maxsize=65536)(known)
        self._tags = tags
        self._terms = terms if terms is not None else set()
        self._han_words: dict[str, bool] = {}
        self._merges: dict[tuple[str, ...], bool] = {}

    def repair(self, words: list[str]) -> list[str]:
        """``words`` with the repairs applied; the same characters in the same order."""
        moved = self._move_glued_characters(words)
        given_back = self._give_back_function_characters(moved)
        regrouped = self._regroup(given_back)
        return self._keep_terms_whole(self._join_names(self._merge_headwords(regrouped)))

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
                and (not self._known(result[-1]) or word[0] in _PLACE_SUFFIXES)
            ):
                # the word before is no dictionary word either, or a name the place-name
                # suffix completes (石井 | 河等): the character completes it
                if self._known(result[-1]):
                    self._tags.setdefault(result[-1] + word[0], _PLACE_TAG)
                result[-1] += word[0]
                word = word[1]
            result.append(word)
        return result

    def _give_back_function_characters(self, words: list[str]) -> list[str]:
        result: list[str] = []
        for word in words:
            if (
                len(word) > 1
                and (word[0] in _LEADING or word[-1] in _TRAILING or word[-1] in _OPENING)
                and self._is_han_word(word)
                and not self._known(word)
            ):
                if word[0] in _LEADING and self._stays_whole(word[1:]):
                    result.extend((word[0], word[1:]))
                    continue
                if (word[-1] in _TRAILING or word[-1] in _OPENING) and self._stays_whole(word[:-1]):
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

    def _regroup(self, words: list[str]) -> list[str]:
        """Rule 6: words regrouped across a boundary jieba drew in the wrong place.

        The tests that rule out most pairs come first and run inline: this pass
        sees every token.
        """
        result: list[str] = []
        known = self._known
        for word in words:
            if result and len(word) > 1:
                before = result[-1]
                regrouped = None
                if len(word) == 2 and word[1] in _PARTICLES:
                    regrouped = self._particle_given_back(before, word)
                elif word[0] in _NUMERALS and before[-1:] in _NUMERALS:
                    regrouped = self._numeral_joined(before, word)
                elif len(before) >= 3 and len(word) <= 3 and not known(word):
                    regrouped = self._overlap_moved(before, word)
                if regrouped is not None:
                    result[-1:] = regrouped
                    continue
            result.append(word)
        return result

    def _particle_given_back(self, before: str, word: str) -> list[str] | None:
        """天 | 真的 -> 天真 | 的; 城 | 美的 -> 城 | 美 | 的 (see rule 6)."""
        if word in self._terms or not (self._is_han_word(before) and self._is_han_word(word)):
            return None
        head, particle = word[0], word[1]
        if (
            (len(before) == 1 or not self._known(before))
            and (particle == _DE or not self._known(word))
            and self._known(before + head)
        ):
            return [before + head, particle]
        tags = self._tags
        if (
            particle == _DE
            and tags.get(word, "").startswith(_NAME_TAGS)
            and (before == _COPULA or not tags.get(before, "").startswith(_BEFORE_NAMES))
            and self._known(head)
        ):
            return [before, head, particle]
        return None

    def _numeral_joined(self, before: str, word: str) -> list[str] | None:
        """第二 | 十分钟 -> 第二十 | 分钟, 九 | 十分 -> 九十 | 分: a number jieba cut in two
        (see rule 6), when the whole is one well-formed number and what follows it a
        word or a single character."""
        if word in self._terms or before in self._terms:
            return None
        digits = before.removeprefix(_ORDINAL)
        lead = len(word) - len(word.lstrip(_NUMERAL_CHARS))
        rest = word[lead:]
        if not (
            digits
            and all(char in _NUMERALS for char in digits)
            and _WELL_FORMED_NUMBER.fullmatch(digits + word[:lead])
            and (len(rest) <= 1 or self._known(rest))
        ):
            return None
        return [before + word[:lead], rest] if rest else [before + word]

    def _overlap_moved(self, before: str, word: str) -> list[str] | None:
        """物理层 | 面上 -> 物理 | 层面 | 上: the last character opens ``word``, which the
        dictionary does not know (the caller checked)."""
        if (
            word in self._terms
            or before in self._terms
            or not (self._is_han_word(before) and self._is_han_word(word))
        ):
            return None
        opened = before[-1] + word[0]
        rest = word[1:]
        if (
            before[-1] not in _NUMERALS
            and self._known(opened)
            and (len(rest) == 1 or self._known(rest))
            and self._known(before[:-1])
            and (self._freq.get(before) or self._known(before))
            and (rest in _LOCALIZERS or self._freq.get(opened, 0) > self._freq.get(before, 0))
        ):
            return [before[:-1], opened, rest]
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
