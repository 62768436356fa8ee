"""Context-aware pinyin: one tone-marked syllable per Han character of a token.

A word's reading is chosen in this order:

1. the glossary's pinyin (policy terms such as 还绿于民 huán lǜ yú mín);
2. a small table of Guangzhou place names whose local readings dictionaries
   miss (番禺 pān yú; 涌 chōng, "creek", closing a name: 猎德涌, 沙河涌);
3. the CC-CEDICT reading that agrees with pypinyin's phrase-aware reading
   (same syllables; CC-CEDICT's tones win, so neutral tones come from it);
4. pypinyin.

A token of one polyphonic character (还, 为, 长, 得 ...) is read in context:
the particles 地 得 了 着 follow rules on their neighbours' part-of-speech
tags; 为 is wéi in 以 A 为 B, after a verb and before 之一; a degree adverb
makes 长 重 好 ... adjectives (很长 cháng); otherwise pypinyin's phrase table
is asked about the character joined to a whole neighbouring token (还 + 钱).
Tokens jieba's HMM glued together (办得, 被选为) get the same particle rules.

Tone sandhi is NOT applied: 一 is always yī and 不 always bù, the citation
tones a dictionary gives, so that the pinyin shown matches the dictionary
entry the reader looks up.  Neutral tones carry no mark (了 le, 的 de, 们 men).

A change here that can alter any reading must bump ``PINYIN_RULES_VERSION``
(reader/language/versions.py): saved annotations are only reused under it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence

# pypinyin copies its character and phrase tables at import, so that a program
# may change them; the reader only reads them.  Its documented switch skips the
# copy: about 25 ms of the full annotator's load, and the copies' memory.
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")

from pypinyin import Style, pinyin  # noqa: E402
from pypinyin.constants import PHRASES_DICT  # noqa: E402

from reader.language.han import is_han
from reader.language.notation import numbered_to_marks, tone_of
from reader.language.polyphone_model import PolyphoneModel, shared_model
from reader.language.script import to_simplified, word_to_simplified
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.language.versions import PINYIN_RULES_VERSION as PINYIN_RULES_VERSION
from reader.language.word_parts import both_cuts, word_parts

Readings = tuple[str, ...]

_PUNCT = KIND_CODES.index(TokenKind.PUNCT)
_SPACE = KIND_CODES.index(TokenKind.SPACE)
_HAN = KIND_CODES.index(TokenKind.HAN)
_NO_READING = frozenset({_PUNCT, _SPACE})

# Guangzhou place names read the Cantonese way in Mandarin too.
PLACE_NAMES: dict[str, Readings] = {
    "番禺": ("pān", "yú"),
    "河涌": ("hé", "chōng"),
    "涌边": ("chōng", "biān"),
}
# After a degree adverb (很长, 太重) these characters are adjectives; so they are
# after 变 "to become" (变长, 变差), which takes an adjective for the state it reaches.
DEGREE_ADVERBS = frozenset(
    {"很", "太", "更", "最", "挺", "真", "非常", "特别", "比较", "这么", "那么"}
)
BEFORE_ADJECTIVES = DEGREE_ADVERBS | {"变", "变得"}
# 更 before an adjective is the adverb gèng "more" (更长), never gēng "to change"
DEGREE_ADVERB_READINGS: dict[str, str] = {"更": "gèng"}
ADJECTIVE_READINGS: dict[str, str] = {
    "长": "cháng",
    "重": "zhòng",
    "好": "hǎo",
    "难": "nán",
    "少": "shǎo",
    "累": "lèi",
    "差": "chà",
    "强": "qiáng",
    "便": "biàn",
    "乐": "lè",
    "薄": "báo",
    "空": "kōng",
}
# Adverbs after which 为 is the copula wéi (均为阴性, 即为, 多为).
COPULA_ADVERBS = frozenset("均皆即实乃亦仍多约")

# Characters read differently as surnames, used right after 姓.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zēng",
    "单": "shàn",
    "解": "xiè",
    "仇": "qiú",
    "朴": "piáo",
    "区": "ōu",
    "查": "zhā",
    "盖": "gě",
    "乐": "yuè",
    "繁": "pó",
    "尉": "yù",
    "种": "chóng",
}
CREEK = "涌"
CREEK_READING = "chōng"
"""涌 closing a name that is not a dictionary word is a creek (猎德涌, 沙河涌): chōng."""

# Tags of words after which 地 is the adverbial particle: adjectives, adverbs,
# state words, idioms and set phrases, verbs used as manner (深入地, 科学地).
_ADVERBIAL_TAGS = frozenset({"a", "ad", "an", "ag", "d", "z", "i", "l", "v", "vd", "vn", "b"})
# Tags after which 得 is the complement particle (跑得快, 做得好).
_VERBAL_TAG_PREFIXES = ("v", "a", "d")
_CLAUSE_ENDS = frozenset("，。；！？：,.;!?:、\n")


def _lower(readings: Sequence[str]) -> Readings:
    return tuple(syllable.lower() for syllable in readings)


def _toneless(syllable: str) -> str:
    plain = unicodedata.normalize("NFD", syllable)
    return "".join(c for c in plain if c in "\u0308" or not unicodedata.combining(c))


def _pypinyin(text: str) -> Readings:
    """pypinyin's phrase-aware reading of ``text``: one syllable per Han character."""
    return tuple(
        item[0]
        for item, char in zip(pinyin(text, style=Style.TONE, heteronym=False), text, strict=False)
        if is_han(char)
    )


