"""Suggesting glossary terms for an article: whole terms, not the segmenter's pieces.

A teacher preparing an article wants the terms a learner cannot look up.  In
policy writing those are mostly phrases the segmenter cuts into ordinary words
(一网通办 → 一网通 | 办, 口袋公园 → 口袋 | 公园), so candidates are built from
the text itself:

* runs of two to four adjacent tokens that recur and hold together: at least
  one side of every split nearly always comes with the other (association),
  and the run is not always preceded or followed by the same token, which
  would make it a piece of a longer term (boundary evidence, the idea behind
  branching entropy);
* phrases the text puts in quote marks (“秒批”, “无感申办”);
* the patterns policy language coins terms by (X长制, 一网X办, X改造, 一X一Y,
  从X从Y从Z);
* single tokens of two or more characters.

A candidate is dropped when a learner already has it: a glossary term, a
common word (HSK levels 1 to 6, or frequent in jieba's dictionary) that
CC-CEDICT explains, or a piece that only ever occurs inside a longer candidate.
The rest are ranked by their evidence and how often they occur; each comes with
its count, the first sentence it occurs in and, where a ``reading`` is given,
a pre-filled pinyin to check.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from reader.errors import GlossaryError
from reader.glossary.matching import IGNORED_INSIDE_TERMS, strip_ignored
from reader.glossary.sentences import SentenceFinder
from reader.language.han import han_characters
from reader.language.hsk import hsk_level
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind


class SuggestionReason(StrEnum):
    QUOTED = "quoted in the text"
    PATTERN = "policy-language pattern"
    PHRASE = "recurring phrase"
    NOT_IN_DICTIONARY = "not in the dictionary"
    DISTINCTIVE = "distinctive for this text"


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str  # written as a glossary term: no quote marks or punctuation inside
    count: int
    score: float
    reason: SuggestionReason
    example: str  # the first sentence of the text containing the word
    pinyin: str = ""  # the language core's reading, for the teacher to check


@dataclass(frozen=True, slots=True)
class IdfTable:
    weights: Mapping[str, float]
    default: float  # for words jieba's table does not list: its median, as jieba does

    def __getitem__(self, word: str) -> float:
        return self.weights.get(word, self.default)


@lru_cache(maxsize=1)
def background_idf() -> IdfTable:
    """jieba's inverse document frequencies (about 350,000 words), read once."""
    weights = {word: float(value) for word, value in _jieba_table("analyse/idf.txt")}
    return IdfTable(weights, statistics.median(weights.values()))


@lru_cache(maxsize=1)
def background_frequency() -> Mapping[str, int]:
    """How often jieba's dictionary (about 350,000 words) says each word occurs, read once."""
    return {word: int(value) for word, value in _jieba_table("dict.txt")}


def _jieba_table(relative: str) -> Iterator[tuple[str, str]]:
    import jieba

    path = Path(jieba.__file__).parent / relative
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2:
                    yield parts[0], parts[1]
    except (OSError, ValueError) as error:
        raise GlossaryError(f"cannot read jieba's word frequencies at {path}: {error}") from error


COMMON_FREQUENCY = 1000
"""A word jieba's dictionary counts this often or more is everyday vocabulary."""
MAX_TERM_CHARACTERS = 12
MAX_PHRASE_TOKENS = 4
MIN_ASSOCIATION = 0.5
"""For every split of a phrase, one side occurs with the other at least this share of its times."""
MIN_ASSOCIATION_OF_COMMON_WORDS = 0.8
"""The same, stricter, for a phrase made only of common words (城市更新 passes, 历史文化 not)."""

# Tokens a term cannot begin or end with: particles, prepositions, conjunctions,
# pronouns, adverbs, localisers, measure words, interjections (jieba's tags).
_NO_EDGE_TAGS = ("u", "p", "c", "r", "d", "f", "q", "y", "e", "o", "x", "w", "t")
_NO_END_TAGS = ("m", "v")
_NO_START_TAGS = ("m", "v")
_FUNCTION_CHARACTERS = frozenset(
    "的了着过地得之与和及或等是在对为把被从向将也都就又还并而这那其各每该此已"
)
_GLUE_CHARACTERS = _FUNCTION_CHARACTERS | frozenset("里前后上下内外多项个名次座条")

POLICY_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"[\u4e00-\u9fff]{1,3}长制",  # 河长制, 林长制
        r"一网[\u4e00-\u9fff]{2}",  # 一网通办, 一网统管
        r"[\u4e00-\u9fff]{1,4}改造",  # 微改造, 三旧改造, 老旧小区改造
        # parallel halves of equal length: 一网格一支部, 一楼栋一党员, 一老一小
        r"一([\u4e00-\u9fff])一[\u4e00-\u9fff]",
        r"一([\u4e00-\u9fff]{2})一[\u4e00-\u9fff]{2}",
        r"一([\u4e00-\u9fff]{3})一[\u4e00-\u9fff]{3}",
        r"(从[\u4e00-\u9fff]){3,4}",  # 从严从紧从细
    )
)

