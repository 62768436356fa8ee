"""A book or document made of chapters: what EPUB and PDF files are read as.

A ``Book`` lists its chapters' titles at once and gives each chapter's text
when asked, so that a novel of hundreds of chapters can show its first chapter
without reading the others (see ``epub``).  The text of a chapter is plain
text, like a ``Document``'s: newlines are ``\\n`` and there are no blank lines
at either end.  A chapter may hold no text at all (a cover that is only a
picture); ``full_text`` leaves such chapters out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reader.errors import InputFileError


class BookFormat(StrEnum):
    EPUB = "epub"
    PDF = "pdf"


class ChapterSource(Protocol):
    """Where a book's chapter texts come from (read when first asked for)."""

    def chapter_text(self, index: int) -> str:
        """The text of chapter ``index``; ``InputFileError`` when it cannot be read."""
        ...


@dataclass(frozen=True, slots=True)
class FixedChapters:
    """Chapter texts that are all known already (a PDF is extracted in one pass)."""

    texts: tuple[str, ...]

    def chapter_text(self, index: int) -> str:
        return self.texts[index]


@dataclass(frozen=True, slots=True)
class Book:
    """An EPUB or PDF book: its titles, and where each chapter's text is read from."""

    name: str
    """The file's name, for messages."""
    title: str
    author: str
    """The authors as the book names them, joined by ", "; "" when it names none."""
    format: BookFormat
    chapter_titles: tuple[str, ...]
    """At least one: a book without a chapter is refused when it is read."""
    source: ChapterSource

    def chapter_text(self, index: int) -> str:
        """The text of chapter ``index`` (0-based); ``InputFileError`` if there is none."""
        if not 0 <= index < len(self.chapter_titles):
            raise InputFileError(
                f"{self.name}: has no chapter {index + 1} "
                f"(it has {len(self.chapter_titles)}: 1 to {len(self.chapter_titles)})"
            )
        return self.source.chapter_text(index)

    def full_text(self) -> str:
        """Every chapter's text in reading order, a blank line between chapters."""
        texts = (self.chapter_text(index) for index in range(len(self.chapter_titles)))
        return "\n\n".join(text for text in texts if text.strip())
