"""The library: books, documents and pasted texts the user opened, with reading progress.

Kept as one JSON file, ``library.json`` in the data folder, so that the window
and ``reader library list`` see the same library.  Each entry records a file
(a pasted text is saved as a file under ``pasted/`` first, so that it can be
opened again after a restart), its title and author, its chapters' titles, and
for each chapter how far it was read (a scroll fraction) and, once known,
the share of its Chinese words the learner knows; plus the chapter read last,
which "continue reading" opens.

A library file that cannot be read as one is set aside (``library.json.damaged``)
and a new one started: the user's other data is not touched and the old file is
kept for a look.  Every change is written at once, atomically.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader import paths
from reader.atomic_files import write_bytes_atomically
from reader.errors import ReaderError

FILE_NAME = "library.json"
PASTED_FOLDER = "pasted"
FORMAT_VERSION = 1
MAX_ENTRIES = 500
"""The least recently opened entries beyond this many are forgotten (their files stay)."""


class LibraryError(ReaderError):
    """The library file cannot be written."""


@dataclass(frozen=True, slots=True)
class ChapterProgress:
    """How far one chapter (or a whole text) was read."""

    fraction: float = 0.0
    """How far the chapter was scrolled, 0.0 to 1.0."""
    known_share: float | None = None
    """Share of its running Chinese words saved as known; None until it is annotated."""


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One text or book in the library, with the reader's progress in it."""

    path: str
    title: str
    kind: str
    """"epub", "pdf", "pasted" or the text format ("text", "markdown", "html")."""
    author: str = ""
    chapter_titles: tuple[str, ...] = ()
    """Empty for a text that is not a book."""
    chapters: tuple[ChapterProgress, ...] = ()
    """One per chapter (one for a text that is not a book)."""
    last_chapter: int = 0
    opened_at: float = 0.0

    @property
    def is_book(self) -> bool:
        return bool(self.chapter_titles)

    def chapter_progress(self, chapter: int) -> ChapterProgress:
        return self.chapters[chapter] if 0 <= chapter < len(self.chapters) else ChapterProgress()

    @property
    def progress(self) -> float:
        """How much of the whole was read: the mean of the chapters' fractions."""
        if not self.chapters:
            return 0.0
        return sum(chapter.fraction for chapter in self.chapters) / len(self.chapters)