_OPENING_QUOTES = '“‘「『〝＂"'
_CLOSING_QUOTES = '”’」』〞＂"'
_QUOTED = re.compile(
    f"[{re.escape(_OPENING_QUOTES)}]([^{re.escape(_CLOSING_QUOTES + _OPENING_QUOTES)}\\n]{{2,16}})"
    f"[{re.escape(_CLOSING_QUOTES)}]"
)
_INSIDE_SLOGANS = re.compile("[，、,]")


@dataclass(slots=True)
class _Candidate:
    word: str
    first_offset: int
    count: int = 0
    quoted: bool = False
    pattern: bool = False
    phrase: bool = False
    association: float = 0.0
    tokens: tuple[str, ...] = ()  # a phrase's tokens


def suggest_terms(
    segmented: SegmentedText,
    in_dictionary: Callable[[str], bool],
    known_terms: Container[str] = (),
    *,
    limit: int = 40,
    idf: IdfTable | None = None,
    reading: Callable[[str], Sequence[str]] | None = None,
) -> list[Suggestion]:
    """Up to ``limit`` whole terms worth a glossary entry, the best first.

    ``in_dictionary`` says whether a word is in the dictionary (CC-CEDICT);
    ``known_terms`` are words already in a glossary, which are never suggested;
    ``reading`` gives a word's pinyin syllables for the pre-filled pinyin.
    """
    table = idf or background_idf()
    frequency = background_frequency()
    units = _units(segmented)
    candidates: dict[str, _Candidate] = {}
    _add_tokens(units, candidates)
    _add_phrases(units, candidates, lambda word: _is_common(word, frequency))
    _add_quoted(segmented.text, candidates)
    _add_patterns(units, candidates)
    _count_in_text(segmented.text, candidates)
    _drop_pieces_of_longer_terms(candidates)
    _drop_modified_terms(candidates, lambda word: _is_common(word, frequency))

    def known_to_learner(word: str) -> bool:
        # Everyday words, and words of the HSK 7-9 band the dictionary explains.
        return _is_common(word, frequency) or (in_dictionary(word) and hsk_level(word) is not None)

    han_total = max(1, sum(len(unit) for unit in units))
    sentences = SentenceFinder(segmented.text)
    suggestions = []
    for candidate in candidates.values():
        word = candidate.word
        if word in known_terms or len(han_characters(word)) < 2 or known_to_learner(word):
            continue
        reason, evidence = _evidence(candidate, in_dictionary(word))
        distinctiveness = candidate.count / han_total * table[word]
        score = evidence * (1 + math.log(candidate.count)) + 100 * distinctiveness
        pinyin = " ".join(reading(word)) if reading else ""
        example = sentences.sentence_at(candidate.first_offset)
        suggestions.append(Suggestion(word, candidate.count, score, reason, example, pinyin))
    first = {c.word: c.first_offset for c in candidates.values()}
    suggestions.sort(key=lambda s: (-s.score, first[s.word]))
    return suggestions[:limit]


def _evidence(candidate: _Candidate, in_dictionary: bool) -> tuple[SuggestionReason, float]:
    """Why the candidate is suggested, and how much that weighs."""
    points = 0.0
    reasons = []
    if candidate.quoted:
        points += 3.0
        reasons.append(SuggestionReason.QUOTED)
    if candidate.pattern:
        points += 3.0
        reasons.append(SuggestionReason.PATTERN)
    if candidate.phrase:
        points += 1.5 + candidate.association
        reasons.append(SuggestionReason.PHRASE)
    if not in_dictionary:
        points += 1.5
        reasons.append(SuggestionReason.NOT_IN_DICTIONARY)
    reasons.append(SuggestionReason.DISTINCTIVE)
    return reasons[0], points


def _is_common(word: str, frequency: Mapping[str, int]) -> bool:
    """An everyday word: HSK levels 1 to 6, or frequent in jieba's dictionary."""
    level = hsk_level(word)
    return (level is not None and level <= 6) or frequency.get(word, 0) >= COMMON_FREQUENCY


# --- the text as runs of word tokens -----------------------------------------------------------

_HAN = KIND_CODES.index(TokenKind.HAN)
_NUMBER = KIND_CODES.index(TokenKind.NUMBER)
_LATIN = KIND_CODES.index(TokenKind.LATIN)
_WORD_KINDS = frozenset({_HAN, _NUMBER, _LATIN})


