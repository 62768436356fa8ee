"""The compiled CC-CEDICT index: built once, cached on disk, loaded in milliseconds.

Layout.  Loading must be far quicker than parsing 122k entries, so nothing is
unpickled and no per-entry object is made at load time.  The cache file holds:

* the data lines, UTF-8, as one blob plus an ``array('I')`` of line offsets;
  entry *i* is line *i* and is parsed only when looked up (``lru_cache``);
* every headword (simplified and traditional) once, sorted by code point, as
  one blob plus offsets, with a postings array of entry numbers per headword;
  lookups bisect over the offsets comparing UTF-8 bytes (byte order equals
  code-point order);
* every entry's toneless pinyin key (``hezhangzhi``), sorted, with entry numbers,
  for pinyin search.

The English word index is built in memory on the first English search.

Trust.  The cache file starts with a magic string, the cache format, the
parser version, the source file's size, mtime and SHA-256, and a CRC-32 of the
payload.  A cache whose magic, versions, length or CRC is wrong is rebuilt; so is
one whose source changed (size and mtime equal -> same file; otherwise the
source's SHA-256 decides).  The new cache is written to a temporary file and
moved into place; if the cache folder cannot be written the index still works,
uncached.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import re
import struct
import sys
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, chain
from pathlib import Path

from reader import paths
from reader.atomic_files import write_bytes_atomically
from reader.dictionary.cedict import (
    PARSER_VERSION,
    decode_source,
    parse_line,
    read_source_bytes,
    resolve_source,
    split_source,
)
from reader.dictionary.entry import Entry
from reader.errors import DictionaryError, InputFileError
from reader.input_files import MEGABYTE, read_regular_file
from reader.language.notation import normalize_pinyin_query, strip_tones, tone_of

_MAGIC = b"DZCEDIDX"
# The index of the real CC-CEDICT is a few tens of MB; a bigger file is not ours.
MAX_CACHE_BYTES = 512 * MEGABYTE
_CACHE_FORMAT = 1
# magic, cache format, parser version, source size, source mtime_ns, source sha256,
# payload length, payload crc32
_HEADER = struct.Struct("<8sIIQQ32sQI")
_SECTION_LENGTH = struct.Struct("<Q")
_SECTIONS = (
    "meta",
    "lines",
    "line_offsets",
    "keys",
    "key_offsets",
    "posting_starts",
    "postings",
    "pinyin_keys",
    "pinyin_key_offsets",
    "pinyin_entries",
    "commonness",
)
_OFFSETS = "I"  # 4-byte unsigned: every blob stays far below 4 GiB
_NUMBER_SECTIONS = tuple(name for name in _SECTIONS if name.endswith(("offsets", "starts")))
_NUMBER_SECTIONS += ("postings", "pinyin_entries", "commonness")

_ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NOT_KEY_LETTER = re.compile(r"[^a-z]+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_BRACKETED_PINYIN = re.compile(r"\[[^\]]*\]")
# Senses that only point elsewhere rank after senses that say something.
_REFERENCE_ONLY = re.compile(r"^(?:[A-Za-z]+ )?(?:variant of|see|see also|abbr\. for|same as) ")


class _SortedStrings:
    """Sorted UTF-8 strings kept as one blob plus offsets; no str objects until asked."""

    __slots__ = ("_blob", "_offsets", "_count")

    def __init__(self, blob: bytes, offsets: array) -> None:
        self._blob = blob
        self._offsets = offsets
        self._count = len(offsets) - 1

    def __len__(self) -> int:
        return self._count

    def at(self, index: int) -> bytes:
        return self._blob[self._offsets[index] : self._offsets[index + 1]]

    def first_at_or_after(self, key: bytes) -> int:
        return bisect.bisect_left(range(self._count), key, key=self.at)

    def first_after(self, key: bytes) -> int:
        return bisect.bisect_right(range(self._count), key, key=self.at)

    def find(self, key: bytes) -> int | None:
        index = self.first_at_or_after(key)
        return index if index < self._count and self.at(index) == key else None

    def prefix_range(self, prefix: bytes) -> range:
        """Indexes of the strings starting with ``prefix``."""
        start = self.first_at_or_after(prefix)
        # Every string with the prefix sorts below prefix + the highest UTF-8 byte.
        end = self.first_at_or_after(prefix + b"\xff")
        return range(start, end)

    def has_prefix(self, prefix: bytes) -> bool:
        index = self.first_at_or_after(prefix)
        return index < self._count and self.at(index).startswith(prefix)


def _pack_strings(strings: Iterable[str]) -> tuple[bytes, array]:
    encoded = [string.encode("utf-8") for string in strings]
    offsets = array(_OFFSETS, [0])
    offsets.extend(accumulate(map(len, encoded)))
    return b"".join(encoded), offsets


def _numbered_key(pinyin_numbered: str) -> str:
    """``toneless_key`` for CC-CEDICT's numbered pinyin, fast enough for 122k entries."""
    return _NOT_KEY_LETTER.sub("", pinyin_numbered.lower().replace("u:", "v"))