class PinyinResolver:
    """Reads tokens of a ``SegmentedText`` in their context (see the module docstring)."""

    def __init__(
        self,
        readings_for: Callable[[str], Sequence[tuple[str, ...]]],
        glossary_pinyin: Callable[[str], tuple[str, ...] | None] = lambda word: None,
        model: Callable[[], PolyphoneModel | None] = shared_model,
    ) -> None:
        self._readings_for = readings_for
        self._glossary_pinyin = glossary_pinyin
        self._context_free: dict[str, Readings] = {}
        self._polyphonic: dict[str, bool] = {}
        self._in_context: dict[tuple[str, str, str], str] = {}
        self._model_provider = model
        self._needs_model: dict[str, bool] = {}
        self._listed_readings: dict[str, list[Readings]] = {}
        self._sentence_readings: dict[str, dict[int, tuple[str, float]]] = {}
        self._word_readings: dict[str, Readings] = {}
        self._read_in_sentence: dict[tuple[str, int, str], Readings] = {}
        self._sentence_ends: tuple[str, list[int]] = ("", [])

    def resolve(self, segmented: SegmentedText, index: int) -> Readings:
        """The reading of token ``index``; () for a token without Han characters."""
        if segmented.kinds[index] in _NO_READING:
            return ()
        token = segmented.text[segmented.starts[index] : segmented.ends[index]]
        # most tokens read the same everywhere: one dictionary look-up
        reading = self._context_free.get(token)
        if reading is not None:
            return reading
        text = "".join(filter(is_han, word_to_simplified(token)))
        if not text:
            reading = ()
        elif self._model_decides(text):
            return self._read_in_context(segmented, index, text)
        elif len(text) == 1 and self._is_polyphonic(text):
            return (self._char_in_context(segmented, index, text),)
        else:
            reading = self.word_reading(text)
            if (
                text[0] in _LEADING_PARTICLES
                and not self._readings_for(text)
                and not segmented.pos_tags[index].startswith(_NOUN_TAG)
            ):
                # jieba's dictionary has a few phrases such as 地走了 that swallow a particle;
                # a noun of jieba's (地市 "prefecture-level cities") opens with the noun dì
                particle = _PARTICLE_RULES[text[0]](_Context(segmented, index), glued=True)
                return (particle,) + reading[1:]
            if text == EAST_WEST:
                # never kept as read everywhere: the next word decides
                if _Context(segmented, index).next_text() in EXTENT_WORDS:
                    return EAST_WEST_READING
                return reading
        self._context_free[token] = reading
        return reading

    def resolve_all(self, segmented: SegmentedText) -> tuple[Readings, ...]:
        """The reading of every token, in order."""
        return tuple(self.resolve(segmented, index) for index in range(len(segmented)))

    def read_ahead(self, segmented: SegmentedText) -> None:
        """Read every token now, so that later questions about ``segmented`` are look-ups.

        The model reads all the sentences that need it in large batches; the
        window calls this in its worker, so that neither a hover nor a paint
        waits for the model.
        """
        wanted = []
        for index in range(len(segmented)):
            if segmented.kinds[index] != _HAN:
                continue
            token = segmented.text[segmented.starts[index] : segmented.ends[index]]
            if token in self._context_free:
                continue
            text = "".join(filter(is_han, word_to_simplified(token)))
            if text and self._model_decides(text):
                start, end = self._sentence_bounds(segmented.text, segmented.starts[index])
                wanted.append(segmented.text[start:end])
        self._read_sentences(wanted)
        self.resolve_all(segmented)

    def word_reading(self, word: str) -> Readings:
        """The reading of a word of Han characters out of context."""
        reading = self._word_readings.get(word)
        if reading is None:
            reading = self._word_reading(word)
            if "一" in word or "不" in word:
                reading = _citation_tones(word, reading)
            if len(self._word_readings) > _SENTENCES_KEPT:
                self._word_readings.clear()
            self._word_readings[word] = reading
        return reading

    def _word_reading(self, word: str) -> Readings:
        from_glossary = self._glossary_pinyin(word)
        if from_glossary and len(from_glossary) == len(word):
            return _lower(from_glossary)
        if word in PLACE_NAMES:
            return PLACE_NAMES[word]
        suggested = _pypinyin(word)
        if len(suggested) != len(word):
            suggested = tuple(map(_single, word))
        listed = [
            _lower(reading) for reading in self._readings_for(word) if len(reading) == len(word)
        ]
        if suggested in listed:
            # CC-CEDICT lists the everyday word first among readings that differ only
            # by a neutral tone (东西 dōngxi "thing" before dōngxī "east and west")
            return next(
                reading
                for reading in listed
                if not any(map(_differs_beyond_neutral, reading, suggested))
            )
        toneless = tuple(map(_toneless, suggested))
        for reading in listed:
            if tuple(map(_toneless, reading)) == toneless:
                return reading
        if len(listed) == 1 and len(word) > 1:
            # one dictionary reading for a whole word beats pypinyin's guess (找不着 zháo)
            return listed[0]
        if not listed:
            suggested = self._with_neutral_tones_of_parts(word, suggested)
            return _glued_reading(word, suggested) or suggested
        return suggested

    def _with_neutral_tones_of_parts(self, word: str, suggested: Readings) -> Readings:
        """``suggested`` with the neutral tones of the dictionary words ``word`` is made of
        (讲故事 jiǎng gùshi, as 故事 reads; cut as ``word_parts`` says, so 做作业 is
        做 | 作业, not 做作 zuòzuo | 业); no other syllable changes."""
        reading = list(suggested)
        spans = word_parts(
            word,
            lambda start, end: end - start < len(word) and bool(self._listed(word[start:end])),
        )
        for start, end in spans:
            if end - start > 1:
                part = self.word_reading(word[start:end])
                if not any(map(_differs_beyond_neutral, part, reading[start:end])):
                    reading[start:end] = part
        return tuple(reading)

    def _char_by_rule(self, segmented: SegmentedText, index: int, char: str) -> str:
        """The reading one of the rules gives a one-character token, "" when none applies."""
        context = _Context(segmented, index)
        particle_rule = _PARTICLE_RULES.get(char)
        if particle_rule is not None:
            return particle_rule(context)
        if char == "为" and _as_copula(context):
            return "wéi"
        if char == "为" and _as_for(context):
            return "wèi"
        if char in ADJECTIVE_READINGS and context.previous_text() in BEFORE_ADJECTIVES:
            return ADJECTIVE_READINGS[char]
        if char == "应" and not context.next_text():
            # 应 "should" needs a verb after it; closing a clause it is yìng, "respond"
            return "yìng"
        if char in SURNAME_READINGS and context.previous_text() == "姓":
            return SURNAME_READINGS[char]
        if char == CREEK and context.previous_tag().startswith("ns"):
            return CREEK_READING
        from_glossary = self._glossary_pinyin(char)
        if from_glossary and len(from_glossary) == 1:
            return from_glossary[0].lower()
        return ""

    def _model_decides(self, text: str) -> bool:
        """True when the model, not the dictionary alone, settles some syllable of ``text``.

        Asked in an order that loads the model only for a text that needs it.
        """
        decides = self._needs_model.get(text)
        if decides is None:
            if self._glossary_pinyin(text) or text in PLACE_NAMES:
                decides = False
            elif len(text) == 1:
                decides = self._is_polyphonic(text) and self._model_knows(text)
            elif self._listed(text):
                # the dictionary settles a listed word; the model may only choose among
                # the word's own readings (煞气 shā qì / shà qì)
                decides = self._has_readings_apart(text) and self._model_knows(text)
            else:
                # a word jieba's HMM glued onto a particle (切为, 伺得): the rule settles the
                # particle and the model the rest; one that opens with 地 or 得 is read by
                # the particle rules alone
                decides = text[0] not in _LEADING_PARTICLES and self._model_knows(text)
            self._needs_model[text] = decides
        return decides

    def _model_knows(self, text: str) -> bool:
        """True when the model has some character of ``text`` as a polyphone (loads it)."""
        model = self._model_provider()
        return model is not None and any(map(model.is_polyphonic, text))

    def _has_readings_apart(self, word: str) -> bool:
        """True when CC-CEDICT reads ``word`` in ways that differ beyond a neutral tone."""
        listed = self._listed(word)
        return any(any(map(_differs_beyond_neutral, listed[0], other)) for other in listed[1:])

    def _listed(self, word: str) -> list[Readings]:
        """The distinct CC-CEDICT readings of ``word``, lowercased, one syllable per character."""
        listed = self._listed_readings.get(word)
        if listed is None:
            listed = []
            for reading in self._readings_for(word):
                lowered = _lower(reading)
                if len(lowered) == len(word) and lowered not in listed:
                    listed.append(lowered)
            if len(self._listed_readings) > _SENTENCES_KEPT:
                self._listed_readings.clear()
            self._listed_readings[word] = listed
        return listed

    def _read_in_context(self, segmented: SegmentedText, index: int, text: str) -> Readings:
        """``_read_with_model``, remembered by the token's sentence and place in it.

        The rules look a clause or so around the token and the model reads
        the sentence, so the same token at the same place in the same
        sentence reads the same (a repeated text, a repaint, a second hover).
        """
        offset = segmented.starts[index]
        start, end = self._sentence_bounds(segmented.text, offset)
        key = (segmented.text[start:end], offset - start, text)
        reading = self._read_in_sentence.get(key)
        if reading is None:
            reading = self._read_with_model(segmented, index, text)
            if len(self._read_in_sentence) > _SENTENCES_KEPT:
                self._read_in_sentence.clear()
            self._read_in_sentence[key] = reading
        return reading

    def _read_with_model(self, segmented: SegmentedText, index: int, text: str) -> Readings:
        """Rules and dictionary first, the model's reading for what they leave open."""
        start = segmented.starts[index]
        token = segmented.text[start : segmented.ends[index]]
        offsets = [start + position for position, char in enumerate(token) if is_han(char)]
        if len(text) == 1:
            by_rule = self._char_by_rule(segmented, index, text)
            predicted = by_rule or self._model_prediction(segmented.text, offsets[0])[0]
            return (predicted or self._char_in_context(segmented, index, text),)
        model = self._model_provider()
        assert model is not None  # _model_decides said so
        reading = list(self.word_reading(text))
        listed = self._listed(text)
        if listed:
            # CC-CEDICT's reading of a listed word stands (a name's too: on CPP's dev
            # split letting the model override names fixed 勃艮第 but broke 贾平凹 and
            # 成吉思汗); where it lists several, the model chooses among them
            settled = set(range(len(text)))
            if len(listed) > 1:
                return self._listed_reading_in_context(segmented.text, text, offsets, reading)
        else:
            from_words = self._settled_by_dictionary_words(text)
            for position, syllable in from_words.items():
                reading[position] = syllable
            settled = set(from_words)
            if text[0] in UNLISTED_OPENINGS and 0 not in settled:
                reading[0] = UNLISTED_OPENINGS[text[0]]
                settled.add(0)
            glued = _glued_reading(text, ("",) * len(text))
            if glued is not None:
                # the glued rule settles its syllable, and pypinyin a particle in the
                # rest (找得着: de); the model reads the other characters (切为: qiē)
                settled.update(
                    position
                    for position, char in enumerate(text)
                    if glued[position] or char in _PARTICLE_RULES
                )
        for position, char in enumerate(text):
            if not model.is_polyphonic(char):
                continue
            predicted, _sure = self._model_prediction(segmented.text, offsets[position])
            if not predicted:
                continue
            if position not in settled:
                reading[position] = predicted
        return _citation_tones(text, tuple(reading))

    def _listed_reading_in_context(
        self, text: str, word: str, offsets: list[int], reading: list[str]
    ) -> Readings:
        """One of CC-CEDICT's readings of ``word``: the one chosen out of context unless
        the model is sure of a syllable it lacks and another reading has (当月 dàng / dāng).

        Only ever a listed reading, so the dictionary's neutral tones stay (东西 dōngxi).
        """
        model = self._model_provider()
        assert model is not None
        sure_of: dict[int, str] = {}
        for position, char in enumerate(word):
            if model.is_polyphonic(char):
                predicted, sure = self._model_prediction(text, offsets[position])
                if predicted and sure >= _LISTED_CHOICE:
                    sure_of[position] = predicted

        def agrees(candidate: Sequence[str]) -> bool:
            return not any(
                _differs_beyond_neutral(candidate[position], predicted)
                for position, predicted in sure_of.items()
            )

        if not agrees(reading):
            for candidate in self._listed(word):
                if agrees(candidate):
                    return _citation_tones(word, candidate)
        return _citation_tones(word, tuple(reading))

    def _settled_by_dictionary_words(self, word: str) -> dict[int, str]:
        """Syllables of ``word`` inside a dictionary word of one reading (都市 in 都市生活).

        The words are cut as ``word_parts`` says (做 | 作业 zuòyè, not 做作 zuòzuo);
        where a cut from the other side has as few parts, a character the first
        leaves alone is read as in the word it makes there (弄 in 弄 | 清楚 as in
        弄清 nòngqīng).
        """
        cut, other = both_cuts(word, lambda start, end: len(self._listed(word[start:end])) == 1)
        settled: dict[int, str] = {}
        for start, end in (other or []) + cut:  # the chosen cut's words have the last word
            if end - start > 1:
                (listed,) = self._listed(word[start:end])
                settled.update(zip(range(start, end), listed, strict=True))
        return settled

    def _model_prediction(self, text: str, offset: int) -> tuple[str, float]:
        """The model's tone-marked reading of ``text[offset]`` and its probability; ("", 0) if none.

        The model reads whole sentences.  The first question about a sentence
        reads the sentences around it too (about a screenful) in one
        batch, because the next questions are about those.
        """
        start, end = self._sentence_bounds(text, offset)
        known = self._sentence_readings.get(text[start:end])
        if known is None:
            known = self._read_sentences_near(text, start, end)
        predicted = known.get(offset - start)
        if predicted is None:
            return "", 0.0
        return numbered_to_marks(predicted[0]), predicted[1]

    def _read_sentences_near(self, text: str, start: int, end: int) -> dict[int, tuple[str, float]]:
        """The model's readings of ``text[start:end]``, read with a screenful around it."""
        wanted = [text[start:end]]
        before, after = start, end
        while before > 0 and start - before < _BATCH_REACH:
            first, _ = self._sentence_bounds(text, before - 1)
            wanted.append(text[first:before])
            before = first
        while after < len(text) and after - end < _BATCH_REACH:
            _, last = self._sentence_bounds(text, after)
            wanted.append(text[after:last])
            after = last
        return self._read_sentences(wanted)[0]

    def _read_sentences(self, wanted: list[str]) -> list[dict[int, tuple[str, float]]]:
        """The model's readings of each sentence of ``wanted``, new ones read in one batch.

        Returned rather than only kept: another thread may clear the table.
        """
        model = self._model_provider()
        assert model is not None
        if len(self._sentence_readings) > _SENTENCES_KEPT:
            self._sentence_readings.clear()
        kept = self._sentence_readings
        fresh = [sentence for sentence in dict.fromkeys(wanted) if sentence not in kept]
        simplified = [to_simplified(sentence) for sentence in fresh]
        found = dict(zip(fresh, model.predict(simplified), strict=True))
        kept.update(found)
        return [found.get(sentence) or kept.get(sentence) or {} for sentence in wanted]

    def _sentence_bounds(self, text: str, offset: int) -> tuple[int, int]:
        """The sentence around ``text[offset]``, at most about ``_LONGEST_SENTENCE`` characters.

        The places of the text's sentence ends are found once per text (a
        search per question cost more than the rest of reading a token).
        """
        known_text, ends = self._sentence_ends
        if known_text is not text:
            ends = [match.start() for match in _SENTENCE_END.finditer(text)]
            self._sentence_ends = (text, ends)
        following = bisect_left(ends, offset)
        start = ends[following - 1] + 1 if following else 0
        stop = ends[following] + 1 if following < len(ends) else len(text)
        return max(start, offset - _LONGEST_SENTENCE, 0), min(
            stop, offset + _LONGEST_SENTENCE, len(text)
        )

    def _is_polyphonic(self, char: str) -> bool:
        known = self._polyphonic.get(char)
        if known is None:
            readings = {_lower(r) for r in self._readings_for(char) if len(r) == 1}
            known = self._polyphonic[char] = len(readings) > 1
        return known

    def _char_in_context(self, segmented: SegmentedText, index: int, char: str) -> str:
        by_rule = self._char_by_rule(segmented, index, char)
        if by_rule:
            return by_rule
        context = _Context(segmented, index)
        key = (context.previous_text(), char, context.next_text())
        reading = self._in_context.get(key)
        if reading is None:
            reading = self._in_context[key] = _phrase_reading(*key) or _single(char)
        return reading