@dataclass(frozen=True, slots=True)
class _Unit:
    """One token of a run: its text, where it starts and its part-of-speech tag."""

    text: str
    start: int
    tag: str
    after_quote: bool = False  # a quote mark stands between this token and the one before


def _units(segmented: SegmentedText) -> list[list[_Unit]]:
    """Runs of word tokens that punctuation does not separate; quote marks do not break a run."""
    runs: list[list[_Unit]] = []
    current: list[_Unit] = []
    quote_before = False
    for index in range(len(segmented)):
        start, end = segmented.starts[index], segmented.ends[index]
        text = segmented.text[start:end]
        if segmented.kinds[index] in _WORD_KINDS:
            tag = segmented.pos_tags[index]
            current.append(_Unit(text, start, tag, quote_before and bool(current)))
            quote_before = False
        elif all(char in IGNORED_INSIDE_TERMS for char in text):
            quote_before = True
        elif current:
            runs.append(current)
            current = []
            quote_before = False
    if current:
        runs.append(current)
    return runs


def _candidate(candidates: dict[str, _Candidate], word: str, offset: int) -> _Candidate:
    found = candidates.get(word)
    if found is None:
        found = candidates[word] = _Candidate(word, offset)
    return found


def _add_tokens(runs: list[list[_Unit]], candidates: dict[str, _Candidate]) -> None:
    for run in runs:
        for unit in run:
            if len(han_characters(unit.text)) >= 2 and not (
                _is_function_token(unit) or _is_glued_by_guess(unit)
            ):
                _candidate(candidates, unit.text, unit.start).count += 1


def _is_glued_by_guess(unit: _Unit) -> bool:
    """A token jieba's HMM guessed (no tag) that starts or ends with a function character.

    Such guesses glue a localiser, measure word or particle to its neighbour
    (里建 from 城市里建公园, 项惠企 from 一百多项惠企政策): not a word at all.
    """
    return not unit.tag and (unit.text[0] in _GLUE_CHARACTERS or unit.text[-1] in _GLUE_CHARACTERS)


def _is_function_token(unit: _Unit) -> bool:
    return unit.tag.startswith(_NO_EDGE_TAGS)


def _can_start(unit: _Unit) -> bool:
    return not (
        _is_function_token(unit)
        or unit.tag.startswith(_NO_START_TAGS)
        and unit.tag != "vn"
        and len(unit.text) > 1
        or unit.text[0] in _FUNCTION_CHARACTERS
        and len(unit.text) == 1
    )


def _can_end(unit: _Unit) -> bool:
    return not (
        _is_function_token(unit)
        or unit.tag.startswith(_NO_END_TAGS)
        and len(unit.text) > 1
        and unit.tag != "vn"
        or unit.text[-1] in _FUNCTION_CHARACTERS
        and len(unit.text) == 1
    )


def _add_phrases(
    runs: list[list[_Unit]], candidates: dict[str, _Candidate], is_common: Callable[[str], bool]
) -> None:
    """Recurring runs of 2 to 4 tokens that hold together and have a boundary on both sides."""
    token_counts: Counter[str] = Counter(unit.text for run in runs for unit in run)
    grams: dict[tuple[str, ...], list[tuple[str, str, int]]] = {}
    for run in runs:
        for size in range(2, MAX_PHRASE_TOKENS + 1):
            for first in range(len(run) - size + 1):
                pieces = run[first : first + size]
                if not (_can_start(pieces[0]) and _can_end(pieces[-1])):
                    continue
                key = tuple(unit.text for unit in pieces)
                if len("".join(key)) > MAX_TERM_CHARACTERS or not _quotes_allow(pieces):
                    continue
                before = run[first - 1].text if first > 0 else ""
                after = run[first + size].text if first + size < len(run) else ""
                grams.setdefault(key, []).append((before, after, pieces[0].start))
    gram_counts = {key: len(places) for key, places in grams.items()}
    for key, places in grams.items():
        count = len(places)
        if count < 2:
            continue
        association = min(
            _bound(count, key[:split], key[split:], token_counts, gram_counts)
            for split in range(1, len(key))
        )
        if association < MIN_ASSOCIATION or not _has_boundaries(places):
            continue
        if association < MIN_ASSOCIATION_OF_COMMON_WORDS and all(map(is_common, key)):
            continue  # 历史文化, 人民群众: everyday words that often meet, not a term
        found = _candidate(candidates, "".join(key), places[0][2])
        found.count = max(found.count, count)
        found.phrase = True
        found.association = association
        found.tokens = key


