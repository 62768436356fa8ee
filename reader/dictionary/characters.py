"""The characters of a word as read in it: 觉 in 觉得 is jué ("to feel"), not jiào ("a nap").

CC-CEDICT lists a character's readings in its own order, and some first entries
describe the character as a component ("Kangxi radical 53" for 广) rather than
as the word it is in running text.  A word's breakdown therefore puts first the
entry whose reading is the one heard in the word, and gives its everyday senses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reader.dictionary.entry import Entry
from reader.dictionary.index import CedictIndex
from reader.language.notation import toneless_key


@dataclass(frozen=True, slots=True)
class CharacterInWord:
    """One character of a word: its entries, the one read in the word first."""

    character: str
    entries: tuple[Entry, ...]  # the reading in context first; empty when not in CC-CEDICT
    read_here: bool  # whether the first entry's reading is the one heard in the word
    meaning: tuple[str, ...]  # up to two senses of the first entry that are not about its form


def is_component_sense(sense: str) -> bool:
    """Whether a sense describes the character as a radical or component, not a word."""
    lowered = sense.lower()
    return "radical" in lowered and ("kangxi" in lowered or "in chinese characters" in lowered)


def characters_in_word(
    dictionary: CedictIndex, word: str, syllables: Sequence[str]
) -> tuple[CharacterInWord, ...]:
    """Each character of ``word``, read with ``syllables`` (one per character, if known)."""
    in_context = len(syllables) == len(word)
    found = []
    for position, character in enumerate(word):
        entries = dictionary.lookup(character)
        heard = syllables[position] if in_context else ""
        ordered = sorted(entries, key=lambda entry: _rank(entry, heard))
        read_here = bool(ordered) and bool(heard) and _rank(ordered[0], heard)[0] < 2
        found.append(CharacterInWord(character, tuple(ordered), read_here, _meaning(ordered)))
    return tuple(found)


def _rank(entry: Entry, heard: str) -> tuple[int, int]:
    """Sort key: the exact reading, then the reading without tones, then the rest;
    lowercase (a common word) before capitalised (a name)."""
    reading = _normal(entry.pinyin)
    spoken = _normal(heard)
    if heard and reading.lower() == spoken.lower():
        match = 0
    elif heard and toneless_key(reading) == toneless_key(spoken):
        match = 1
    else:
        match = 2
    return match, int(entry.pinyin[:1].isupper())


def _normal(pinyin: str) -> str:
    return unicodedata.normalize("NFC", pinyin.strip())


def _meaning(entries: Sequence[Entry]) -> tuple[str, ...]:
    for entry in entries:
        senses = [sense for sense in entry.senses if not is_component_sense(sense)]
        if senses:
            return tuple(senses[:2])
    return tuple(entries[0].senses[:2]) if entries else ()