def _glued_reading(word: str, suggested: Readings) -> Readings | None:
    """Rules for words jieba's HMM glued together, which no dictionary lists; None if none fits."""
    if len(word) > 1 and word.endswith(CREEK):
        return suggested[:-1] + (CREEK_READING,)
    if len(word) > 2 and word.endswith(CHIEF_SYSTEM):
        # X长制, the "chief" system policy language coins terms by (林长制, 路长制):
        # 长 is zhǎng "chief"; the model, seeing an unknown word, guesses cháng
        return suggested[:-2] + CHIEF_SYSTEM_READING
    if len(word) > 2 and word[-2:] in ("不着", "得着"):
        # a result complement: 睡不着, 找得着
        return suggested[:-1] + ("zháo",)
    if len(word) == 2 and word[0] in BEFORE_ADJECTIVES:
        # jieba's HMM glues a degree adverb or 变 to an adjective: 很长, 更长, 变差
        adjective = ADJECTIVE_READINGS.get(word[1])
        if adjective:
            return (DEGREE_ADVERB_READINGS.get(word[0], suggested[0]), adjective)
    if len(word) > 1 and word[-1] == "为":
        # verb + 为 guessed as one word by jieba's HMM: 被选为
        return suggested[:-1] + ("wéi",)
    if len(word) == 2 and word[1] == "得":
        # jieba's HMM glues verb + complement particle: 办得, 跑得
        return suggested[:-1] + ("de",)
    return None


