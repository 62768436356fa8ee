"""The learner's own readings of words: "This is read …", and it stays read so.

A learner or teacher who finds a word read wrongly corrects it once (the
window's right-click menu, or ``reader readings set``); from then on the
correction is the first source of that word's reading, before the glossary,
the dictionary and the polyphone model, everywhere the reader states one.

A correction belongs to a word, not to one place in one text: every token
that is the word reads so.  It is kept under the word as written, and holds
in the other script by OpenCC's conversion (長城 <-> 长城), so that a
correction made in a traditional text holds in a simplified one and the other
way round; but a traditional character that shares its simplified form with
others is not corrected for them (a correction of 乾 qián is not one of 干
gàn, whose traditional form is 幹).

The annotators apply corrections as a layer over their own reading
(``ReadingCorrections.corrected``); the saved annotations in the cache keep
the reader's own reading.  So a correction changes what is on screen at once,
whichever annotator answers, costs no saved annotation, and removing it gives
back exactly the reading the reader had.

Kept as one small JSON file in the data folder, written atomically and
re-read before each change (the command line and the window may both change
it): a change reads the file once, checks its corrections only if it is not
what this store last read or wrote, and writes it once.  A file that cannot
be read as one is moved to the ``damaged`` folder, never deleted or written
over; the corrections that could still be read are kept, and ``problem``
says what happened so the caller can tell the learner.
"""

from __future__ import annotations

import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring
from pathlib import Path

from reader import paths
from reader.atomic_files import write_bytes_atomically
from reader.dictionary.senses import Lookup, entry_gloss
from reader.errors import ReaderError
from reader.input_files import MEGABYTE, read_regular_file
from reader.language.han import han_characters, has_han
from reader.language.notation import (
    VALID_SYLLABLES,
    from_fullwidth,
    numbered_to_marks,
    syllables_with_tones,
)
from reader.language.script import to_traditional, word_to_simplified
from reader.language.tokens import SegmentedText

Readings = tuple[str, ...]

FORMAT_VERSION = 1
MAX_FILE_BYTES = 8 * MEGABYTE
"""Far above any learner's corrections (about 60 bytes each); a larger file is not ours."""
MAX_WORD_LENGTH = 32
"""Longer than any word or glossary term; a longer "word" is a pasted sentence."""

_SEPARATORS = re.compile(r"[\s'’\-·]+")
_PIECE = re.compile(r"([^\d]+)(\d?)")


class ReadingCorrectionError(ReaderError):
    """A correction cannot be made as asked, or the corrections cannot be saved."""


@dataclass(frozen=True, slots=True)
class ReadingCorrection:
    """One word and the reading the learner chose for it."""

    word: str
    """The word as it was corrected (traditional if it was written so)."""
    pinyin: Readings
    """One lowercase tone-marked syllable per Han character: ("cháng", "chéng")."""

    @property
    def simplified(self) -> str:
        """The word in simplified characters (長城 -> 长城)."""
        return word_to_simplified(self.word)


def _matching_word(table: dict[str, ReadingCorrection], word: str) -> str | None:
    """The corrected word in ``table`` that the token ``word`` is, in either script, or None.

    A correction made in simplified characters holds for the traditional words
    that simplify to it; one made in traditional characters holds for a
    simplified word only where that word's traditional form is it: a
    correction of 乾 qián is not one of 干 gàn (traditional 幹)."""
    word = word.strip()
    if word in table:
        return word
    simplified = word_to_simplified(word)
    if simplified != word and simplified in table:
        return simplified
    traditional = to_traditional(word)
    if traditional != word and traditional in table and word_to_simplified(traditional) == word:
        return traditional
    return None


