"""Suggesting glossary terms for an article.

A teacher preparing an article wants the words a learner cannot look up: Han
words of two or more characters that no dictionary and no glossary has.  After
those come words that are common in this article but rare in general Chinese,
ranked by TF-IDF against the document frequencies jieba ships for its keyword
extraction (``jieba/analyse/idf.txt``).  Each suggestion carries how often the
word occurs and the first sentence it occurs in.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from reader.errors import GlossaryError
from reader.glossary.sentences import SentenceFinder
from reader.language.tokens import SegmentedText, TokenKind


class SuggestionReason(StrEnum):
    NOT_IN_DICTIONARY = "not in the dictionary"
    DISTINCTIVE = "distinctive for this text"


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    count: int
    score: float  # TF-IDF against jieba's background frequencies
    reason: SuggestionReason
    example: str  # the first sentence of the text containing the word


@dataclass(frozen=True, slots=True)
class IdfTable:
    weights: Mapping[str, float]
    default: float  # for words jieba's table does not list: its median, as jieba does

    def __getitem__(self, word: str) -> float:
        return self.weights.get(word, self.default)


@lru_cache(maxsize=1)
def background_idf() -> IdfTable:
    """jieba's inverse document frequencies (about 350,000 words), read once."""
    import jieba.analyse

    path = Path(jieba.analyse.__file__).parent / "idf.txt"
    weights: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word, _, weight = line.rstrip("\n").rpartition(" ")
                if word:
                    weights[word] = float(weight)
    except (OSError, ValueError) as error:
        raise GlossaryError(f"cannot read jieba's word frequencies at {path}: {error}") from error
    return IdfTable(weights, statistics.median(weights.values()))


def suggest_terms(
    segmented: SegmentedText,
    in_dictionary: Callable[[str], bool],
    known_terms: Container[str] = (),
    *,
    limit: int = 40,
    idf: IdfTable | None = None,
) -> list[Suggestion]:
    """Up to ``limit`` words worth a glossary entry, words no dictionary has first.

    ``in_dictionary`` says whether a word is in the dictionary (CC-CEDICT);
    ``known_terms`` are words already in a glossary, which are never suggested.
    """
    table = idf or background_idf()
    counts: Counter[str] = Counter()
    first_offset: dict[str, int] = {}
    han_tokens = 0
    for index in range(len(segmented)):
        if segmented.kinds[index] != _HAN_CODE:
            continue
        han_tokens += 1
        start, end = segmented.starts[index], segmented.ends[index]
        if end - start < 2:
            continue
        word = segmented.text[start:end]
        counts[word] += 1
        first_offset.setdefault(word, start)
    sentences = SentenceFinder(segmented.text)
    unknown: list[Suggestion] = []
    distinctive: list[Suggestion] = []
    for word, count in counts.items():
        if word in known_terms:
            continue
        score = count / max(han_tokens, 1) * table[word]
        missing = not in_dictionary(word)
        reason = SuggestionReason.NOT_IN_DICTIONARY if missing else SuggestionReason.DISTINCTIVE
        suggestion = Suggestion(
            word, count, score, reason, sentences.sentence_at(first_offset[word])
        )
        (unknown if missing else distinctive).append(suggestion)
    ranking = _by_score_then_order(first_offset)
    unknown.sort(key=ranking)
    distinctive.sort(key=ranking)
    return (unknown + distinctive)[:limit]


def _by_score_then_order(first_offset: Mapping[str, int]) -> Callable[[Suggestion], tuple]:
    return lambda suggestion: (-suggestion.score, first_offset[suggestion.word])


_HAN_CODE = list(TokenKind).index(TokenKind.HAN)
