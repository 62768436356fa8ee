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


def reading_of(segmenter: Segmenter, resolver: PinyinResolver, sentence: str, word: str) -> str:
    return read_in_context(segmenter, resolver, sentence, sentence.index(word), len(word))


def test_particles_follow_their_neighbours(segmenter: Segmenter, resolver: PinyinResolver) -> None:
    def read(sentence: str, word: str, nth: int = 1) -> str:
        start = -1
        for _ in range(nth):
            start = sentence.index(word, start + 1)
        return read_in_context(segmenter, resolver, sentence, start, len(word))

    assert read("我已经吃了。", "了") == "le"
    assert read("这件事我办得了。", "了") == "liǎo"
    assert read("他得了第一名。", "得") == "dé"
    assert read("他跑得很快。", "得") == "de"
    assert read("我得走了。", "得") == "děi"
    assert read("她认真地学习。", "地") == "de"
    assert read("人、企、地、物", "地") == "dì"
    assert read("门开着。", "着") == "zhe"
    assert read("从基层着手。", "着手") == "zhuó shǒu"


def test_guangzhou_place_names(segmenter: Segmenter, resolver: PinyinResolver) -> None:
    sentence = "番禺区的猎德涌、沙河涌和泮塘五约，广州中心城区河涌。"
    assert reading_of(segmenter, resolver, sentence, "番禺") == "pān yú"
    assert reading_of(segmenter, resolver, sentence, "猎德涌") == "liè dé chōng"
    assert reading_of(segmenter, resolver, sentence, "沙河涌") == "shā hé chōng"
    assert reading_of(segmenter, resolver, sentence, "五约") == "wǔ yuē"
    assert reading_of(segmenter, resolver, "涌现出一批人才", "涌现") == "yǒng xiàn"


def test_no_tone_sandhi_and_unmarked_neutral_tones(
    segmenter: Segmenter, resolver: PinyinResolver
) -> None:
    assert reading_of(segmenter, resolver, "一个人不对", "一") == "yī"
    assert reading_of(segmenter, resolver, "一个人不对", "不") == "bù"
    assert reading_of(segmenter, resolver, "我们的", "们") == "men"
    assert reading_of(segmenter, resolver, "我们的", "的") == "de"


def test_glossary_reading_wins(segmenter: Segmenter) -> None:
    resolver = PinyinResolver(lambda word: (), {"还绿于民": ("huán", "lǜ", "yú", "mín")}.get)
    assert reading_of(segmenter, resolver, "推进还绿于民", "还绿于民") == "huán lǜ yú mín"


def test_tokens_without_han_have_no_reading(segmenter: Segmenter, resolver: PinyinResolver) -> None:
    segmented = segmenter.segment("PM2.5，17.6%")
    assert all(resolver.resolve(segmented, i) == () for i in range(len(segmented)))


def test_number_tokens_with_han_read_their_han(resolver: PinyinResolver) -> None:
    from array import array

    from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind

    number = KIND_CODES.index(TokenKind.NUMBER)
    segmented = SegmentedText("2200万", array("l", [0]), array("l", [5]), bytes([number]), ("m",))
    assert resolver.resolve(segmented, 0) == ("wàn",)


def test_every_token_of_the_article_gets_one_syllable_per_han_character(
    segmenter: Segmenter, resolver: PinyinResolver
) -> None:
    from reader import paths
    from reader.language.han import is_han

    text = (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")
    segmented = segmenter.segment(text)
    for index, reading in enumerate(resolver.resolve_all(segmented)):
        token = segmented.token(index)
        assert len(reading) == sum(map(is_han, token.text)), token
        assert all(syllable == syllable.lower() and syllable for syllable in reading), token


@pytest.mark.parametrize("term", ["林长制", "田长制", "路长制", "街长制", "楼长制"])
def test_a_chief_system_no_dictionary_lists_reads_zhang(
    segmenter: Segmenter, resolver: PinyinResolver, term: str
) -> None:
    """X长制 (a "chief" in charge of X) is how policy language coins terms; 长 is zhǎng."""
    sentence = f"这个区去年开始推行{term}。"
    segmented = segmenter.segment(sentence)
    for index in range(len(segmented)):
        token = segmented.token(index)
        if token.start <= sentence.index(term) + 1 < token.end:
            chief = sentence.index(term) + 1 - token.start
            assert resolver.resolve(segmented, index)[chief] == "zhǎng", token.text
            break
    else:
        raise AssertionError(f"no token holds {term}")
