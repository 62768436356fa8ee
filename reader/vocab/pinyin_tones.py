"""Pinyin as the exports need it: tone numbers for Pleco, tone colours for Anki.

The store keeps tone marks with syllables separated by spaces ("hé zhǎng zhì").
Conversion works syllable by syllable on that form; capitals are kept and ü is
written ``u:`` in numbered form, as CC-CEDICT does.  The neutral tone is 5, so
every numbered syllable ends in a digit and "he2zhang3zhi4" splits back unambiguously.
"""

from __future__ import annotations

import re

from reader.language.notation import marks_to_numbered, numbered_to_marks, tone_of
from reader.language.tones import TONE_COLOURS, tone_coloured_html

__all__ = ["TONE_COLOURS", "from_numbered", "syllable_tone", "to_numbered", "tone_coloured_html"]

_NUMBERED_SYLLABLE = re.compile(r"([A-Za-z:üÜ]+?)([1-5])")


def syllable_tone(syllable: str) -> int:
    """1-4 for a tone-marked syllable, 5 for one without a mark."""
    return tone_of(syllable)


def to_numbered(pinyin: str, separator: str = "") -> str:
    """ "hé zhǎng zhì" -> "he2zhang3zhi4" (or with ``separator`` between syllables).

    Returns ``pinyin`` unchanged when it is not plain syllables of letters (then a
    round trip through numbers could not give it back).
    """
    syllables = pinyin.split()
    numbered = [marks_to_numbered(s) for s in syllables]
    if not all(re.fullmatch(r"[A-Za-z:]+[1-5]", n) for n in numbered):
        return pinyin
    result = separator.join(numbered)
    return result if from_numbered(result) == " ".join(syllables) else pinyin


def from_numbered(numbered: str) -> str:
    """ "he2zhang3zhi4" or "he2 zhang3 zhi4" -> "hé zhǎng zhì"; text without numbers unchanged."""
    syllables: list[str] = []
    for chunk in numbered.split():
        if not re.fullmatch(r"(?:[A-Za-z:üÜ]+?[1-5])+", chunk):
            syllables.append(chunk)
            continue
        syllables.extend(
            numbered_to_marks(letters + tone) for letters, tone in _NUMBERED_SYLLABLE.findall(chunk)
        )
    return " ".join(syllables)
