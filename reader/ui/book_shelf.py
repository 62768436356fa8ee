"""Books in the window: opening chapters, the library's rows, progress and reading ahead.

The window asks the shelf for a chapter to show and for the library panel's
rows; the shelf keeps the books it opened (so that moving between chapters
does not read the file again) and the library file (``reader.library``).
Once a chapter is annotated, the shelf reads the book's other chapters ahead
in the shared worker, one chapter a job so that whatever the user asks for
next waits for one chapter at most, and records the share of each chapter's
words the learner knows; a progress bar in the status bar shows how far it got.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from reader import articles
from reader.errors import InputFileError, ReaderError
from reader.library.store import Library, LibraryEntry
from reader.textio.reading import read_book
from reader.ui.background_worker import BackgroundWorker
from reader.ui.library_panel import LibraryItem, progress_label
from reader.ui.settings import Settings

if TYPE_CHECKING:
    from reader.textio.book import Book

BOOKS_KEPT = 4
"""Books kept read in memory (an EPUB keeps its file's bytes: up to 20 MB each)."""
SHARES_PER_WRITE = 20
"""Chapters read ahead between two writes of the library file (each write is a durable save)."""


@dataclass(frozen=True, slots=True)
class OpenedChapter:
    """A book's chapter, read and ready to show."""

    book: Book
    chapter: int
    text: str
    fraction: float
    """Where the reader stopped in this chapter last time."""

    @property
    def title(self) -> str:
        return f"{self.book.title} — {self.book.chapter_titles[self.chapter]}"


class BookShelf(QObject):
    """The open books and the library file, for one window."""

    library_failed = Signal(str)
    """The library file could not be read or written (one line); reading goes on."""
    chapters_prepared = Signal(str)
    """More chapters of the book at this path were read ahead and recorded."""

    def __init__(self, worker: BackgroundWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._library = Library()
        self._books: dict[str, tuple[int, Book]] = {}
        self._reading_ahead: tuple[str, Book] | None = None
        self._pending_shares: dict[int, float] = {}
        """Known-word shares read ahead and not yet written to the library."""
        self._progress = QProgressBar()
        self._progress.setObjectName("readingAheadProgress")
        self._progress.setMaximumWidth(160)
        self._progress.setTextVisible(True)
        self._progress.hide()

    def library(self) -> Library:
        return self._library

    def progress_bar(self) -> QWidget:
        """The status-bar widget that shows reading ahead (hidden when idle)."""
        return self._progress

    # Opening

    def open_chapter(self, path: str, chapter: int | None = None) -> OpenedChapter:
        """Chapter ``chapter`` of the book at ``path`` (None: where the reader stopped), recorded
        in the library; ``ReaderError`` says why it cannot be shown."""
        book = self._book(path)
        entry = self._record(
            path,
            book.title,
            book.format.value,
            author=book.author,
            chapter_titles=book.chapter_titles,
        )
        if chapter is None:
            chapter = entry.last_chapter if entry is not None else 0
        text = book.chapter_text(chapter)
        if not text.strip():
            raise InputFileError(
                f"{path}: chapter {chapter + 1} ({book.chapter_titles[chapter]}) holds no text"
            )
        fraction = entry.chapter_progress(chapter).fraction if entry is not None else 0.0
        return OpenedChapter(book, chapter, text, fraction)

    def needs_loading(self, path: str) -> bool:
        """Whether opening ``path`` would read a whole document first: a PDF not read yet,
        whose text is all extracted at once (an EPUB reads one chapter at a time)."""
        kept = self._books.get(path)
        return path.lower().endswith(".pdf") and (kept is None or kept[0] != _modified(path))

    def load(self, path: str, loaded: Callable[[], object], failed: Callable[[str], None]) -> None:
        """Read the document at ``path`` in the worker, then call ``loaded`` (or ``failed``
        with the reason); ``open_chapter`` finds it read."""

        def keep(book_and_time: tuple[int, Book]) -> None:
            self._keep(path, book_and_time)
            loaded()

        self._worker.submit(lambda: _read_with_time(path), keep, failed)

    def record_article(self, path: str, title: str, kind: str) -> None:
        """Put a text that is not a book into the library (or first again)."""
        self._record(path, title, kind)

    def add_pasted(self, text: str, title: str) -> str | None:
        """Save a pasted text into the library; its path, or None when it cannot be saved."""
        try:
            return str(self._library.add_pasted(text, title))
        except ReaderError as error:
            self.library_failed.emit(str(error))
            return None

    def save_progress(self, path: str, chapter: int | None, fraction: float) -> None:
        self._change(path, chapter or 0, fraction=fraction, last=chapter is not None)

    def _book(self, path: str) -> Book:
        kept = self._books.get(path)
        if kept is None or kept[0] != _modified(path):
            kept = _read_with_time(path)
        self._keep(path, kept)
        return kept[1]

    def _keep(self, path: str, book_and_time: tuple[int, Book]) -> None:
        """Keep the book, the most recently used last; the oldest go beyond ``BOOKS_KEPT``."""
        self._books.pop(path, None)
        self._books[path] = book_and_time
        for oldest in list(self._books)[:-BOOKS_KEPT]:
            del self._books[oldest]

    def _record(self, path: str, title: str, kind: str, **details: Any) -> LibraryEntry | None:
        try:
            return self._library.add(path, title, kind, **details)
        except ReaderError as error:
            self.library_failed.emit(str(error))
            return None

    def _change(self, path: str, chapter: int, **values: Any) -> None:
        try:
            self._library.set_progress(path, chapter, **values)
        except ReaderError as error:
            self.library_failed.emit(str(error))

    # The library panel's rows

    def items(
        self, settings: Settings, current_path: str | None, current_chapter: int | None
    ) -> list[LibraryItem]:
        """Bundled articles, then what the user opened (most recent first); the open book's
        chapters follow its row."""
        try:
            entries = self._library.entries()
        except ReaderError as error:
            self.library_failed.emit(str(error))
            entries = []
        by_path = {entry.path: entry for entry in entries}
        items = []
        for info in articles.bundled_articles():
            path = str(info.path)
            entry = by_path.get(path)
            progress = entry.progress if entry is not None else settings.progress(path)
            items.append(LibraryItem(path, info.title, progress, True))
        listed = {item.path for item in items}
        for entry in entries:
            if entry.path in listed:
                continue
            listed.add(entry.path)
            if not entry.is_book:
                items.append(LibraryItem(entry.path, entry.title, entry.progress, False))
                continue
            items.append(_book_item(entry))
            if entry.path == current_path and len(entry.chapter_titles) > 1:
                items += [
                    _chapter_item(entry, number) for number in range(len(entry.chapter_titles))
                ]
        items += [
            LibraryItem(opened.path, opened.title, opened.progress, False)
            for opened in settings.opened_articles()
            if opened.path not in listed
        ]
        return items

    # Reading ahead

    def read_ahead(self, path: str, first_chapter: int, annotator: Any) -> None:
        """Read the book at ``path`` chapter by chapter in the worker, from ``first_chapter``,
        recording each chapter's known-word share; a later call replaces an earlier one."""
        self.stop_reading_ahead()  # what an earlier one found is kept
        kept = self._books.get(path)
        try:
            entry = self._library.entry(path)
        except ReaderError:
            entry = None
        if kept is None or entry is None:
            return
        book = kept[1]
        count = len(book.chapter_titles)
        order = [*range(first_chapter, count), *range(first_chapter)]
        remaining = [n for n in order if entry.chapter_progress(n).known_share is None]
        if first_chapter not in remaining:
            remaining.insert(0, first_chapter)  # the open chapter: the learner may have new words
        token = (path, book)
        self._reading_ahead = token
        self._progress.setRange(0, len(remaining))
        self._progress.setValue(0)
        self._progress.setFormat("Reading ahead %v/%m")
        self._progress.setToolTip(f"Reading the chapters of {book.title} ahead")
        self._progress.setVisible(len(remaining) > 1)
        state: dict[str, Any] = {}
        self._next_chapter(token, remaining, annotator, state)

    def stop_reading_ahead(self) -> None:
        self._record_shares()
        self._reading_ahead = None
        self._progress.hide()

    def _record_shares(self) -> None:
        if self._reading_ahead is None or not self._pending_shares:
            return
        path = self._reading_ahead[0]
        shares, self._pending_shares = self._pending_shares, {}
        try:
            self._library.set_known_shares(path, shares)
        except ReaderError as error:
            self.library_failed.emit(str(error))
            return
        self.chapters_prepared.emit(path)

    def _next_chapter(
        self,
        token: tuple[str, Book],
        remaining: list[int],
        annotator: Any,
        state: dict[str, Any],
    ) -> None:
        if self._reading_ahead is not token:
            return
        if not remaining:
            self.stop_reading_ahead()
            return
        path, book = token
        chapter = remaining[0]

        def job() -> float | None:
            from reader.library.progress import known_share  # not needed for the first paint

            if "statuses" not in state:
                from reader.vocab.store import VocabularyStore

                with VocabularyStore.open() as store:
                    state["statuses"] = store.statuses()
            text = book.chapter_text(chapter)
            return known_share(annotator.segment(text), state["statuses"]) if text else None

        def done(share: float | None) -> None:
            if self._reading_ahead is not token:
                return
            if share is not None:
                self._pending_shares[chapter] = share
            self._progress.setValue(self._progress.value() + 1)
            # The library file is written every few chapters, not once a chapter; the open
            # chapter (the first one read) at once.
            if len(self._pending_shares) >= SHARES_PER_WRITE or state.setdefault("first", True):
                state["first"] = False
                self._record_shares()
            self._next_chapter(token, remaining[1:], annotator, state)

        def failed(message: str) -> None:
            if self._reading_ahead is token:
                self.stop_reading_ahead()
                self.library_failed.emit(f"Reading ahead stopped: {message}")

        self._worker.submit(job, done, failed)


def _modified(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1  # read_book says what is wrong


def _read_with_time(path: str) -> tuple[int, Book]:
    """The book at ``path`` and the modification time it was read at (read first)."""
    modified = _modified(path)
    return modified, read_book(path)


def _book_item(entry: LibraryEntry) -> LibraryItem:
    count = len(entry.chapter_titles)
    parts = [entry.kind.upper(), *([entry.author] if entry.author else [])]
    if count > 1:
        parts.append(f"{count} chapters")
    parts.append(progress_label(entry.progress))
    if count > 1 and (entry.last_chapter or any(chapter.fraction for chapter in entry.chapters)):
        parts.append(f"continue: {entry.chapter_titles[entry.last_chapter]}")
    detail = " · ".join(parts)
    return LibraryItem(entry.path, entry.title, entry.progress, False, detail=detail)


def _chapter_item(entry: LibraryEntry, chapter: int) -> LibraryItem:
    progress = entry.chapter_progress(chapter)
    detail = progress_label(progress.fraction)
    if progress.known_share is not None:
        detail += f" · {round(progress.known_share * 100)}% of words known"
    return LibraryItem(
        entry.path,
        entry.chapter_titles[chapter],
        progress.fraction,
        False,
        chapter=chapter,
        detail=detail,
    )
