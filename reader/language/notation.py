"""Pinyin notation: numbered pinyin, tone marks, toneless keys and syllable splitting.

Pure functions shared by the dictionary, the glossary and the pinyin engine.
Conventions used throughout:

* Numbered pinyin is CC-CEDICT's notation: ``he2 zhang3 zhi4``; tone 5 is the
  neutral tone; ü is written ``u:`` (``nu:3``) and ``v`` is accepted too.
* Tone-marked pinyin is the notation readers see: ``hé zhǎng zhì``, ``nǚ``.
* A *toneless key* is lowercase, has no tones, spaces or apostrophes, and writes
  ü as ``v``: ``hezhangzhi``, ``nv``.  It is what pinyin searches compare.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Combining marks for tones 1-4 (macron, acute, caron, grave).
_TONE_COMBINING = ("\u0304", "\u0301", "\u030c", "\u0300")
_COMBINING_TO_TONE = {mark: tone for tone, mark in enumerate(_TONE_COMBINING, start=1)}

_INITIALS = (
    "zh",
    "ch",
    "sh",
    "b",
    "p",
    "m",
    "f",
    "d",
    "t",
    "n",
    "l",
    "g",
    "k",
    "h",
    "j",
    "q",
    "x",
    "r",
    "z",
    "c",
    "s",
)

# Finals each initial combines with, in ordinary Mandarin plus the rare syllables
# CC-CEDICT uses (dia, biang, den, kei, nou, shei, zhei, sei, tei, ...).
_FINALS_BY_INITIAL = {
    "": "a o e ai ei ao ou an en ang eng er yi ya yo ye yao you yan yin yang ying yong "
    "wu wa wo wai wei wan wen wang weng yu yue yuan yun",
    "b": "a o ai ei ao an en ang eng i ia ie iao ian in ing u iang",
    "p": "a o ai ei ao ou an en ang eng i ie iao ian in ing u",
    "m": "a o e ai ei ao ou an en ang eng i ie iao iu ian in ing u",
    "f": "a o ei ou an en ang eng u iao",
    "d": "a e ai ei ao ou an en ang eng ong i ia ie iao iu ian ing u uo ui uan un",
    "t": "a e ai ei ao ou an ang eng ong i ie iao ian ing u uo ui uan un",
    "n": "a e ai ei ao ou an en ang eng ong i ie iao iu ian in iang ing u uo uan un ü üe ue",
    "l": "a o e ai ei ao ou an ang eng ong i ia ie iao iu ian in iang ing u uo uan un ü üe ue",
    "g": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "k": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "h": "a e ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "j": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "q": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "x": "i ia ie iao iu ian in iang ing iong u ue uan un",
    "zh": "a e i ai ei ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "ch": "a e i ai ao ou an en ang eng ong u ua uo uai ui uan un uang",
    "sh": "a e i ai ei ao ou an en ang eng u ua uo uai ui uan un uang",
    "r": "e i ao ou an en ang eng ong u ua uo ui uan un",
    "z": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
    "c": "a e i ai ao ou an en ang eng ong u uo ui uan un",
    "s": "a e i ai ei ao ou an en ang eng ong u uo ui uan un",
}

# Syllables without a vowel: interjections (m, n, ng, hm, hng) and the erhua ending
# CC-CEDICT writes as its own syllable ``r5``.
_VOWELLESS = frozenset({"m", "n", "ng", "hm", "hng", "r"})

VALID_SYLLABLES: frozenset[str] = frozenset(
    {initial + final for initial, finals in _FINALS_BY_INITIAL.items() for final in finals.split()}
    | _VOWELLESS
    | {"ê"}
)
"""Every toneless lowercase syllable accepted, ü written as ``ü``.