def _entry_syllables(pinyin_numbered: str) -> list[tuple[str, int]]:
    """(toneless key, tone) per pinyin piece that has letters; tone 0 where the source
    gives none (``C``)."""
    return [
        (_numbered_key(piece), int(piece[-1]) if piece[-1] in "12345" else 0)
        for piece in pinyin_numbered.split()
        if any(char.isalpha() for char in piece)
    ]


def _tones_match(key: str, tones: tuple[int, ...], pinyin_numbered: str, *, whole: bool) -> bool:
    """Whether an entry whose reading begins with ``key`` has the query's tones.

    A query with tones has complete syllables, so a longer reading must continue
    at a syllable boundary: ``ma3`` matches ``ma3 lu4`` but not ``mai3``.
    """
    syllables = _entry_syllables(pinyin_numbered)
    if len(syllables) < len(tones) or (whole and len(syllables) != len(tones)):
        return False
    if not whole and "".join(key for key, _ in syllables[: len(tones)]) != key:
        return False
    return all(
        asked in (0, given) or given == 0
        for asked, (_, given) in zip(tones, syllables, strict=False)
    )


def _plain_sense(sense: str) -> str:
    """A sense reduced for comparing with an English query: no brackets, no ``to``."""
    sense = _BRACKETED_PINYIN.sub("", _PARENTHESES.sub("", sense.lower())).strip()
    return sense.removeprefix("to ").strip()


