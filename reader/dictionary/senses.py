"""The one-line meaning a learner is shown for a token: the hover line, the JSON ``gloss``.

CC-CEDICT lists a headword's entries in no particular order, and many
characters have a surname, place, brand or "variant of" entry first
(现代 "Hyundai", 年 "surname Nian", 从 "variant of 從").  ``ordered_entries``
puts first the entry a reader means: the one whose reading is the reading
chosen in context, then entries that say something before entries that only
point elsewhere, then ordinary words before proper nouns (unless the token is
tagged as a name).  A character that stands for several traditional ones (后
for 后 and 後, 当 for 噹 and 當) has an entry of the same reading for each: the
one of the kind of word jieba tags the token as (a verb's "to ..." sense for
a verb), then the one that says more, comes first (後 "back; behind" before
后 "empress").  ``meaning`` turns that into one line and, for a token
no dictionary has, composes one from its parts, labels a name, or describes a
number with its measure word, so no Han token is left without a meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from reader.dictionary.entry import Entry
from reader.language.word_parts import word_parts

Lookup = Callable[[str], tuple[Entry, ...]]

SENSES_SHOWN = 3
COMPOSED_MARK = " (from its parts)"

# Where CC-CEDICT's own first senses mislead in ordinary modern text, the line to
# lead with.  Kept small: each row is a common word whose first listed senses are
# literary, dated or slang, and each leading sense restates one the entry itself
# gives further down (a test checks that the word is in CC-CEDICT).
LEADING_SENSES: dict[str, tuple[str, ...]] = {
    "作为": ("as (in the capacity of)", "to act as", "to view as"),  # not "one's conduct"
    "被": ("by (marks the passive voice)", "quilt"),  # not "quilt" first
    "引领": ("to lead", "to show the way"),  # not "to crane one's neck"
    "绿化": ("to make green with plants", "to reforest"),  # not "(Internet slang) Islamization"
}

_REFERENCE = re.compile(r"^(?:[A-Za-z]+ )?(?:variant of|see|see also|same as) ")
_SURNAME = re.compile(r"^surname \w+$")
_NOT_EVERYDAY = re.compile(r"^(?:\((?:classical|literary|archaic|old|onom\.)\)|used in )")
_NAME_TAGS = ("nr", "ns", "nt")
_NAME_LABELS = {"nr": "personal name", "ns": "place name", "nt": "organisation name"}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_QUANTIFIERS = {"多": "several", "几": "a few", "半": "half", "每": "every", "各": "each"}
_QUANTIFIERS.update({"首": "first", "这": "this", "那": "that", "某": "a certain", "数": "several"})


def _is_proper(entry: Entry) -> bool:
    return entry.pinyin[:1] != entry.pinyin[:1].lower()


def _only_points_elsewhere(entry: Entry) -> bool:
    return all(_REFERENCE.match(sense) for sense in entry.senses)


def _plain_weight(entry: Entry) -> int:
    """How much an entry says of its own: its senses and sub-senses, without the ones
    that point to another word, and a classifier as one more."""
    plain = (sense for sense in entry.senses if not _REFERENCE.match(sense))
    return sum(sense.count(";") + 1 for sense in plain) + bool(entry.classifiers)


def ordered_entries(entries: Sequence[Entry], reading: str, pos: str = "") -> list[Entry]:
    """``entries`` in the order a reader should see them (see the module docstring).

    ``reading``: the syllables chosen in context, space separated, lowercase.
    ``pos``: jieba's tag; a name tag (nr, ns, nt) puts proper-noun entries first.
    """
    wants_name = pos.startswith(_NAME_TAGS)

    def rank(entry: Entry) -> tuple[bool, bool, bool, bool, int, bool]:
        # a bare surname entry is never what a token means when another entry exists
        # (伍 "five" in a heading, though jieba tags 伍 as a name)
        says_little = _only_points_elsewhere(entry) or all(map(_SURNAME.match, entry.senses))
        other_reading = entry.pinyin.lower() != reading
        # one simplified character stands for several traditional ones, each its own
        # entry of the same reading (后: 后 "empress", 後 "back; behind"; 当: 噹 "dong",
        # 當 "to be"): the everyday word says more, and on a tie a classical, literary
        # or onomatopoeic one gives way (云: 雲 "cloud" before "(classical) to say")
        merged = len(entry.simplified) == 1 and not other_reading
        # jieba's tag says whether the token is a verb or a noun here (签 "to sign", not
        # 籤 "bamboo slip", in 签了字; 布 "cloth", not 佈 "to announce", in 一块布)
        first = entry.senses[0] if entry.senses else ""
        wrong_kind = merged and (
            (pos.startswith("v") and not first.startswith("to "))
            or (pos.startswith("n") and first.startswith("to "))
        )
        weight = -_plain_weight(entry) if merged else 0
        marked = merged and bool(_NOT_EVERYDAY.match(first))
        return (
            other_reading,
            says_little,
            _is_proper(entry) != wants_name,
            wrong_kind,
            weight,
            marked,
        )

    return sorted(entries, key=rank)  # sorted() is stable: CC-CEDICT's order breaks ties


def _senses_line(entry: Entry, word: str) -> str:
    leading = LEADING_SENSES.get(word)
    if leading:
        return "; ".join(leading)
    senses = entry.senses
    plain = [s for s in senses if not _REFERENCE.match(s) and not _SURNAME.match(s)]
    return "; ".join((plain or senses)[:SENSES_SHOWN])


def entry_gloss(
    entries: Sequence[Entry], reading: str, word: str, lookup: Lookup, pos: str = ""
) -> str:
    """The senses line of the best entry; a variant shows the senses of the word it varies."""
    for entry in ordered_entries(entries, reading, pos):
        if not entry.senses:
            continue
        if _only_points_elsewhere(entry) and entry.references:
            target = entry.references[0]
            if target.simplified != word and target.traditional != word:
                found = lookup(target.simplified)
                if found:
                    resolved = entry_gloss(found, target.pinyin.lower(), target.simplified, lookup)
                    if resolved:
                        return f"{resolved} (variant of {target.simplified})"
            continue
        return _senses_line(entry, word)
    return ""


def _short_sense(word: str, lookup: Lookup, reading: str = "") -> str:
    """The first plain sense of ``word``'s best entry (read ``reading``), for a composed gloss."""
    line = entry_gloss(lookup(word), reading, word, lookup)
    return line.split("; ")[0] if line else ""


