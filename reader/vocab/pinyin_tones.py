"""Pinyin as the exports need it: tone numbers for Pleco, tone colours for Anki.

The store keeps tone marks with syllables separated by spaces ("hé zhǎng zhì").
Conversion works syllable by syllable on that form; capitals are kept and ü is
written ``u:`` in numbered form, as CC-CEDICT does.  The neutral tone is 5, so
every numbered syllable ends in a digit and "he2zhang3zhi4" splits back unambiguously.
"""

from __future__ import annotations

import html
import re
import unicodedata

_MARK_TO_TONE = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_TONE_TO_MARK = {tone: mark for mark, tone in _MARK_TO_TONE.items()}
_DIAERESIS = "\u0308"
_NUMBERED_SYLLABLE = re.compile(r"([A-Za-z:üÜ]+?)([1-5])")


def syllable_tone(syllable: str) -> int:
    """1-4 for a tone-marked syllable, 5 for one without a mark."""
    for character in unicodedata.normalize("NFD", syllable):
        if character in _MARK_TO_TONE:
            return _MARK_TO_TONE[character]
    return 5


def _numbered_syllable(syllable: str) -> str:
    tone = 5
    letters: list[str] = []
    for character in unicodedata.normalize("NFD", syllable):
        if character in _MARK_TO_TONE:
            tone = _MARK_TO_TONE[character]
        elif character == _DIAERESIS:
            letters.append(":")
        else:
            letters.append(character)
    return "".join(letters) + str(tone)


def to_numbered(pinyin: str, separator: str = "") -> str:
    """ "hé zhǎng zhì" -> "he2zhang3zhi4" (or with ``separator`` between syllables).

    Returns ``pinyin`` unchanged when it is not plain syllables of letters (then a
    round trip through numbers could not give it back).
    """
    syllables = pinyin.split()
    numbered = [_numbered_syllable(s) for s in syllables]
    if not all(re.fullmatch(r"[A-Za-z:]+[1-5]", n) for n in numbered):
        return pinyin
    result = separator.join(numbered)
    return result if from_numbered(result) == " ".join(syllables) else pinyin


def _mark_position(letters: str) -> int:
    """Where the tone mark goes: on a or e, on the o of ou, else on the last vowel."""
    lower = letters.lower()
    for vowel in "ae":
        if vowel in lower:
            return lower.index(vowel)
    if "ou" in lower:
        return lower.index("ou")
    for index in range(len(lower) - 1, -1, -1):
        if lower[index] in "iouü":
            return index
    return -1


def _marked_syllable(letters: str, tone: int) -> str:
    letters = letters.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")
    if tone == 5 or tone not in _TONE_TO_MARK:
        return letters
    position = _mark_position(letters)
    if position < 0:
        return letters
    decomposed = letters[: position + 1] + _TONE_TO_MARK[tone] + letters[position + 1 :]
    return unicodedata.normalize("NFC", decomposed)


def from_numbered(numbered: str) -> str:
    """ "he2zhang3zhi4" or "he2 zhang3 zhi4" -> "hé zhǎng zhì"; text without numbers unchanged."""
    syllables: list[str] = []
    for chunk in numbered.split():
        if not re.fullmatch(r"(?:[A-Za-z:üÜ]+?[1-5])+", chunk):
            syllables.append(chunk)
            continue
        syllables.extend(
            _marked_syllable(letters, int(tone))
            for letters, tone in _NUMBERED_SYLLABLE.findall(chunk)
        )
    return " ".join(syllables)


def tone_coloured_html(pinyin: str) -> str:
    """Each syllable in a span with class ``toneN`` and its colour, text HTML-escaped.

    The colour is inline as well as in the class so it shows in any Anki note type.
    """
    return " ".join(
        f"<span class='tone{tone}' style='color:{TONE_COLOURS[tone]}'>{html.escape(s)}</span>"
        for s in pinyin.split()
        for tone in (syllable_tone(s),)
    )


TONE_COLOURS = {1: "#e30000", 2: "#e07b00", 3: "#00a000", 4: "#1a5fd0", 5: "#808080"}
"""Tone 1 red, 2 orange, 3 green, 4 blue, neutral grey."""