``lue``/``nue`` are accepted as the common keyboard spelling of lüe/nüe.
"""

_LONGEST_SYLLABLE = max(len(syllable) for syllable in VALID_SYLLABLES)

_MARKED_VOWELS = {
    base: tuple(unicodedata.normalize("NFC", base + mark) for mark in _TONE_COMBINING)
    for base in "aeiouüAEIOUÜêÊ"
}
_MARKED_TO_BASE_AND_TONE = {
    marked: (base, tone)
    for base, forms in _MARKED_VOWELS.items()
    for tone, marked in enumerate(forms, start=1)
}

# A syllable followed by its tone number; "u:" and "v" stand for ü.
_NUMBERED_SYLLABLE = re.compile(r"([A-Za-zÜüÊê:]+)([1-5])")
_TONE_DIGIT_AFTER_LETTER = re.compile(r"(?<=[A-Za-zÜü:])[1-5]")
_LETTER_RUN = re.compile(r"[A-Za-zÜüÊê\u0300-\u030c\u00c0-\u024f\u1e00-\u1eff:]+")
_QUERY_SEPARATORS = re.compile(r"[\s'’\-·,]+")
_KEYBOARD_UMLAUT = {"lue": "lve", "nue": "nve"}


# The ASCII forms an IME types in full width (ｓｈｕｉ３, ｘíｎｇ), and the ideographic space.
_FROM_FULLWIDTH = {0x3000: " ", **{code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}}


def from_fullwidth(text: str) -> str:
    """``text`` with fullwidth letters, digits, punctuation and spaces as their ASCII forms.

    ``"ｓｈｕｉ３"`` -> ``"shui3"``, ``"ｘíｎｇ"`` -> ``"xíng"``; anything else is kept.
    """
    return text.translate(_FROM_FULLWIDTH)


def _umlaut(body: str) -> str:
    """Write ü for CC-CEDICT's ``u:`` and the keyboard ``v``."""
    return body.replace("u:", "ü").replace("U:", "Ü").replace("v", "ü").replace("V", "Ü")


def _place_mark(body: str, tone: int) -> str:
    """Put the mark for ``tone`` on the right letter of one toneless syllable.

    The standard rule: a or e takes the mark; in ``ou`` the o takes it; otherwise
    the last vowel does.  Vowelless syllables (m, n, ng, hm, hng) mark the m or n.
    """
    if tone not in (1, 2, 3, 4):
        return body
    lower = body.lower()
    index = -1
    for preferred in ("a", "e", "ê"):
        if preferred in lower:
            index = lower.index(preferred)
            break
    else:
        if "ou" in lower:
            index = lower.index("ou")
        else:
            for position in range(len(lower) - 1, -1, -1):
                if lower[position] in "iouü":
                    index = position
                    break
    if index < 0:
        for position, letter in enumerate(lower):
            if letter in "mn":
                index = position
                break
    if index < 0:
        return body
    letter = body[index]
    marked = (
        _MARKED_VOWELS[letter][tone - 1]
        if letter in _MARKED_VOWELS
        else (unicodedata.normalize("NFC", letter + _TONE_COMBINING[tone - 1]))
    )
    return body[:index] + marked + body[index + 1 :]


def numbered_to_marks(text: str) -> str:
    """Turn numbered pinyin into tone marks, leaving everything else as it is.

    Works on one syllable or a whole string: ``"he2 zhang3 zhi4"`` -> ``"hé zhǎng zhì"``,
    ``"Guang3 zhou1"`` -> ``"Guǎng zhōu"`` (capitals kept), ``"nu:3"`` and ``"nv3"`` ->
    ``"nǚ"``, ``"ma5"`` -> ``"ma"`` (tone 5 is neutral, no mark).  Pieces that are not
    numbered syllables (``"C"``, ``"·"``, ``","``) pass through unchanged.
    """
    return _NUMBERED_SYLLABLE.sub(lambda match: _marked_syllable(match.group(0)), text)


@lru_cache(maxsize=8192)
def _marked_syllable(numbered: str) -> str:
    # A few thousand distinct syllables cover all of CC-CEDICT: worth remembering.
    return _place_mark(_umlaut(numbered[:-1]), int(numbered[-1]))


def _decompose(syllable: str) -> tuple[str, int]:
    """A marked or numbered syllable as (toneless text with ü, tone 1-5); 5 when unmarked."""
    tone = 5
    match = re.fullmatch(r"(.*?)([1-5])", syllable)
    if match:
        syllable, tone = match.group(1), int(match.group(2))
    letters = []
    for char in unicodedata.normalize("NFD", _umlaut(syllable)):
        if char in _COMBINING_TO_TONE:
            tone = _COMBINING_TO_TONE[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)), tone