EAST_WEST = "东西"
EAST_WEST_READING = ("dōng", "xī")
EXTENT_WORDS = frozenset(
    {"向", "走向", "方向", "两侧", "两岸", "两端", "两边", "长", "宽", "长约", "宽约"}
    | {"横贯", "贯通", "轴线", "距离", "跨度", "相距", "延伸", "全长"}
)
"""东西 is the everyday dōngxi "thing" (CC-CEDICT's richer entry), but before a word
of side or extent it is the two directions, dōngxī: 东西走向, 东西两侧, 东西长 3 公里."""

CHIEF_SYSTEM = "长制"
CHIEF_SYSTEM_READING = ("zhǎng", "zhì")
_SENTENCE_END = re.compile("[。！？；!?;\n]")
_LONGEST_SENTENCE = 160
_BATCH_REACH = 800
_SENTENCES_KEPT = 50_000


_LISTED_CHOICE = 0.99
"""The model's probability above which it picks another of a word's CC-CEDICT readings.

Tuned on CPP dev (煞气, 当月, 厚薄 right; 弹片, 憎恶 at 0.98 wrong).
"""

UNLISTED_OPENINGS: dict[str, str] = {"尽": "jìn"}
"""Characters whose other reading lives only in dictionary words: opening a word
no dictionary lists they take this one.  尽 is jǐn only in set words (尽管, 尽快,
尽早, 尽量, 尽可能), all in CC-CEDICT; before a verb it is jìn, "to the full"
(尽览, 尽显, 尽得), where the model, on words it has not seen, says jǐn.
"""


