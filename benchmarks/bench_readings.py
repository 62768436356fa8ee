"""Polyphone accuracy on the public CPP benchmark, beside g2pM and pypinyin in the same run.

CPP (Park & Lee, Interspeech 2020) marks one polyphonic character per
sentence between two ``▁``; the label is numbered pinyin (``le5``).  Our
reading comes from the shipped path: ``Annotator.segment`` then
``Annotator.pinyin`` of the token holding the character.

Two scores are printed for each system.  *strict* compares syllable and tone.
*neutral-tone agnostic* also accepts a neutral tone where the label has the
full tone of the same syllable, or the reverse: the reader keeps CC-CEDICT's
neutral tones (衣服 yīfu, 知识 zhīshi) by design, and CPP's labels mostly give
the full tone; the same rule is applied to all three systems.

The dev split is read from ``../shared/data/cpp`` (development data, never
shipped).  The test split is the final measure: it is read from
``CPP_TEST_DIR`` (``test.sent``/``test.lb``) when that is set, and skipped
with a reason otherwise.
"""

from __future__ import annotations

import os
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CPP = REPO_ROOT.parent / "shared" / "data" / "cpp"
MARK = "▁"
_TONE_DIGITS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


def split_files(split: str) -> tuple[Path, Path] | str:
    """(sentences, labels) of a CPP split, or the reason it is not here."""
    folder = (
        Path(os.environ["CPP_TEST_DIR"])
        if split == "test" and "CPP_TEST_DIR" in os.environ
        else SHARED_CPP
    )
    sentences, labels = folder / f"{split}.sent", folder / f"{split}.lb"
    if not sentences.is_file() or not labels.is_file():
        if split == "test":
            return (
                "the CPP test split is not on this machine (no package ships it; set CPP_TEST_DIR)"
            )
        return f"{folder} is absent (development data, see ../shared/data/README.md)"
    return sentences, labels


def load_split(split: str) -> tuple[list[str], list[int], list[str]] | str:
    """Sentences without the marks, the marked offsets and the labels; or why not."""
    found = split_files(split)
    if isinstance(found, str):
        return found
    marked = found[0].read_text(encoding="utf-8").splitlines()
    labels = found[1].read_text(encoding="utf-8").split()
    return [s.replace(MARK, "") for s in marked], [s.index(MARK) for s in marked], labels


def numbered(syllable: str) -> str:
    """A tone-marked syllable as CPP writes it: ``lǜ`` -> ``lu:4``, ``le`` -> ``le5``."""
    tone, letters = "5", []
    for char in unicodedata.normalize("NFD", syllable.lower()):
        if char in _TONE_DIGITS:
            tone = _TONE_DIGITS[char]
        elif char == "\u0308":
            letters.append(":")
        else:
            letters.append(char)
    return "".join(letters) + tone


def same_allowing_neutral(ours: str, label: str) -> bool:
    return ours == label or (ours[:-1] == label[:-1] and "5" in (ours[-1], label[-1]))


def score(answers: Sequence[str], labels: Sequence[str]) -> tuple[float, float]:
    strict = sum(a == b for a, b in zip(answers, labels, strict=True)) / len(labels)
    loose = sum(map(same_allowing_neutral, answers, labels)) / len(labels)
    return strict, loose


def reader_answers(sentences: Sequence[str], offsets: Sequence[int]) -> list[str]:
    """The reader's reading of each marked character, through the window's annotator."""
    from reader.annotation.annotator import Annotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.language.han import is_han

    annotator = Annotator(CedictIndex.load(), GlossarySet.bundled_only())
    answers = []
    for sentence, offset in zip(sentences, offsets, strict=True):
        segmented = annotator.segment(sentence)
        index = segmented.index_at(offset)
        assert index is not None
        reading = annotator.pinyin(segmented, index)
        before = sum(map(is_han, sentence[segmented.starts[index] : offset]))
        answers.append(numbered(reading[before]) if before < len(reading) else "?")
    return answers


def g2pm_answers(sentences: Sequence[str], offsets: Sequence[int]) -> list[str]:
    """Anchor: g2pM's own ``G2pM`` class, one sentence at a time, as its README runs it."""
    from g2pM import G2pM

    model = G2pM()
    return [
        model(sentence, char_split=True, tone=True)[offset]
        for sentence, offset in zip(sentences, offsets, strict=True)
    ]


def pypinyin_answers(sentences: Sequence[str], offsets: Sequence[int]) -> list[str]:
    """Anchor: plain pypinyin on the whole sentence."""
    from pypinyin import Style, lazy_pinyin

    answers = []
    for sentence, offset in zip(sentences, offsets, strict=True):
        per_char = lazy_pinyin(sentence, style=Style.TONE3, errors=lambda chars: list(chars))
        syllable = per_char[offset] if len(per_char) == len(sentence) else "?"
        answers.append(syllable.replace("v", "u:") if syllable[-1:].isdigit() else syllable + "5")
    return answers


SYSTEMS: dict[str, Callable[[Sequence[str], Sequence[int]], list[str]]] = {
    "reader": reader_answers,
    "g2pM": g2pm_answers,
    "pypinyin": pypinyin_answers,
}


def measure(split: str) -> dict[str, tuple[float, float, float]] | str:
    """system -> (strict, neutral-tone agnostic, seconds) on one split; or why it was skipped."""
    loaded = load_split(split)
    if isinstance(loaded, str):
        return loaded
    sentences, offsets, labels = loaded
    results = {}
    for name, answer in SYSTEMS.items():
        started = time.perf_counter()
        answers = answer(sentences, offsets)
        elapsed = time.perf_counter() - started
        results[name] = (*score(answers, labels), elapsed)
    return results


def main() -> None:
    for split in ("dev", "test"):
        results = measure(split)
        if isinstance(results, str):
            print(f"CPP {split}: skipped: {results}")
            continue
        for name, (strict, loose, elapsed) in results.items():
            print(
                f"CPP {split}, {name}: {strict:.2%} strict, {loose:.2%} neutral-tone agnostic"
                f" ({elapsed:.1f} s)"
            )


if __name__ == "__main__":
    main()


def own_polyphone_set() -> tuple[float, float]:
    """Our own set (tests/data/polyphones.tsv): the reader's accuracy and plain pypinyin's."""
    from pypinyin import Style, lazy_pinyin

    from reader.annotation.annotator import Annotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet
    from reader.language.han import is_han

    annotator = Annotator(CedictIndex.load(), GlossarySet.bundled_only())
    hits = plain_hits = total = 0
    table = REPO_ROOT / "tests" / "data" / "polyphones.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sentence, target, expected, *rest = line.split("\t")
        start = -1
        for _ in range(int(rest[0]) if rest else 1):
            start = sentence.index(target, start + 1)
        segmented = annotator.segment(sentence)
        syllables = []
        for offset in range(start, start + len(target)):
            index = segmented.index_at(offset)
            assert index is not None
            reading = annotator.pinyin(segmented, index)
            before = sum(map(is_han, sentence[segmented.starts[index] : offset]))
            syllables.append(reading[before] if before < len(reading) else "?")
        plain = lazy_pinyin(sentence, style=Style.TONE, errors=lambda chars: list(chars))
        total += 1
        hits += " ".join(syllables) == expected
        plain_hits += " ".join(plain[start : start + len(target)]) == expected
    return hits / total, plain_hits / total