def tone_of(syllable: str) -> int:
    """The tone of one syllable, 1-4, or 5 for the neutral tone.

    Accepts tone marks (``"zhǎng"`` -> 3) or a trailing number (``"zhang3"`` -> 3);
    a syllable with neither is neutral (``"ma"`` -> 5).
    """
    return _decompose(syllable.strip())[1]


def strip_tones(text: str) -> str:
    """Remove tone marks and tone numbers, keeping letters, ü and spacing.

    ``"hé zhǎng zhì"`` -> ``"he zhang zhi"``, ``"nǚ"`` -> ``"nü"``, ``"nu:3"`` -> ``"nu:"``.
    Digits not directly after a letter (``"2019"``) are kept.
    """
    without_digits = _TONE_DIGIT_AFTER_LETTER.sub("", text)
    kept = (
        char
        for char in unicodedata.normalize("NFD", without_digits)
        if char not in _COMBINING_TO_TONE
    )
    return unicodedata.normalize("NFC", "".join(kept))


def is_valid_syllable(syllable: str) -> bool:
    """Whether ``syllable`` is one Mandarin syllable, in any notation.

    Tone marks (``"lǜ"``), a tone number (``"lu:4"``, ``"lv4"``) or no tone (``"lu"``)
    are all accepted; capitals are ignored.  At most one tone mark is allowed.
    """
    marks = sum(char in _COMBINING_TO_TONE for char in unicodedata.normalize("NFD", syllable))
    if marks > 1 or not syllable:
        return False
    base, _ = _decompose(syllable.strip())
    return base.lower() in VALID_SYLLABLES


def split_syllables(pinyin: str) -> list[str]:
    """Split spaceless toneless pinyin into syllables; ``[]`` when it cannot be split.

    Greedy, longest syllable first, backtracking when the rest cannot be split:
    ``"hezhangzhi"`` -> ``["he", "zhang", "zhi"]``, ``"xian"`` -> ``["xian"]`` (write
    ``"xi'an"`` for 西安), ``"fangan"`` -> ``["fang", "an"]``.  ü may be written ``ü`` or
    ``v`` and comes back as written; case is kept; apostrophes split.
    """
    pieces: list[str] = []
    for chunk in re.split(r"['’]", pinyin):
        if not chunk:
            continue
        split = _split_chunk(chunk)
        if not split:
            return []
        pieces.extend(split)
    return pieces


def _split_chunk(chunk: str) -> list[str]:
    lower = chunk.lower().replace("v", "ü")
    return [chunk[start:end] for start, end in _split_spans(lower)]


@lru_cache(maxsize=4096)
def _split_spans(lower: str) -> tuple[tuple[int, int], ...]:
    failed: set[int] = set()

    def spans_from(start: int) -> tuple[tuple[int, int], ...] | None:
        if start == len(lower):
            return ()
        if start in failed:
            return None
        for end in range(min(len(lower), start + _LONGEST_SYLLABLE), start, -1):
            if lower[start:end] in VALID_SYLLABLES:
                rest = spans_from(end)
                if rest is not None:
                    return ((start, end), *rest)
        failed.add(start)
        return None

    return spans_from(0) or ()


def toneless_key(pinyin: str) -> str:
    """The key pinyin searches compare: lowercase letters only, ü as ``v``.

    ``"He2 zhang3 zhi4"`` -> ``"hezhangzhi"``, ``"nǚ"`` / ``"nu:3"`` -> ``"nv"``.
    """
    return toneless_keys([pinyin])[0]


# Precomposed tone-marked letters to plain ones, ü to v: one str.translate per
# text, about twenty times quicker than strip_tones (the vocabulary keys 50,000
# words at open).  Anything else that is not ASCII takes the exact path.
_TONELESS = str.maketrans(
    {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěè", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("üǖǘǚǜ", "v"),
        **dict.fromkeys("ńňǹ", "n"),
        **dict.fromkeys("ḿ", "m"),
    }
)
_NOT_KEY = re.compile(r"[^a-z\n]+")