def _differs_beyond_neutral(ours: str, predicted: str) -> bool:
    """A different syllable or full tone; a neutral tone against a full one does not count."""
    if _toneless(ours) != _toneless(predicted):
        return True
    tones = (tone_of(ours), tone_of(predicted))
    return tones[0] != tones[1] and 5 not in tones


_SANDHI = {"一": ("yí", "yì"), "不": ("bú",)}
_CITATION = {"一": "yī", "不": "bù"}


def _citation_tones(word: str, reading: Readings) -> Readings:
    """Undo the tone sandhi pypinyin writes for 一 and 不 (一个 yí gè -> yī gè)."""
    return tuple(
        _CITATION[char] if syllable in _SANDHI.get(char, ()) else syllable
        for char, syllable in zip(word, reading, strict=False)
    )


def _phrase_reading(before: str, char: str, after: str) -> str:
    """The reading pypinyin's phrase table gives ``char`` together with a whole neighbour.

    Only whole jieba tokens are joined (还 + 钱 -> 还钱 huán): letting pypinyin
    segment the window itself finds phrases across jieba's boundaries
    (为 + 人民 read as 为人 wéi).
    """
    if after and (phrase := PHRASES_DICT.get(char + after)):
        return phrase[0][0]
    if before and (phrase := PHRASES_DICT.get(before + char)):
        return phrase[-1][0]
    return ""