def _numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral (五, 十二, 两千, 76万 is not one); None if it is not one."""
    if not text or any(char not in _DIGITS and char not in _UNITS for char in text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
            continue
        unit = _UNITS[char]
        if unit >= 10_000:
            if digit is None and not section and not total:
                digit = 1  # 万 alone is ten thousand
            total = (total + section + (digit or 0)) * unit
            section = 0
        else:
            section += (1 if digit is None else digit) * unit
        digit = None
    return total + section + (digit or 0)


def numeral_and_measure(word: str, lookup: Lookup, reading: str = "") -> str:
    """'number + measure word' for 五年, 一个, 第十二, 万名, 多项; "" when ``word`` is not one."""
    prefix = ""
    rest = word
    if rest.startswith("第"):
        prefix, rest = "ordinal ", rest[1:]
    split = len(rest)
    while split > 0 and _numeral_value(rest[:split]) is None and rest[:split] not in _QUANTIFIERS:
        split -= 1
    if split == 0:
        return ""
    number, measure = rest[:split], rest[split:]
    value = _numeral_value(number)
    amount = f"{prefix}{value:,}" if value is not None else _QUANTIFIERS[number]
    if not measure:
        return f"{amount} (number)" if value is not None else ""
    syllables = reading.split()
    measure_reading = " ".join(syllables[len(word) - len(measure) :]) if syllables else ""
    measure_sense = _short_sense(measure, lookup, measure_reading)
    if not measure_sense and not re.fullmatch(r"(\w)\1*", measure):
        return ""
    return f"{amount} + {measure} {measure_sense or ''}".rstrip() + " (number + measure word)"


def composed(word: str, lookup: Lookup, reading: str = "", *, needs_word: bool = False) -> str:
    """'new + century' for 新世纪: the dictionary words it is made of, cut as
    ``reader.language.word_parts`` says (做 + 作业, not 做作 + 业); "" if a part has no sense.

    ``needs_word``: "" unless some part is a word of two or more characters
    (幸福 + 感), so a name is not glossed character by character (李 + 煊 + 坤).
    """
    syllables = reading.split()
    senses: dict[tuple[int, int], str] = {}

    def sense(start: int, end: int) -> str:
        if (start, end) not in senses:
            piece_reading = " ".join(syllables[start:end]) if len(syllables) == len(word) else ""
            senses[start, end] = _short_sense(word[start:end], lookup, piece_reading)
        return senses[start, end]

    def simplified(piece: str) -> str:
        found = lookup(piece)
        return found[0].simplified if found else piece

    spans = word_parts(
        word, lambda start, end: end - start < len(word) and bool(sense(start, end)), simplified
    )
    parts = [sense(start, end) for start, end in spans]
    if len(parts) < 2 or not all(parts):
        return ""
    if needs_word and all(end - start == 1 for start, end in spans):
        return ""
    return " + ".join(parts) + COMPOSED_MARK


@lru_cache(maxsize=65536)
def meaning(
    word: str,
    reading: str,
    entries: Sequence[Entry],
    lookup: Lookup,
    pos: str = "",
    glossary_english: str | None = None,
) -> str:
    """The one line shown for a token: glossary, dictionary, number, composed, or name label.

    Remembered: a word recurs, and composing one takes several look-ups (hover, paint).
    ``entries`` must be hashable (a tuple).
    """
    if glossary_english:
        return glossary_english
    from_dictionary = entry_gloss(entries, reading, word, lookup, pos)
    if from_dictionary:
        if len(word) > 1 and not any(map(_is_proper, entries)):
            # 万名 "all names" in 76万名: a numeral and a measure word read better as such
            counted = numeral_and_measure(word, lookup, reading)
            if counted and word[0] in _UNITS:
                return counted
        return from_dictionary
    counted = numeral_and_measure(word, lookup, reading)
    if counted:
        return counted
    label = _NAME_LABELS.get(pos[:2])
    if label == "personal name":
        # jieba's dictionary tags some words as names (幸福感): parts that are words win
        return composed(word, lookup, reading, needs_word=True) or label
    if label:
        parts = composed(word, lookup, reading).removesuffix(COMPOSED_MARK)
        return f"{label}: {parts}" if parts else label
    return composed(word, lookup, reading) or _characters(word, lookup)


def _characters(word: str, lookup: Lookup) -> str:
    """Last resort: each character's first sense, "?" for one no dictionary has."""
    return " + ".join(_short_sense(char, lookup) or "?" for char in word) + COMPOSED_MARK