def check_word(word: str) -> str:
    """``word`` stripped, or a ``ReadingCorrectionError`` saying why it cannot be corrected."""
    stripped = word.strip()
    if 0 < len(stripped) <= MAX_WORD_LENGTH and len(han_characters(stripped)) == len(stripped):
        return stripped  # Han characters only: the usual word, which passes every check below
    if not has_han(stripped):
        raise ReadingCorrectionError(
            f"“{_shown(stripped[:40])}” has no Chinese characters, so it has no reading to correct"
        )
    if len(stripped) > MAX_WORD_LENGTH or any(char.isspace() for char in stripped):
        raise ReadingCorrectionError(
            f"“{_shown(stripped[:40])}” is not one word; correct the reading of one word at a time"
        )
    odd = next((char for char in stripped if not _word_character(char)), None)
    if odd is not None:
        raise ReadingCorrectionError(
            f"“{_shown(stripped[:40])}” holds “{_shown(odd)}”, which no word is written with"
        )
    return stripped


def _shown(text: str) -> str:
    """``text`` safe for a one-line message: what cannot be printed as its code (\\u200b)."""
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def _word_character(char: str) -> bool:
    """A letter, a number, a combining mark or a name's middle dot (马丁·路德): not a
    control, format or private character, a lone surrogate, markup or a symbol."""
    return unicodedata.category(char)[0] in "LMN" or char in "·・‧-"


def parse_reading(word: str, pinyin: str) -> Readings:
    """The syllables of ``pinyin`` as a reading of ``word``, tone-marked and lowercase.

    Numbered (``lao3 shi1``, ``lv4``, ``nu:3``, ``ê4``) and tone-marked
    (``lǎo shī``, ``lǎoshī``, ``ề``) pinyin are both accepted, and so are the
    fullwidth letters, digits and spaces an IME types (``ｓｈｕｉ３``); a
    syllable without a tone is neutral (``dōng xi``, ``dong1 xi5``).  One
    syllable is needed per Han character of ``word``.  Anything else raises
    ``ReadingCorrectionError`` with a message that says what to write.
    """
    characters = han_characters(check_word(word))
    example = "e.g. “chang2 cheng2” or “cháng chéng”"
    text = from_fullwidth(pinyin).strip()
    if not text:
        raise ReadingCorrectionError(f"give the pinyin of {word.strip()}, {example}")
    whole = _shown(" ".join(text.split())[:60])  # as quoted in a one-line message
    syllables: list[str] = []
    for chunk in _SEPARATORS.split(text.lower()):
        pieces = _PIECE.findall(chunk)
        if "".join(letters + digit for letters, digit in pieces) != chunk:
            raise ReadingCorrectionError(f"“{_shown(chunk[:40])}” in “{whole}” is not pinyin")
        for letters, digit in pieces:
            syllables.extend(_syllables(letters, digit, whole))
    if len(syllables) != len(characters):
        raise ReadingCorrectionError(
            f"{word.strip()} has {_count(len(characters), 'character')} but "
            f"“{whole}” is {_count(len(syllables), 'syllable')}; "
            f"give one syllable per character, {example}"
        )
    return tuple(syllables)


def _syllables(letters: str, digit: str, whole: str) -> list[str]:
    """The tone-marked syllables of one run of letters and the tone number after it, if any."""
    found = syllables_with_tones(letters)  # Mandarin syllables only; unmarked ones are tone 5
    if not found:
        raise ReadingCorrectionError(f"“{_shown(letters[:40])}” in “{whole}” is not pinyin")
    if digit:
        base, tone = found[-1]
        if digit not in "012345":
            raise ReadingCorrectionError(
                f"tone numbers are 1 to 5 (5 for the neutral tone): {whole}"
            )
        if tone != 5:
            raise ReadingCorrectionError(
                f"“{_shown(letters[:40])}{digit}” has both a tone mark and a tone number; give one"
            )
        found[-1] = (base, int(digit) or 5)  # 0 is sometimes written for the neutral tone
    return [numbered_to_marks(f"{base}{tone}") for base, tone in found]


def _count(number: int, noun: str, plural: str = "") -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


@dataclass(frozen=True, slots=True)
class ReadingChoice:
    """A reading a word can have, offered in the window's "This is read …" menu."""

    pinyin: Readings
    sense: str
    """What the word means read so (CC-CEDICT's first sense); "" when no entry says."""