def _single(char: str) -> str:
    reading = _pypinyin(char)
    return reading[0] if reading else ""


class _Context:
    """The neighbours of one token, as far as they are Han words in the same run."""

    __slots__ = ("segmented", "index")

    def __init__(self, segmented: SegmentedText, index: int) -> None:
        self.segmented = segmented
        self.index = index

    def _neighbour(self, step: int) -> int | None:
        other = self.index + step
        if 0 <= other < len(self.segmented) and self.segmented.kinds[other] == _HAN:
            return other
        return None

    def _text(self, index: int | None) -> str:
        if index is None:
            return ""
        return self.segmented.text[self.segmented.starts[index] : self.segmented.ends[index]]

    def previous_text(self) -> str:
        return self._text(self._neighbour(-1))

    def next_text(self) -> str:
        return self._text(self._neighbour(1))

    def tag_at(self, step: int) -> str:
        """The tag of the token ``step`` places away, "" beyond the text."""
        other = self.index + step
        return self.segmented.pos_tags[other] if 0 <= other < len(self.segmented) else ""

    def previous_tag(self) -> str:
        neighbour = self._neighbour(-1)
        return self.segmented.pos_tags[neighbour] if neighbour is not None else ""

    def next_tag(self) -> str:
        neighbour = self._neighbour(1)
        return self.segmented.pos_tags[neighbour] if neighbour is not None else ""

    def clause_before(self, limit: int = 16) -> list[str]:
        """Texts of the tokens before this one, back to the start of the clause."""
        texts = []
        for other in range(self.index - 1, max(-1, self.index - 1 - limit), -1):
            text = self._text(other) if self.segmented.kinds[other] == _HAN else ""
            if not text and self.segmented.text[self.segmented.starts[other]] in _CLAUSE_ENDS:
                break
            texts.append(text)
        return texts

    def clause_after(self, limit: int = 16) -> list[str]:
        texts = []
        for other in range(self.index + 1, min(len(self.segmented), self.index + 1 + limit)):
            text = self._text(other) if self.segmented.kinds[other] == _HAN else ""
            if not text and self.segmented.text[self.segmented.starts[other]] in _CLAUSE_ENDS:
                break
            texts.append(text)
        return texts


