"""jieba's dictionary, loaded one first character at a time.

jieba's word graph asks ``FREQ.get(fragment)`` for fragments that start at
each character of the text, and needs every prefix of every word in the
table (with frequency 0) to know when to stop.  All of those start with the
same character as the word, so the table splits cleanly by first character.
Building the whole table (half a million entries, plus the word -> tag
table) took about a third of a second at every start; a text uses only the
characters it holds (the bundled article reaches half of the table), so each
character's part is built when a text first needs it.

The parts come from one file in the cache folder, written on the first
start from jieba's ``dict.txt``.
"""

from __future__ import annotations

import marshal
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from reader.atomic_files import write_bytes_atomically
from reader.language.versions import LEXICON_CACHE_VERSION


class Lexicon:
    """word -> frequency (``freq``, jieba's ``Tokenizer.FREQ``) and word -> tag (``tags``),
    holding the words of the first characters loaded so far.

    Call ``load(chars)`` with every character a text holds (or a word to add)
    before looking its words up: the tables are plain dicts, so that the
    segmenter's loops and jieba's own code read them at full speed.
    """

    def __init__(
        self, blob: bytes, index: dict[str, tuple[int, int]], tag_names: tuple[str, ...], total: int
    ) -> None:
        self.total = total
        self.freq: dict[str, int] = {}
        self.tags: dict[str, str] = {}
        self._blob = memoryview(blob)
        self._index = index
        self._tag_names = tag_names
        self._loaded: set[str] = set()

    def loaded(self, char: str) -> bool:
        """Whether the words beginning with ``char`` are in the tables already."""
        return char in self._loaded

    def load(self, chars: Iterable[str]) -> None:
        """Make the words beginning with any of ``chars`` present in ``freq`` and ``tags``."""
        names = self._tag_names.__getitem__
        for char in set(chars) - self._loaded:
            offset, length = self._index.get(char, (0, 0))
            self._loaded.add(char)
            if not length:
                continue
            joined, counts_bytes, codes = marshal.loads(self._blob[offset : offset + length])
            words = joined.split("\n")
            counts = array("q")
            counts.frombytes(counts_bytes)
            self.freq.update(zip(words, counts, strict=True))
            # tagged words come first, so the tags zip with the first len(codes) words
            self.tags.update(zip(words, map(names, codes), strict=False))


def read_lexicon(cache_file: Path, source: str) -> Lexicon | None:
    """The lexicon from its cache file; None when the file is of another layout version
    or was built from another ``source`` (jieba's version).

    Raises OSError, EOFError, ValueError, TypeError or IndexError for a file
    that is missing or damaged.
    """
    version, built_from, total, tag_names, index, blob = marshal.loads(cache_file.read_bytes())
    if version != LEXICON_CACHE_VERSION or built_from != source:
        return None
    if not isinstance(index, dict) or not isinstance(blob, bytes):
        raise ValueError("not a lexicon cache")
    return Lexicon(blob, index, tuple(tag_names), total)


def build_lexicon(stream: IO[bytes], cache_file: Path, source: str) -> Lexicon:
    """The lexicon read from jieba's ``dict.txt`` (``word count [tag]`` per line), also
    written to ``cache_file`` as built from ``source`` (a read-only cache folder only
    costs the next start this time).

    Raises ValueError or UnicodeDecodeError for a line that is not of that form.
    """
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    intern = sys.intern
    for raw in stream:
        parts = raw.decode("utf-8").split()
        if len(parts) < 2:
            continue
        word, count = parts[0], int(parts[1])
        freq[word] = count
        total += count
        if len(parts) > 2:
            tags[word] = intern(parts[2])
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    # code 0 names no tag; every tagged word gets its own code
    tag_names = ("", *sorted(set(tags.values())))
    code_of = {name: code for code, name in enumerate(tag_names)}
    by_first: dict[str, list[str]] = {}
    for word in freq:
        by_first.setdefault(word[0], []).append(word)
    pieces: list[bytes] = []
    index: dict[str, tuple[int, int]] = {}
    offset = 0
    for char, words in by_first.items():
        ordered = [word for word in words if word in tags] + [w for w in words if w not in tags]
        codes = bytes(code_of[tags[word]] for word in ordered if word in tags)
        piece = marshal.dumps(
            ("\n".join(ordered), array("q", (freq[word] for word in ordered)).tobytes(), codes)
        )
        index[char] = (offset, len(piece))
        pieces.append(piece)
        offset += len(piece)
    blob = b"".join(pieces)
    try:
        data = marshal.dumps((LEXICON_CACHE_VERSION, source, total, tag_names, index, blob))
        write_bytes_atomically(cache_file, data, durable=False)
    except OSError:
        pass
    return Lexicon(blob, index, tag_names, total)