@dataclass
class Library:
    """The library file at ``file`` (by default ``library.json`` in the data folder)."""

    file: Path = field(default_factory=lambda: paths.data_dir() / FILE_NAME)

    def entries(self) -> list[LibraryEntry]:
        """Every entry, the most recently opened first."""
        return sorted(self._read().values(), key=lambda entry: -entry.opened_at)

    def entry(self, path: str) -> LibraryEntry | None:
        return self._read().get(path)

    def add(
        self,
        path: str,
        title: str,
        kind: str,
        *,
        author: str = "",
        chapter_titles: tuple[str, ...] = (),
    ) -> LibraryEntry:
        """Record that ``path`` was opened now; its progress is kept if its chapters did not
        change."""
        entries = self._read()
        old = entries.get(path)
        unchanged = old is not None and (old.title, old.kind, old.author, old.chapter_titles) == (
            title,
            kind,
            author,
            chapter_titles,
        )
        if (
            unchanged
            and old is not None
            and old.opened_at >= max(e.opened_at for e in entries.values())
        ):
            # Already the most recent: only the time would change, so the file is not
            # written again (the window reopens the last article at every start).
            return old
        count = max(1, len(chapter_titles))
        if old is not None and old.chapter_titles == chapter_titles and len(old.chapters) == count:
            chapters, last = old.chapters, old.last_chapter
        else:
            chapters, last = tuple(ChapterProgress() for _ in range(count)), 0
        # Later than every other entry even when the clock has not moved on.
        now = max([time.time(), *(other.opened_at + 1e-6 for other in entries.values())])
        entry = LibraryEntry(path, title, kind, author, chapter_titles, chapters, last, now)
        entries[path] = entry
        self._write(entries)
        return entry

    def set_progress(
        self,
        path: str,
        chapter: int = 0,
        *,
        fraction: float | None = None,
        known_share: float | None = None,
        last: bool = False,
    ) -> LibraryEntry | None:
        """Change what is known of ``chapter`` of ``path`` (None leaves a value as it is);
        ``last`` makes it the chapter "continue reading" opens.  None if ``path`` is not in
        the library."""
        entries = self._read()
        entry = entries.get(path)
        if entry is None or not 0 <= chapter < len(entry.chapters):
            return None
        old = entry.chapters[chapter]
        new = ChapterProgress(
            old.fraction if fraction is None else min(1.0, max(0.0, fraction)),
            old.known_share if known_share is None else known_share,
        )
        chapters = (*entry.chapters[:chapter], new, *entry.chapters[chapter + 1 :])
        entry = replace(
            entry, chapters=chapters, last_chapter=chapter if last else entry.last_chapter
        )
        if entry != entries[path]:
            entries[path] = entry
            self._write(entries)
        return entry

    def set_known_shares(self, path: str, shares: dict[int, float]) -> LibraryEntry | None:
        """Record the known-word share of several chapters of ``path`` in one write."""
        entries = self._read()
        entry = entries.get(path)
        if entry is None:
            return None
        chapters = tuple(
            replace(progress, known_share=shares[number]) if number in shares else progress
            for number, progress in enumerate(entry.chapters)
        )
        entries[path] = entry = replace(entry, chapters=chapters)
        self._write(entries)
        return entry

    def add_pasted(self, text: str, title: str) -> Path:
        """Save a pasted ``text`` as a file of the library (the same text, the same file)."""
        import hashlib  # only here: the window imports this module before its first paint

        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        target = self.file.parent / PASTED_FOLDER / f"{digest}.txt"
        try:
            if not target.is_file():
                write_bytes_atomically(target, text.encode("utf-8", "surrogatepass"))
        except OSError as error:
            raise LibraryError(
                f"cannot save the pasted text in {target.parent}: {error.strerror or error}"
            ) from None
        self.add(str(target), title, "pasted")
        return target

    def _read(self) -> dict[str, LibraryEntry]:
        try:
            raw = self.file.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise LibraryError(f"cannot read {self.file}: {error.strerror or error}") from None
        try:
            document = json.loads(raw.decode("utf-8"))
            return {entry.path: entry for entry in map(_entry_from_json, document["entries"])}
        except (ValueError, KeyError, TypeError, AttributeError):
            self._set_aside()
            return {}

    def _set_aside(self) -> None:
        try:
            self.file.replace(self.file.with_name(self.file.name + ".damaged"))
        except OSError as error:
            raise LibraryError(
                f"{self.file} is damaged and cannot be set aside: {error.strerror or error}"
            ) from None

    def _write(self, entries: dict[str, LibraryEntry]) -> None:
        kept = sorted(entries.values(), key=lambda entry: -entry.opened_at)[:MAX_ENTRIES]
        document = {"version": FORMAT_VERSION, "entries": [_entry_to_json(e) for e in kept]}
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            write_bytes_atomically(self.file, data)
        except OSError as error:
            raise LibraryError(
                f"cannot save the library in {self.file}: {error.strerror or error}"
            ) from None


def _entry_to_json(entry: LibraryEntry) -> dict[str, Any]:
    return {
        "path": entry.path,
        "title": entry.title,
        "kind": entry.kind,
        "author": entry.author,
        "chapter_titles": list(entry.chapter_titles),
        "chapters": [[c.fraction, c.known_share] for c in entry.chapters],
        "last_chapter": entry.last_chapter,
        "opened_at": entry.opened_at,
    }


def _entry_from_json(raw: dict[str, Any]) -> LibraryEntry:
    chapters = tuple(
        ChapterProgress(float(fraction), None if known is None else float(known))
        for fraction, known in raw["chapters"]
    )
    titles = tuple(str(title) for title in raw.get("chapter_titles", ()))
    if not chapters or (titles and len(titles) != len(chapters)):
        raise ValueError("chapters do not match")
    last = int(raw.get("last_chapter", 0))
    return LibraryEntry(
        str(raw["path"]),
        str(raw["title"]),
        str(raw["kind"]),
        str(raw.get("author", "")),
        titles,
        chapters,
        last if 0 <= last < len(chapters) else 0,
        float(raw.get("opened_at", 0.0)),
    )