def _is_reduplicated(word: str) -> bool:
    """慢慢, 轻轻松松: manner words that take 地."""
    return (len(word) == 2 and word[0] == word[1]) or (
        len(word) == 4 and word[0] == word[1] and word[2] == word[3]
    )


def _read_de_di(context: _Context, glued: bool = False) -> str:
    """地: de after a manner word and before what it modifies; otherwise the noun dì.

    ``glued``: the token goes on after 地 (地走了), so something follows it.
    """
    before, tag = context.previous_text(), context.previous_tag()
    if not before or not (glued or context.next_text()):
        return "dì"
    if tag in _ADVERBIAL_TAGS or _is_reduplicated(before):
        return "de"
    return "dì"


def _read_de_dei(context: _Context, glued: bool = False) -> str:
    """得: de after a verb or adjective (跑得快), děi as "must" before a verb, else dé."""
    before, tag = context.previous_text(), context.previous_tag()
    if before in ("不", "就", "还", "也", "都"):
        return "děi" if before != "不" else "dé"
    if tag.startswith(_VERBAL_TAG_PREFIXES) or _is_reduplicated(before):
        return "de"
    if tag.startswith(("r", "n")) and context.next_tag().startswith(("v", "d")):
        return "děi"
    return "dé"


def _after_potential_complement(context: _Context) -> bool:
    """True after verb + 得/不 (办得, 走不): what follows is a result, not a particle."""
    before = context.previous_text()
    if before in ("得", "不"):
        return context.tag_at(-2).startswith("v")
    # jieba's HMM often glues the verb on: 办得 / 走不 as one unknown word
    return len(before) == 2 and before[1] in "得不" and context.previous_tag() == ""