def toneless_keys(texts: Sequence[str]) -> list[str]:
    """``toneless_key`` of many texts at once (one translate over them all)."""
    if not texts:
        return []
    if any("\n" in text for text in texts):
        return [key for text in texts for key in toneless_keys([text.replace("\n", " ")])]
    joined = "\n".join(texts).lower().replace("u:", "v").translate(_TONELESS)
    if not joined.isascii():
        exact = strip_tones(_umlaut("\n".join(texts))).lower().replace("ü", "v")
        joined = exact
    return _NOT_KEY.sub("", joined).split("\n")


def marks_to_numbered(text: str, *, umlaut: str = "u:") -> str:
    """Turn tone-marked pinyin into numbered pinyin, leaving non-pinyin as it is.

    ``"hé zhǎng zhì"`` -> ``"he2 zhang3 zhi4"``; ``"hézhǎngzhì"`` -> ``"he2zhang3zhi4"``;
    ``"nǚ"`` -> ``"nu:3"`` (``umlaut="v"`` gives ``"nv3"``); an unmarked syllable is
    neutral (``"ma"`` -> ``"ma5"``).  Words that are not pinyin (``"DNA"``) pass through.
    """

    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        syllables = syllables_with_tones(word)
        if syllables is None:
            return word
        return "".join(
            base.replace("ü", umlaut).replace("Ü", umlaut.upper()) + str(tone)
            for base, tone in syllables
        )

    return _LETTER_RUN.sub(convert, text)


def syllables_with_tones(word: str) -> list[tuple[str, int]] | None:
    """Split one spaceless word with marks into (toneless syllable, tone); None if not pinyin.

    ``"chángchéng"`` -> ``[("chang", 2), ("cheng", 2)]``; an unmarked syllable is
    neutral (5); ü may be ``ü``, ``v`` or ``u:`` and comes back as ``ü``; ê keeps
    its circumflex (``"ế"`` -> ``[("ê", 2)]``).  Case is kept.
    """
    letters: list[str] = []
    tone_at: dict[int, int] = {}
    for char in unicodedata.normalize("NFD", _umlaut(word)):
        if char in _COMBINING_TO_TONE:
            tone_at[len(unicodedata.normalize("NFC", "".join(letters))) - 1] = _COMBINING_TO_TONE[
                char
            ]
        else:
            letters.append(char)
    base = unicodedata.normalize("NFC", "".join(letters))
    spans = _split_spans(base.lower()) if base else ()
    if not spans:
        return None
    result = []
    for start, end in spans:
        tones = [tone for position, tone in tone_at.items() if start <= position < end]
        result.append((base[start:end], tones[0] if tones else 5))
    return result


def normalize_pinyin_query(query: str) -> tuple[str, tuple[int, ...] | None]:
    """A pinyin search query as (toneless key, tones per syllable or None).

    All notations give the same key: ``"he2 zhang3 zhi4"``, ``"hé zhǎng zhì"``,
    ``"hezhangzhi"``, ``"he zhang zhi"`` -> ``"hezhangzhi"``; ü may be ``ü``, ``v`` or
    ``u:``; ``lue``/``nue`` are read as lüe/nüe.  The tones are None when the query
    gives no tone at all; otherwise one number per syllable, 0 where that syllable's
    tone was left open: ``"he zhang3 zhi"`` -> ``("hezhangzhi", (0, 3, 0))``.  A part
    that cannot be split into syllables counts as one syllable.
    """
    keys: list[str] = []
    tones: list[int] = []
    for chunk in _QUERY_SEPARATORS.split(query.strip()):
        for piece, digit in re.findall(r"([^1-5]+)([1-5]?)", chunk):
            syllables = syllables_with_tones(piece)
            if syllables is None:
                keys.append(toneless_key(piece))
                tones.append(int(digit) if digit else 0)
                continue
            keys.extend(
                _KEYBOARD_UMLAUT.get(toneless_key(base), toneless_key(base))
                for base, _ in syllables
            )
            piece_tones = [0 if tone == 5 else tone for _, tone in syllables]
            if digit:
                piece_tones[-1] = int(digit)
            tones.extend(piece_tones)
    return "".join(keys), (tuple(tones) if any(tones) else None)
