"""What one CC-CEDICT line holds, parsed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Classifier:
    """A measure word from a ``CL:`` sense, e.g. 条 tiáo for 河."""

    traditional: str
    simplified: str
    pinyin: str  # tone marks


@dataclass(frozen=True, slots=True)
class CrossReference:
    """A link from a sense such as ``variant of 亞|亚[ya4]`` or ``see 行[hang2]``."""

    relation: str  # "variant of", "old variant of", "see", "see also", "abbr. for", ...
    traditional: str
    simplified: str
    pinyin: str  # tone marks, "" when the source gives none


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT entry: one headword with one reading.

    A headword with several readings (行 xíng / háng) has several entries; none is dropped.
    """

    traditional: str
    simplified: str
    pinyin: str  # tone marks, syllables separated by spaces: "hé zhǎng zhì"; capitals kept
    pinyin_numbered: str  # as in the source: "he2 zhang3 zhi4"
    senses: tuple[str, ...]  # without the CL: senses, which are in ``classifiers``
    classifiers: tuple[Classifier, ...] = ()
    references: tuple[CrossReference, ...] = ()

    @property
    def syllables(self) -> tuple[str, ...]:
        return tuple(self.pinyin.split())