def _read_le_liao(context: _Context, glued: bool = False) -> str:
    """了: liǎo as "able to finish" in 办得了 / 走不了; otherwise the particle le (得了 dé le)."""
    return "liǎo" if _after_potential_complement(context) else "le"


def _read_zhe(context: _Context, glued: bool = False) -> str:
    """着: zháo as a result in 找得着 / 睡不着; otherwise the particle zhe."""
    return "zháo" if _after_potential_complement(context) else "zhe"


_PARTICLE_RULES: dict[str, Callable[..., str]] = {
    "地": _read_de_di,
    "得": _read_de_dei,
    "了": _read_le_liao,
    "着": _read_zhe,
}


_LEADING_PARTICLES = frozenset("地得")
_NOUN_TAG = "n"


def _as_copula(context: _Context) -> bool:
    """为 as wéi, "to be, to become": 以 A 为 B, verb + 为, and 为 … 之一 ("is one of")."""
    if "以" in context.clause_before():
        return True
    if context.previous_tag() == "v" or context.previous_text() in COPULA_ADVERBS:
        # verb + 为 + result: 成长为, 划分为
        return True
    after = [text for text in context.clause_after() if text]
    return bool(after) and after[-1] == "之一"


def _as_for(context: _Context) -> bool:
    """为 as wèi, "for": before a noun or pronoun that a verb later in the clause follows.

    为人民服务, 为群众挽回损失, 为相关部门提供依据: the beneficiary, then the action.
    """
    if not context.next_text() or not context.next_tag().startswith(("n", "r", "v", "")):
        return False
    for step in range(2, 10):
        if context.index + step >= len(context.segmented):
            return False
        tag = context.tag_at(step)
        if tag == "x" or context.segmented.token(context.index + step).text == "所":
            return False
        if tag.startswith("v"):
            return True
    return False