MAX_CHOICES = 12


def reading_choices(word: str, shown: Readings, lookup: Lookup) -> list[ReadingChoice]:
    """The readings to offer for the token ``word``, now read ``shown``, ``shown`` first.

    CC-CEDICT's readings of the word (of a one-character word, the
    character's readings), each with the sense of its entry.  A word CC-CEDICT
    lacks (a name, a new term) gets ``shown`` with one character read
    another of its ways at a time: 林长制 lín cháng zhì for lín zhǎng zhì.
    """
    simplified = word_to_simplified(word)
    characters = han_characters(simplified)
    choices: dict[Readings, str] = {}
    if shown:
        choices[shown] = ""
    entries = lookup(simplified)
    for entry in entries:
        reading = tuple(entry.pinyin.lower().split())
        if len(reading) == len(characters) and not choices.get(reading):
            line = entry_gloss(entries, " ".join(reading), simplified, lookup)
            choices[reading] = line.split("; ")[0]
    if not entries and len(shown) == len(characters) > 1:
        for position, character in enumerate(characters):
            for entry in lookup(character):
                syllable = entry.pinyin.lower()
                if " " not in syllable:
                    choices.setdefault((*shown[:position], syllable, *shown[position + 1 :]), "")
    return [ReadingChoice(pinyin, sense) for pinyin, sense in choices.items()][:MAX_CHOICES]


_UNKNOWN: Readings = ("?",)
_TOKENS_KEPT = 200_000


_NOT_READ = object()