class CedictIndex:
    """All CC-CEDICT entries with exact, prefix, pinyin and English lookups.

    Make one with ``CedictIndex.load()``.  Lookups return entries in the order of
    the source file.
    """

    def __init__(
        self,
        *,
        source_path: Path,
        metadata: dict[str, str],
        sections: dict[str, memoryview],
        max_headword_length: int,
    ) -> None:
        self._source_path = source_path
        self._metadata = metadata
        self._max_headword_length = max_headword_length
        self._lines = sections["lines"]
        self._line_offsets = _as_offsets(sections["line_offsets"])
        self._keys = _SortedStrings(bytes(sections["keys"]), _as_offsets(sections["key_offsets"]))
        self._posting_starts = _as_offsets(sections["posting_starts"])
        self._postings = _as_offsets(sections["postings"])
        self._pinyin_sections = (
            bytes(sections["pinyin_keys"]),
            sections["pinyin_key_offsets"],
            sections["pinyin_entries"],
        )
        self._commonness_by_entry = _as_offsets(sections["commonness"])
        self._pinyin_keys: _SortedStrings | None = None
        self._pinyin_entries: array | None = None
        self._english: dict[str, array] | None = None
        self._english_words: list[str] = []
        self.entry: Callable[[int], Entry] = lru_cache(maxsize=65536)(self._parse_entry)

    # ----------------------------------------------------------------- loading

    @classmethod
    def load(cls, source: Path | None = None, *, cache_dir: Path | None = None) -> CedictIndex:
        """The index of ``source`` (default: ``$READER_CEDICT``, else the bundled file).

        Uses the cache in ``cache_dir`` (default ``paths.cache_dir()``) when it is
        valid for this source and parser, and otherwise builds and caches it.
        Raises ``DictionaryError`` when the source is missing or not CC-CEDICT.
        """
        source_path = resolve_source(source)
        try:
            stat = source_path.stat()
        except FileNotFoundError:
            raise DictionaryError(f"CC-CEDICT file not found: {source_path}") from None
        except OSError as error:
            raise DictionaryError(
                f"Cannot read CC-CEDICT file {source_path}: {error.strerror}"
            ) from None
        cache_file = _cache_file(source_path, cache_dir or paths.cache_dir())
        cached = _read_cache(cache_file, source_path, stat.st_size, stat.st_mtime_ns)
        if cached is not None:
            return cls._from_payload(source_path, cached)
        raw = read_source_bytes(source_path)
        payload = _build_payload(source_path, raw)
        header_fields = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(raw).digest())
        _write_cache(cache_file, header_fields, payload)
        return cls._from_payload(source_path, _split_payload(memoryview(payload)))

    @classmethod
    def _from_payload(cls, source_path: Path, sections: dict[str, memoryview]) -> CedictIndex:
        meta = json.loads(bytes(sections["meta"]))
        return cls(
            source_path=source_path,
            metadata=meta["metadata"],
            sections=sections,
            max_headword_length=meta["max_headword_length"],
        )

    # ------------------------------------------------------------- properties

    @property
    def entry_count(self) -> int:
        return len(self._line_offsets) - 1

    @property
    def source_path(self) -> Path:
        return self._source_path

    @property
    def metadata(self) -> dict[str, str]:
        """The ``#!`` header fields of the source: ``entries``, ``date``, ``version`` ..."""
        return dict(self._metadata)

    def line(self, number: int) -> str:
        """Data line ``number`` (0-based, file order) exactly as in the source."""
        start, end = self._line_offsets[number], self._line_offsets[number + 1]
        return str(self._lines[start:end], "utf-8")

    def _parse_entry(self, number: int) -> Entry:
        return parse_line(self.line(number))

    def _entries(self, numbers: Iterable[int]) -> tuple[Entry, ...]:
        return tuple(self.entry(number) for number in numbers)

    # ----------------------------------------------------------- headword lookups

    def _numbers_for(self, word: str) -> array | None:
        found = self._keys.find(word.encode("utf-8"))
        if found is None:
            return None
        return self._postings[self._posting_starts[found] : self._posting_starts[found + 1]]

    def lookup(self, word: str) -> tuple[Entry, ...]:
        """Every entry whose simplified or traditional headword is exactly ``word``."""
        numbers = self._numbers_for(word) if word else None
        return self._entries(numbers) if numbers is not None else ()

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and self._keys.find(word.encode()) is not None

    def longest_prefix(self, text: str, start: int = 0) -> tuple[str, tuple[Entry, ...]] | None:
        """The longest headword that ``text[start:]`` begins with, and its entries."""
        best: str | None = None
        limit = min(len(text), start + self._max_headword_length)
        for end in range(start + 1, limit + 1):
            candidate = text[start:end]
            encoded = candidate.encode("utf-8")
            if self._keys.find(encoded) is not None:
                best = candidate
            # No headword continues this prefix: a longer one cannot match either.
            if not self._keys.has_prefix(encoded):
                break
        return (best, self.lookup(best)) if best is not None else None

    def prefix_search(self, prefix: str, limit: int = 50) -> tuple[Entry, ...]:
        """Entries whose headword begins with ``prefix``: shorter headwords first,
        then by code point, each entry once."""
        if not prefix or limit <= 0:
            return ()
        matching = self._keys.prefix_range(prefix.encode("utf-8"))
        ordered = sorted(matching, key=lambda index: (len(self._keys.at(index)), index))
        seen: dict[int, None] = {}
        for index in ordered:
            start, end = self._posting_starts[index], self._posting_starts[index + 1]
            for number in self._postings[start:end]:
                seen.setdefault(number, None)
            if len(seen) >= limit:
                break
        return self._entries(list(seen)[:limit])

    def breakdown(self, word: str) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
        """Each character of ``word`` with its entries (empty for unknown characters)."""
        return tuple((char, self.lookup(char)) for char in word)

    def readings(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The distinct readings of ``word`` as lowercase tone-marked syllables, in
        dictionary order: 行 -> ``(("háng",), ("xíng",), ...)``.

        Except where a word is listed twice, once with a neutral tone: of two
        such readings the one whose entry says more comes first, for it is the
        everyday word (东西 dōngxi "thing; stuff; person" before dōngxī "east and
        west", 告诉 gàosu "to tell" before gàosù "to press charges"); on a tie,
        the neutral tone, which marks the colloquial word (妻子 qīzi "wife").
        """
        found: dict[tuple[str, ...], int] = {}
        for entry in self.lookup(word):
            reading = tuple(entry.pinyin.lower().split())
            found[reading] = max(found.get(reading, -1), _everyday_weight(entry))
        ordered = list(found)
        if len(word) > 1 and len(ordered) > 1:
            ordered.sort(key=lambda reading: _neutral_group_rank(reading, found))
            preferred = _EVERYDAY_READING.get(word)
            if preferred in found:
                ordered.sort(key=lambda reading: reading != preferred)
        return tuple(ordered)

    # ------------------------------------------------------------- pinyin search

    def _pinyin_index(self) -> tuple[_SortedStrings, array]:
        if self._pinyin_keys is None or self._pinyin_entries is None:
            blob, offsets, entries = self._pinyin_sections
            self._pinyin_keys = _SortedStrings(blob, _as_offsets(offsets))
            self._pinyin_entries = _as_offsets(entries)
        return self._pinyin_keys, self._pinyin_entries

    def search_pinyin(self, query: str, limit: int = 50) -> tuple[Entry, ...]:
        """Entries whose reading matches a pinyin query in any notation.

        ``he2 zhang3 zhi4``, ``hé zhǎng zhì``, ``hezhangzhi`` and ``he zhang zhi`` all
        find 河长制; ü may be written ü, v or u:.  Tones given must match (a
        syllable given without a tone matches any); spaces are optional.

        Ranking: readings equal to the query first, then readings that begin with
        it, shorter readings first (``hezhang`` finds 河长 before 河长制); within each
        reading length shorter headwords
        first, then entries that are not only a pointer to another word
        ("variant of ..."), then common nouns before proper nouns, then commoner
        headwords (see ``_character_commonness``), then entries with more senses,
        then dictionary order.
        """
        key, tones = normalize_pinyin_query(query)
        if not key or limit <= 0:
            return ()
        keys, entry_numbers = self._pinyin_index()
        encoded = key.encode("ascii", "ignore")
        matching = keys.prefix_range(encoded)
        exact_end = keys.first_after(encoded)
        # Longer readings are taken a length at a time, closest to the query first, so
        # a short query ("sh") does not parse every entry that begins with it.
        by_length: dict[int, list[int]] = {}
        for index in range(exact_end, matching.stop):
            by_length.setdefault(len(keys.at(index)), []).append(index)
        groups: list[tuple[bool, Sequence[int]]] = [(True, range(matching.start, exact_end))]
        groups += [(False, by_length[length]) for length in sorted(by_length)]
        found: list[Entry] = []
        for exact, indexes in groups:
            ranked = []
            for index in indexes:
                number = entry_numbers[index]
                entry = self.entry(number)
                if tones is not None and not _tones_match(
                    key, tones, entry.pinyin_numbered, whole=exact
                ):
                    continue
                ranked.append((*self._rank_by_commonness(number, entry), number, entry))
            ranked.sort(key=lambda row: row[:-1])
            found.extend(row[-1] for row in ranked)
            if len(found) >= limit:
                break
        return tuple(found[:limit])

    def _rank_by_commonness(self, number: int, entry: Entry) -> tuple[int, bool, bool, int, int]:
        only_reference = all(_REFERENCE_ONLY.match(sense) for sense in entry.senses)
        proper = entry.pinyin[:1].isupper()
        return (
            len(entry.simplified),
            only_reference,
            proper,
            -self._commonness_by_entry[number],
            -len(entry.senses),
        )

    # ------------------------------------------------------------ English search

    def _english_index(self) -> dict[str, array]:
        if self._english is None:
            postings: dict[str, array] = {}
            for number in range(self.entry_count):
                line = self.line(number)
                senses = _BRACKETED_PINYIN.sub(" ", line[line.index(" /") + 2 :]).lower()
                for word in set(_ENGLISH_WORD.findall(senses)):
                    found = postings.get(word)
                    if found is None:
                        postings[word] = found = array(_OFFSETS)
                    found.append(number)
            self._english = postings
            self._english_words = sorted(postings)
        return self._english

    def search_english(self, query: str, limit: int = 50) -> tuple[Entry, ...]:
        """Entries whose senses contain the English word(s) of ``query``.

        Entries where every query word is a whole word come first, ranked by the
        best sense: a sense that is exactly the query (``river``; brackets and a
        leading "to" ignored), then one that begins with it, then one that holds
        it, shorter senses first; ties go to shorter headwords, then to entries
        with commoner characters, then dictionary order.  If that leaves room, entries
        where a query word is only the start of a word (``river`` ->
        ``riverbank``) follow.  The word index is built on the first call.
        """
        words = _ENGLISH_WORD.findall(query.lower())
        if not words or limit <= 0:
            return ()
        index = self._english_index()
        whole = _intersect(index.get(word) for word in words)
        phrase = " ".join(words)
        ranked = sorted((self._english_rank(number, phrase, words), number) for number in whole)
        results = [number for _, number in ranked[:limit]]
        if len(results) < limit:
            partial = _intersect(self._numbers_starting_with(word) for word in words) - set(whole)
            ranked_partial = sorted(
                (self._english_rank(number, phrase, words), number) for number in partial
            )
            results.extend(number for _, number in ranked_partial[: limit - len(results)])
        return self._entries(results)

    def _numbers_starting_with(self, prefix: str) -> set[int]:
        start = bisect.bisect_left(self._english_words, prefix)
        numbers: set[int] = set()
        for word in self._english_words[start:]:
            if not word.startswith(prefix):
                break
            numbers.update(self._english[word] if self._english else ())
        return numbers

    def _english_rank(self, number: int, phrase: str, words: list[str]) -> tuple:
        line = self.line(number)
        headword_length = len(line.split(" ", 1)[0])
        senses = [
            sense
            for sense in line[line.index(" /") + 2 : -1].split("/")
            if sense and not sense.startswith("CL:")
        ]
        best = (4, 0, 0)
        for position, sense in enumerate(senses):
            plain = _plain_sense(sense)
            sense_words = _ENGLISH_WORD.findall(plain)
            if plain == phrase:
                score = (0, 0, position)
            elif " ".join(sense_words[: len(words)]) == phrase:
                score = (1, len(sense_words), position)
            elif all(word in sense_words for word in words):
                score = (2, len(sense_words), position)
            elif all(any(found.startswith(word) for found in sense_words) for word in words):
                score = (3, len(sense_words), position)
            else:
                continue
            best = min(best, score)
        return (*best, headword_length, -self._commonness_by_entry[number], -len(senses))


def _intersect(postings: Iterable[Iterable[int] | None]) -> set[int]:
    result: set[int] | None = None
    for numbers in postings:
        if numbers is None:
            return set()
        result = set(numbers) if result is None else result & set(numbers)
    return result or set()


def _as_offsets(data: bytes | memoryview) -> array:
    numbers = array(_OFFSETS)
    numbers.frombytes(data)
    return numbers


# ------------------------------------------------------------------ building


def _character_commonness(simplified: list[str]) -> array:
    """Per entry, how many headwords its rarest character appears in.

    CC-CEDICT carries no frequencies; a character that many words are built from
    (是, 事) is a common one, so this ranks 是 above 势 for ``shi4`` without a
    second data source.
    """
    words_per_character = Counter(chain.from_iterable(map(set, simplified)))
    return array(
        _OFFSETS, (min(map(words_per_character.__getitem__, headword)) for headword in simplified)
    )


def _build_payload(source_path: Path, raw: bytes) -> bytes:
    metadata, lines = split_source(decode_source(raw, source_path), source_path)
    fields = [line.split(" ", 2) for line in lines]
    numbers_by_headword: defaultdict[str, list[int]] = defaultdict(list)
    for number, (traditional, simplified, _) in enumerate(fields):
        numbers_by_headword[traditional].append(number)
        if simplified != traditional:
            numbers_by_headword[simplified].append(number)
    pinyin_keys = sorted(
        (_numbered_key(rest[1 : rest.index("]")]), number)
        for number, (_, _, rest) in enumerate(fields)
    )
    headwords = sorted(numbers_by_headword)
    posting_starts = array(_OFFSETS, [0])
    postings = array(_OFFSETS)
    for headword in headwords:
        postings.extend(numbers_by_headword[headword])
        posting_starts.append(len(postings))
    lines_blob, line_offsets = _pack_strings(lines)
    keys_blob, key_offsets = _pack_strings(headwords)
    pinyin_blob, pinyin_offsets = _pack_strings(key for key, _ in pinyin_keys)
    meta = {
        "metadata": metadata,
        "max_headword_length": max(map(len, headwords)),
        "byteorder": sys.byteorder,
    }
    sections = {
        "meta": json.dumps(meta).encode("utf-8"),
        "lines": lines_blob,
        "line_offsets": line_offsets.tobytes(),
        "keys": keys_blob,
        "key_offsets": key_offsets.tobytes(),
        "posting_starts": posting_starts.tobytes(),
        "postings": postings.tobytes(),
        "pinyin_keys": pinyin_blob,
        "pinyin_key_offsets": pinyin_offsets.tobytes(),
        "pinyin_entries": array(_OFFSETS, (number for _, number in pinyin_keys)).tobytes(),
        "commonness": _character_commonness([simplified for _, simplified, _ in fields]).tobytes(),
    }
    return b"".join(
        _SECTION_LENGTH.pack(len(sections[name])) + sections[name] for name in _SECTIONS
    )


def _split_payload(payload: memoryview) -> dict[str, memoryview]:
    """The named sections of a payload, not copied; ``ValueError`` if it does not
    divide exactly."""
    sections: dict[str, memoryview] = {}
    position = 0
    for name in _SECTIONS:
        (length,) = _SECTION_LENGTH.unpack_from(payload, position)
        position += _SECTION_LENGTH.size
        if position + length > len(payload):
            raise ValueError("section runs past the end")
        sections[name] = payload[position : position + length]
        position += length
    if position != len(payload):
        raise ValueError("bytes left after the last section")
    return sections


# ------------------------------------------------------------------ the cache file


def _cache_file(source_path: Path, cache_dir: Path) -> Path:
    """One cache file per source location, so a user file and the bundled one coexist."""
    location = str(source_path.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir / f"cedict-{hashlib.sha256(location).hexdigest()[:16]}.idx"


def _read_cache(
    cache_file: Path, source_path: Path, size: int, mtime_ns: int
) -> dict[str, memoryview] | None:
    """The sections of a cache that is intact and made from this very source, else None."""
    try:
        data = read_regular_file(cache_file, MAX_CACHE_BYTES)
    except InputFileError:  # missing, replaced by a pipe or device, or absurdly large
        return None
    try:
        magic, cache_format, parser_version, cached_size, cached_mtime, digest, length, crc = (
            _HEADER.unpack_from(data, 0)
        )
    except struct.error:
        return None
    payload = memoryview(data)[_HEADER.size :]
    if (
        magic != _MAGIC
        or cache_format != _CACHE_FORMAT
        or parser_version != PARSER_VERSION
        or length != len(payload)
        or zlib.crc32(payload) != crc
    ):
        return None
    if cached_size != size or cached_mtime != mtime_ns:
        # Touched or replaced: only the content can say whether it changed.
        try:
            if hashlib.sha256(read_source_bytes(source_path)).digest() != digest:
                return None
        except DictionaryError:
            return None
    try:
        sections = _split_payload(payload)
        if json.loads(bytes(sections["meta"])).get("byteorder") != sys.byteorder:
            return None
        _check_structure(sections)
    except (ValueError, AttributeError, KeyError, TypeError, struct.error):
        return None
    return sections


def _check_structure(sections: dict[str, memoryview]) -> None:
    """Raise ValueError unless the sections fit together: lengths agree, offsets start
    at 0 and end at their section's length, entry lines and entry numbers point inside.

    A checksum only proves the file is what was written; a cache someone crafted
    (or a bug) could still send every lookup past the end of a section.  Scanning
    an array costs a few milliseconds, so only the arrays whose values index
    another section directly are scanned (lines, postings, pinyin entries); a bad
    value inside the key offsets can only make a key compare wrongly.
    """
    meta = json.loads(bytes(sections["meta"]))
    if not isinstance(meta.get("metadata"), dict) or not isinstance(
        meta.get("max_headword_length"), int
    ):
        raise ValueError("the cache's metadata is not what the index writes")
    width = array(_OFFSETS).itemsize
    if any(len(sections[name]) % width for name in _NUMBER_SECTIONS):
        raise ValueError("a section of numbers is not a whole number of them")

    def count(name: str) -> int:
        return len(sections[name]) // width

    def first_and_last(name: str) -> tuple[int, int]:
        numbers = sections[name].cast("B").cast("I")  # _OFFSETS
        return (numbers[0], numbers[-1]) if len(numbers) else (-1, -1)

    for offsets, blob in (
        ("line_offsets", "lines"),
        ("key_offsets", "keys"),
        ("pinyin_key_offsets", "pinyin_keys"),
    ):
        if first_and_last(offsets) != (0, len(sections[blob])):
            raise ValueError(f"{offsets} do not span {blob}")
    entries = count("line_offsets") - 1
    if (
        count("posting_starts") != count("key_offsets")
        or first_and_last("posting_starts") != (0, count("postings"))
        or count("pinyin_entries") != count("pinyin_key_offsets") - 1
        or count("commonness") != entries
    ):
        raise ValueError("the sections' lengths do not agree")
    if max(_as_offsets(sections["line_offsets"])) > len(sections["lines"]):
        raise ValueError("an entry's line runs past the end")
    for name in ("postings", "pinyin_entries"):
        numbers = _as_offsets(sections[name])
        if numbers and max(numbers) >= entries:
            raise ValueError("an entry number past the last entry")


def _write_cache(cache_file: Path, header_fields: tuple[int, int, bytes], payload: bytes) -> None:
    """Write atomically; a folder that cannot be written just means no cache."""
    size, mtime_ns, digest = header_fields
    header = _HEADER.pack(
        _MAGIC,
        _CACHE_FORMAT,
        PARSER_VERSION,
        size,
        mtime_ns,
        digest,
        len(payload),
        zlib.crc32(payload),
    )
    # an unwritable cache folder only costs the next start its speed
    with contextlib.suppress(OSError):
        write_bytes_atomically(cache_file, header + payload, durable=False)


_NEUTRAL = 5


# Where the rule of ``readings`` (the fuller entry first, on a tie the neutral
# tone) picks the rarer word of a pair.  Checked against every HSK 3.0 word
# whose first reading the rule changes: 女人 nǚrén "woman" (nǚren "wife" ties
# with it), 老公 lǎogōng "husband" (lǎogong "eunuch" has a see-also sense more),
# 说道 shuōdào "to say", as in narration (shuōdao "to discuss" ties with it).
_EVERYDAY_READING: dict[str, tuple[str, ...]] = {
    "女人": ("nǚ", "rén"),
    "老公": ("lǎo", "gōng"),
    "说道": ("shuō", "dào"),
}


def _everyday_weight(entry: Entry) -> int:
    """How much an entry says: its senses and sub-senses, a classifier as one more;
    a proper noun (capitalised reading) says nothing about the everyday word."""
    if entry.pinyin[:1] != entry.pinyin[:1].lower():
        return 0
    return sum(sense.count(";") + 1 for sense in entry.senses) + bool(entry.classifiers)


def _equal_but_for_neutral_tones(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """背着 bēi zhe and bèi zhe are two words, not one with and without a neutral tone:
    syllables may differ only where one of them is neutral."""
    if len(one) != len(other):
        return False
    return all(
        a == b or (strip_tones(a) == strip_tones(b) and _NEUTRAL in (tone_of(a), tone_of(b)))
        for a, b in zip(one, other, strict=True)
    )


def _neutral_group_rank(
    reading: tuple[str, ...], weights: dict[tuple[str, ...], int]
) -> tuple[int, int, bool]:
    """Sort key: readings keep dictionary order, except inside a group of readings equal
    but for neutral tones, where the heaviest entry's comes first (then the neutral one)."""
    group = [other for other in weights if _equal_but_for_neutral_tones(reading, other)]
    first = min(list(weights).index(other) for other in group)
    neutral = any(tone_of(syllable) == _NEUTRAL for syllable in reading)
    return first, -weights[reading] if len(group) > 1 else 0, not neutral
