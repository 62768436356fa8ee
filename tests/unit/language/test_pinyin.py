"""Context-aware pinyin against our polyphone test set and hand-picked cases."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pypinyin import Style, lazy_pinyin

from reader.language.pinyin import PinyinResolver
from reader.language.segment import Segmenter

POLYPHONES = Path(__file__).resolve().parents[2] / "data" / "polyphones.tsv"


@dataclass(frozen=True)
class Case:
    sentence: str
    target: str
    expected: str
    start: int  # offset of the target in the sentence


def _cases() -> list[Case]:
    cases = []
    for line in POLYPHONES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, target, expected, *rest = line.split("\t")
        occurrence = int(rest[0]) if rest else 1
        start = -1
        for _ in range(occurrence):
            start = sentence.index(target, start + 1)
        cases.append(Case(sentence, target, expected, start))
    return cases


CASES = _cases()


def read_in_context(
    segmenter: Segmenter, resolver: PinyinResolver, sentence: str, start: int, length: int
) -> str:
    """Our reading of sentence[start:start+length], one syllable per character."""
    segmented = segmenter.segment(sentence)
    syllables = []
    for offset in range(start, start + length):
        index = segmented.index_at(offset)
        assert index is not None
        reading = resolver.resolve(segmented, index)
        token_start = segmented.starts[index]
        han_before = sum(1 for char in sentence[token_start:offset] if "\u4e00" <= char <= "\u9fff")
        syllables.append(reading[han_before] if han_before < len(reading) else "?")
    return " ".join(syllables)


def baseline_reading(sentence: str, start: int, length: int) -> str:
    """Plain pypinyin on the whole sentence (one item per character)."""
    per_char = lazy_pinyin(sentence, style=Style.TONE, errors=lambda chars: list(chars))
    assert len(per_char) == len(sentence)
    return " ".join(per_char[start : start + length])


def test_the_test_set_is_big_enough_and_well_formed() -> None:
    assert len(CASES) >= 80
    for case in CASES:
        assert len(case.expected.split()) == len(case.target), case


def test_polyphone_accuracy_reaches_97_percent(
    segmenter: Segmenter, resolver: PinyinResolver
) -> None:
    misses = []
    baseline_hits = 0
    for case in CASES:
        ours = read_in_context(segmenter, resolver, case.sentence, case.start, len(case.target))
        if ours != case.expected:
            misses.append(f"{case.sentence} [{case.target}] expected {case.expected}, got {ours}")
        baseline = baseline_reading(case.sentence, case.start, len(case.target))
        baseline_hits += baseline == case.expected
    accuracy = 1 - len(misses) / len(CASES)
    print(
        f"\npolyphones: ours {accuracy:.1%}, plain lazy_pinyin {baseline_hits / len(CASES):.1%}"
        f" on {len(CASES)} targets"
    )
    for miss in misses:
        print("  miss:", miss)
    assert accuracy >= 0.97, "\n".join(misses)