class ReadingCorrections:
    """The learner's corrections, kept in ``file`` (None: in memory only, for tests and tools).

    ``load`` reads the file at once; ``to_change`` reads it at its first change.

    Safe to read from the worker thread while the window changes it: each
    change replaces the whole table, with the answers remembered from it, in
    one assignment.
    """

    def __init__(self, file: Path | None = None) -> None:
        self._file = file
        # the corrections by simplified word, and what tokens as written were found to be
        self._state: tuple[dict[str, ReadingCorrection], dict[str, Readings | None]] = ({}, {})
        # the file's bytes the table was read from or written as (None: there was no file)
        self._source: bytes | None | object = _NOT_READ
        self._lock = threading.Lock()
        self.problem = ""
        """What went wrong reading the file (moved aside, what was kept); "" when nothing."""

    @classmethod
    def load(cls, file: Path | None = None) -> ReadingCorrections:
        """The corrections saved in ``file`` (by default the data folder's).

        Never raises: the reader reads on without corrections rather than not
        at all.  A damaged file is moved aside; a file that cannot be read (or
        moved) is left as it is, and a change then fails with the reason
        rather than write over it.  ``problem`` says which.
        """
        corrections = cls.to_change(file)
        with corrections._lock:
            try:
                table, source, set_aside = corrections._read()
                if set_aside and table:
                    source = corrections._write(table)
            except ReadingCorrectionError as error:
                corrections.problem = f"Reading corrections not used: {error}"
            else:
                corrections._state, corrections._source = (table, {}), source
        return corrections

    @classmethod
    def to_change(cls, file: Path | None = None) -> ReadingCorrections:
        """The corrections in ``file`` (by default the data folder's), not read yet.

        For one change (the command line's ``set`` and ``remove``), which then
        reads the file once.  A file that cannot be read, or that a newer version
        saved, makes the change raise; a damaged one is moved aside and
        ``problem`` says so, as ``load`` does.
        """
        return cls(file if file is not None else paths.reading_corrections_file())

    @property
    def file(self) -> Path | None:
        return self._file

    def __len__(self) -> int:
        return len(self._state[0])

    def __bool__(self) -> bool:
        return bool(self._state[0])

    def all(self) -> list[ReadingCorrection]:
        """Every correction, by simplified word."""
        table = self._state[0]
        return [table[key] for key in sorted(table)]

    def correction_for(self, word: str) -> ReadingCorrection | None:
        """The learner's correction of ``word`` (either script), or None."""
        table = self._state[0]
        if not table:
            return None
        found = _matching_word(table, word)
        return table[found] if found is not None else None

    def reading_for(self, word: str) -> Readings | None:
        """The learner's reading of ``word`` (either script), or None."""
        found = self.correction_for(word)
        return found.pinyin if found is not None else None

    def corrected(self, word: str, reading: Readings) -> Readings:
        """``reading`` of the token ``word``, or the learner's reading of it where there is one.

        The one place a correction wins: both annotators answer through it.
        """
        table, known = self._state
        if not table or not reading:  # nearly always: one test, no look-up
            return reading
        found = known.get(word, _UNKNOWN)
        if found is _UNKNOWN:
            # tokens recur: the script conversion once per distinct token
            match = _matching_word(table, word)
            found = table[match].pinyin if match is not None else None
            if len(known) > _TOKENS_KEPT:
                known.clear()
            known[word] = found
        return found if found is not None and len(found) == len(reading) else reading

    def corrected_token(self, segmented: SegmentedText, index: int, reading: Readings) -> Readings:
        """``corrected`` for token ``index`` of ``segmented`` (its word sliced only when
        a correction exists: this is on the hover and paint path)."""
        if not self._state[0]:
            return reading
        start, end = segmented.starts[index], segmented.ends[index]
        return self.corrected(segmented.text[start:end], reading)

    def set(self, word: str, pinyin: str | Iterable[str]) -> ReadingCorrection:
        """Read ``word`` as ``pinyin`` from now on (checked as ``parse_reading`` says) and save.

        ``pinyin`` is text in any notation, or syllables already chosen (a menu's).
        """
        text = pinyin if isinstance(pinyin, str) else " ".join(pinyin)
        correction = ReadingCorrection(check_word(word), parse_reading(word, text))
        self._change(correction.word, correction)
        return correction

    def remove(self, word: str) -> ReadingCorrection | None:
        """Forget the correction of ``word`` (either script); the one removed, or None."""
        return self._change(word, None)

    def restore(self, correction: ReadingCorrection | None, word: str) -> None:
        """Put back ``correction`` for ``word`` as it was (None: no correction), for undo."""
        self._change(word, correction)

    def _change(self, word: str, correction: ReadingCorrection | None) -> ReadingCorrection | None:
        """Replace the correction of ``word`` (in either script) by ``correction``."""
        with self._lock:
            # re-read: the command line may have changed the file since it was loaded
            table, source, set_aside = (
                self._read() if self._file is not None else (self._state[0], None, False)
            )
            table = dict(table)
            match = _matching_word(table, word)
            old = table.pop(match) if match is not None else None
            if correction is not None:
                table[correction.word] = correction
            if self._file is not None and (old != correction or (set_aside and table)):
                source = self._write(table)  # one write: what was kept of a damaged file too
            self._state, self._source = (table, {}), source
        return old

    # -- the file --------------------------------------------------------------------------

    def _read(self) -> tuple[dict[str, ReadingCorrection], bytes | None, bool]:
        """The corrections in the file, its bytes (None: no file), and whether it was damaged
        and moved aside (what could be read of it is then not saved yet).

        The file is read once; its corrections are checked only when it is not what
        this store last read or wrote (the table in hand is then the file's)."""
        assert self._file is not None
        raw: bytes | None
        try:
            raw = read_regular_file(self._file, MAX_FILE_BYTES, ReadingCorrectionError)
        except ReadingCorrectionError:
            if self._file.exists():
                raise
            raw = None
        if raw == self._source:
            return self._state[0], raw, False
        if raw is None:
            return {}, None, False
        try:
            kept, reason = _parse_file(raw)
        except ReadingCorrectionError as error:
            raise ReadingCorrectionError(f"{self._file}: {error}") from None
        if reason:
            self._set_aside(reason, kept)
            return kept, None, True
        return kept, raw, False

    def _set_aside(self, reason: str, kept: dict[str, ReadingCorrection]) -> None:
        """Move the damaged file to the damaged folder (the caller saves what was kept)."""
        from datetime import UTC, datetime  # only here: the start-up path loads this module

        assert self._file is not None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = paths.damaged_dir() / f"{self._file.stem}-damaged-{stamp}{self._file.suffix}"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self._file, target)
        except OSError as error:
            raise ReadingCorrectionError(
                f"{self._file} is damaged ({reason}) and cannot be moved aside: "
                f"{error.strerror or error}"
            ) from None
        outcome = (
            f"{_count(len(kept), 'correction')} that could be read "
            f"{'is' if len(kept) == 1 else 'are'} kept"
            if kept
            else "no correction could be read from it"
        )
        self.problem = (
            f"The file of reading corrections was damaged ({reason}); "
            f"it was moved to {target} and {outcome}"
        )

    def _write(self, table: dict[str, ReadingCorrection]) -> bytes:
        """Save ``table`` atomically; the bytes written."""
        assert self._file is not None
        data = _file_content(table)
        try:
            write_bytes_atomically(self._file, data)
        except OSError as error:
            raise ReadingCorrectionError(
                f"cannot save the reading corrections in {self._file}: {error.strerror or error}"
            ) from None
        return data