def _quotes_allow(pieces: list[_Unit]) -> bool:
    """A phrase may run past a quote mark only after a short quoted head: “双区”建设, “三旧”改造.

    A longer quoted name before the quote mark (“慧智管”城市大脑) is a term of its own.
    """
    for position, unit in enumerate(pieces):
        if unit.after_quote:
            head = "".join(piece.text for piece in pieces[:position])
            if len(head) > 2:
                return False
    return True


def _bound(
    count: int,
    left: tuple[str, ...],
    right: tuple[str, ...],
    token_counts: Counter[str],
    gram_counts: Mapping[tuple[str, ...], int],
) -> float:
    """The larger share of its occurrences that either side spends next to the other."""

    def occurrences(part: tuple[str, ...]) -> int:
        return token_counts[part[0]] if len(part) == 1 else gram_counts.get(part, count)

    return max(count / max(occurrences(left), 1), count / max(occurrences(right), 1))


def _has_boundaries(places: list[tuple[str, str, int]]) -> bool:
    """False when every occurrence has the same token on one side (branching entropy 0).

    Then the run is a piece of a longer one, which is a candidate of its own.
    A run edge (punctuation, the end of the text) counts as a boundary every time.
    """
    befores = [before for before, _, _ in places]
    afters = [after for _, after, _ in places]
    return _entropy(befores) > 0 and _entropy(afters) > 0


def _entropy(neighbours: list[str]) -> float:
    if "" in neighbours:
        return 1.0
    counts = Counter(neighbours)
    total = len(neighbours)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _add_quoted(text: str, candidates: dict[str, _Candidate]) -> None:
    for match in _QUOTED.finditer(text):
        word = _INSIDE_SLOGANS.sub("", match.group(1).strip())
        if 2 <= len(han_characters(word)) <= MAX_TERM_CHARACTERS and _is_term_text(word):
            found = _candidate(candidates, word, match.start(1))
            found.quoted = True
            found.count = max(found.count, text.count(match.group(1)))


def _is_term_text(word: str) -> bool:
    return all(char.isalnum() for char in word)


def _add_patterns(runs: list[list[_Unit]], candidates: dict[str, _Candidate]) -> None:
    """Token runs whose whole text is one of the patterns policy language coins terms by."""
    for run in runs:
        for size in range(1, MAX_PHRASE_TOKENS + 1):
            for first in range(len(run) - size + 1):
                pieces = run[first : first + size]
                word = "".join(unit.text for unit in pieces)
                if size > 1 and not _can_start(pieces[0]):
                    continue
                if any(pattern.fullmatch(word) for pattern in POLICY_PATTERNS):
                    found = _candidate(candidates, word, pieces[0].start)
                    found.pattern = True
                    found.count = max(found.count, 1)


def _count_in_text(text: str, candidates: dict[str, _Candidate]) -> None:
    """A phrase, pattern or quoted term occurs wherever its text does, quoted or not."""
    squeezed = _INSIDE_SLOGANS.sub("", strip_ignored(text))
    for candidate in candidates.values():
        if candidate.quoted or candidate.pattern or candidate.phrase:
            candidate.count = max(candidate.count, squeezed.count(candidate.word))


def _drop_pieces_of_longer_terms(candidates: dict[str, _Candidate]) -> None:
    """Remove a candidate whose every occurrence lies inside one longer, stronger candidate."""
    strong = [c for c in candidates.values() if c.quoted or c.pattern or c.phrase]
    pieces = [
        word
        for word, candidate in candidates.items()
        if any(
            word != longer.word and word in longer.word and longer.count >= candidate.count
            for longer in strong
        )
    ]
    for word in pieces:
        del candidates[word]


def _drop_modified_terms(
    candidates: dict[str, _Candidate], is_common: Callable[[str], bool]
) -> None:
    """Remove a phrase that is a more frequent term plus an everyday word.

    城市精细化管理 is 精细化管理 with 城市 in front, 微改造项目 is 微改造 with
    项目 after: the learner needs the inner term.
    """
    strong = [c for c in candidates.values() if c.quoted or c.pattern or c.phrase]
    modified = []
    for word, candidate in candidates.items():
        if candidate.quoted or not (candidate.phrase or candidate.pattern):
            continue
        for inner in strong:
            if inner.count <= candidate.count or inner.word == word:
                continue
            if word.startswith(inner.word):
                extra = word[len(inner.word) :]
            elif word.endswith(inner.word):
                extra = word[: -len(inner.word)]
            else:
                continue
            # 永庆坊微改造 is the pattern 微改造 with a name in front
            if is_common(extra) or (candidate.pattern and inner.pattern):
                modified.append(word)
                break
    for word in modified:
        del candidates[word]
