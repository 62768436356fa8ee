"""Checking glossary terms before they are saved.

A term is written in simplified characters without punctuation (三旧改造, not
“三旧”改造: matching finds the quoted form in texts).  Digits and Latin letters
may appear in a term (12345热线, 4A景区) but carry no pinyin: the pinyin has
exactly one tone-marked syllable per Han character, separated by single spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.errors import GlossaryError
from reader.glossary.term import GlossaryTerm
from reader.language.han import HAN_RANGES, han_characters
from reader.language.notation import is_valid_syllable, numbered_to_marks

CATEGORIES: tuple[str, ...] = (
    "governance and Party building",
    "digital government",
    "environment",
    "urban renewal and heritage",
    "public safety",
    "epidemic response",
    "development strategy",
    "places and institutions",
    "slogans and idioms",
)
"""The categories of the bundled glossary; users' glossaries may use others."""

RELATED_SEPARATOR = "|"

# Tone numbers (he2) and the typing stand-ins for ü (lv, lu:) are accepted by
# the notation module but are not the tone-marked form a glossary stores.
_NOT_TONE_MARKS = re.compile(r"[0-9:vV]")
_SYLLABLE_END = re.compile(r"(?<=[1-5])(?=[A-Za-zü])")


def stored_pinyin(text: str) -> str:
    """``text`` as a glossary stores pinyin: tone marks, one space between syllables.

    Teachers type tone numbers as often as marks, so numbered pinyin is turned
    into marks: ``lao2`` -> ``láo``, ``lao2shi1`` -> ``láo shī``, ``lv4`` and
    ``lu:4`` -> ``lǜ``.  Tone-marked pinyin only has its spacing tidied.
    """
    if _NOT_TONE_MARKS.search(text):
        marked = numbered_to_marks(_SYLLABLE_END.sub(" ", text))
        # Anything not pinyin is left as typed, so the problem names what the user wrote.
        if all(is_tone_marked_syllable(syllable) for syllable in marked.split()):
            text = marked
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def is_tone_marked_syllable(syllable: str) -> bool:
    """One valid pinyin syllable written with a tone mark (or none, for the neutral tone).

    Cached: a glossary of thousands of terms uses a few hundred distinct syllables.
    """
    if not syllable or _NOT_TONE_MARKS.search(syllable):
        return False
    if syllable != syllable.lower() and syllable != syllable.capitalize():
        return False
    return is_valid_syllable(syllable)


_NOT_TERM_CHARACTER = re.compile(f"[^0-9A-Za-z{HAN_RANGES}]")


def term_problems(term: GlossaryTerm) -> list[str]:
    """Every reason ``term`` cannot be saved, as user-readable sentences; empty when it is fine."""
    text = term.term
    if not text.strip():
        return ["the term is empty"]
    problems = _spelling_problems(text, "the term")
    han = han_characters(text)
    problems.extend(_pinyin_problems(text, han, term.pinyin))
    if not term.english.strip():
        problems.append(f"the English for “{text}” is empty")
    for variant in term.variants:
        problems.extend(_spelling_problems(variant, f"the variant of “{text}”"))
        if variant == text or term.variants.count(variant) > 1:
            problems.append(f"the variant “{variant}” of “{text}” is given twice")
            break
    for related in term.related:
        if not related.strip() or RELATED_SEPARATOR in related:
            problems.append(
                f"a related term of “{text}” is empty or contains “{RELATED_SEPARATOR}”"
            )
            break
    return problems


def _spelling_problems(text: str, what: str) -> list[str]:
    """Why ``text`` cannot be a term or a variant spelling of one."""
    if not text.strip():
        return [f"{what} is empty"]
    problems = []
    stray = _NOT_TERM_CHARACTER.search(text)
    if stray:
        problems.append(
            f"{what} “{text}” contains “{stray.group()}”: write it without spaces, punctuation "
            "or quote marks (三旧改造, not “三旧”改造)"
        )
    if not han_characters(text):
        problems.append(f"{what} “{text}” has no Chinese characters")
    return problems


def _pinyin_problems(text: str, han: str, pinyin: str) -> list[str]:
    if not pinyin.strip():
        return [f"the pinyin for “{text}” is missing"]
    syllables = pinyin.split(" ")
    if "" in syllables or pinyin != pinyin.strip() or any(c in pinyin for c in "\t\r\n"):
        return [f"the pinyin for “{text}” must be syllables separated by single spaces"]
    problems = []
    if han and len(syllables) != len(han):
        problems.append(
            f"“{text}” has {len(han)} Chinese characters but {len(syllables)} pinyin "
            f"syllables (one syllable per character: “{pinyin}”)"
        )
    for syllable in syllables:
        if not is_tone_marked_syllable(syllable):
            hint = " (write tone marks: hé, not he2)" if _NOT_TONE_MARKS.search(syllable) else ""
            problems.append(
                f"“{syllable}” in the pinyin for “{text}” is not a pinyin syllable{hint}"
            )
            break
    return problems


def check_term(term: GlossaryTerm) -> None:
    """Raise GlossaryError with the first problem of ``term``, if it has any."""
    problems = term_problems(term)
    if problems:
        raise GlossaryError(problems[0])