def _file_content(table: dict[str, ReadingCorrection]) -> bytes:
    """``table`` as the file holds it: JSON, one correction a line, so that a person can
    read it; written out here because ``json.dumps`` with an indent is several times slower."""
    text = encode_basestring  # json.dumps of one string, with ensure_ascii=False
    rows = ",\n".join(
        f'  {{"word": {text(table[key].word)}, "pinyin": {text(" ".join(table[key].pinyin))}}}'
        for key in sorted(table)
    )
    corrections = f"[\n{rows}\n ]" if rows else "[]"
    return f'{{\n "version": {FORMAT_VERSION},\n "corrections": {corrections}\n}}\n'.encode()


def _parse_file(raw: bytes) -> tuple[dict[str, ReadingCorrection], str]:
    """The corrections in ``raw`` and, if some or all could not be read, why ("" if none)."""
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # nested past Python's limit
        return {}, "it is not JSON"
    if not isinstance(document, dict) or not isinstance(document.get("corrections"), list):
        return {}, "it holds no list of corrections"
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        # a newer reader's file: neither moved aside nor written over by this one
        raise ReadingCorrectionError(
            "they were saved by a newer version of the reader; update it to use or change them"
        )
    if version != FORMAT_VERSION:
        return {}, f"it is of another version ({str(version)[:20]})"
    kept: dict[str, ReadingCorrection] = {}
    bad = 0
    for item in document["corrections"]:
        try:
            word, pinyin = item["word"], item["pinyin"]
            if not isinstance(word, str) or not isinstance(pinyin, str):
                raise TypeError("a word and its pinyin are text")
            correction = _saved_correction(word, pinyin)
        except (ReadingCorrectionError, KeyError, TypeError):
            bad += 1
            continue
        kept[correction.word] = correction
    return kept, (f"{_count(bad, 'entry', 'entries')} could not be read" if bad else "")


def _saved_correction(word: str, pinyin: str) -> ReadingCorrection:
    """``word`` read ``pinyin``, checked as ``parse_reading`` checks it.

    Pinyin as this reader writes it (one lowercase tone-marked syllable per Han
    character, one space between) is taken as it is: parsing each of a large
    file's syllables again is most of the time a change takes."""
    checked = check_word(word)
    syllables = pinyin.split(" ")
    if len(syllables) == len(han_characters(checked)) and _written_syllables().issuperset(
        syllables
    ):
        return ReadingCorrection(checked, tuple(syllables))
    return ReadingCorrection(checked, parse_reading(checked, pinyin))


@cache
def _written_syllables() -> frozenset[str]:
    """Every syllable as ``parse_reading`` gives it back: each toneless syllable in each tone."""
    return frozenset(
        numbered_to_marks(f"{base}{tone}") for base in VALID_SYLLABLES for tone in range(1, 6)
    )
