"""Reading a document the user opens: a file path, or ``-`` for standard input.

The format comes from the file extension: ``.txt`` is plain text, ``.md`` and
``.markdown`` Markdown (markup removed, see ``markdown_text``), ``.html``,
``.htm`` and ``.xhtml`` a web page (text only, see ``html_text``).  Any other
extension, or none, is read as plain text if it decodes as text; such a file
that starts like an HTML page (``<!doctype html`` or ``<html``) is read as one.
``.epub`` and ``.pdf`` files are books (``read_book``: see ``epub`` and
``pdf_text``); as a document, a book is the text of all its chapters.

The encoding is detected (see ``decoding``), newlines become ``\\n``, and the
title is the one the document declares (a bundled article's metadata, an HTML
``<title>`` or first heading, a Markdown front matter or first heading), else
its first non-empty line shortened to ``TITLE_MAX_CHARS`` (a document without
a non-empty line is refused as empty, so there always is one).

Every problem reaches the caller as ``InputFileError`` with one line naming
the file: missing, a folder, unreadable, too large, binary, undecodable, or
holding no text.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reader import articles
from reader.errors import InputFileError
from reader.input_files import megabytes, read_regular_file
from reader.textio.decoding import decode_text
from reader.textio.titles import TITLE_MAX_CHARS as TITLE_MAX_CHARS  # the documents' limit
from reader.textio.titles import title_from_text

if TYPE_CHECKING:
    from reader.textio.book import Book

MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are refused: a novel is a few MB, and the window keeps every token."""

STDIN_NAME = "<stdin>"


class DocumentFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    EPUB = "epub"
    PDF = "pdf"


_FORMAT_BY_SUFFIX = {
    ".txt": DocumentFormat.TEXT,
    ".text": DocumentFormat.TEXT,
    ".md": DocumentFormat.MARKDOWN,
    ".markdown": DocumentFormat.MARKDOWN,
    ".html": DocumentFormat.HTML,
    ".htm": DocumentFormat.HTML,
    ".xhtml": DocumentFormat.HTML,
}

BOOK_SUFFIXES = frozenset({".epub", ".pdf"})
"""A book's format is its extension without the dot (``BookFormat``)."""

_LOOKS_LIKE_HTML = re.compile(r"\A\s*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InputOffsets:
    """Maps a position in a plain-text ``Document.text`` to the same place in the input.

    The input as given is the decoded file (Unicode code points, a byte-order mark not
    counted): reading drops the blank lines at the start and turns CRLF into LF, so
    a program highlighting tokens in its own copy of the file needs these positions.
    """

    leading: int  # characters of the blank lines dropped at the start (after CRLF → LF)
    crlf: tuple[int, ...]  # where each LF that was a CRLF stands, in LF-only positions

    def __call__(self, position: int) -> int:
        unified = position + self.leading
        return unified + bisect.bisect_left(self.crlf, unified)


@dataclass(frozen=True, slots=True)
class Document:
    """A text file (or standard input) read for reading: its text, title and format."""

    text: str
    """The readable text: newlines normalised to ``\\n``, no blank lines at either end."""
    title: str
    path: Path | None
    """The file read, or ``None`` for standard input."""
    encoding: str
    """The codec that decoded it: utf-8, utf-8-sig, utf-16-le, utf-16-be, gb18030, big5 ...
    ("" for a book, whose format says how its text is stored)."""
    format: DocumentFormat
    input_offsets: InputOffsets | None = field(default=None, compare=False, repr=False)
    """For plain text, positions in ``text`` mapped into the input as given; None for
    HTML and Markdown, whose readable text is extracted from markup."""


def read_document(path: str | Path) -> Document:
    """Read the file at ``path`` as a document, or raise ``InputFileError`` saying why not."""
    path = Path(path)
    if is_book_path(path):
        book = read_book(path)
        book_format = DocumentFormat(book.format.value)
        return Document(book.full_text(), book.title, path, "", book_format)
    data = _read_bytes(path)
    document = _document_from_bytes(data, str(path), path.suffix, path)
    bundled = articles.article_for_path(path)
    if bundled is not None:
        return Document(
            document.text,
            bundled.title,
            document.path,
            document.encoding,
            document.format,
            document.input_offsets,
        )
    return document


def is_book_path(path: str | Path) -> bool:
    """Whether ``path`` names a book (EPUB or PDF) by its extension."""
    return Path(path).suffix.lower() in BOOK_SUFFIXES


def read_book(path: str | Path) -> Book:
    """The EPUB or PDF book at ``path``, or ``InputFileError`` saying why it cannot be read."""
    # Imported here: a window opening a plain-text article never needs the book types.
    from reader.textio.book import BookFormat

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in BOOK_SUFFIXES:
        raise InputFileError(f"{path}: is not an EPUB or PDF file")
    book_format = BookFormat(suffix.removeprefix("."))
    data = _read_bytes(path)
    if not data:
        raise InputFileError(f"{path}: is empty")
    if book_format is BookFormat.EPUB:
        from reader.textio.epub import read_epub

        book = read_epub(data, str(path))
    else:
        from reader.textio.pdf_text import read_pdf

        book = read_pdf(data, str(path))
    return book


def read_stdin() -> Document:
    """Read standard input to its end as a document (what ``-`` stands for)."""
    if sys.stdin is None:  # started with standard input closed (``<&-``)
        raise InputFileError(f"{STDIN_NAME}: standard input is closed")
    try:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise InputFileError(f"{STDIN_NAME}: cannot be read ({reason})") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputFileError(f"{STDIN_NAME}: is larger than {megabytes(MAX_FILE_BYTES)}")
    return decode_bytes(data, STDIN_NAME)


def decode_bytes(data: bytes, name: str) -> Document:
    """Read ``data`` as a document called ``name`` (whose extension, if any, sets the format)."""
    return _document_from_bytes(data, name, Path(name).suffix, None)


def _read_bytes(path: Path) -> bytes:
    return read_regular_file(path, MAX_FILE_BYTES)


def _document_from_bytes(data: bytes, name: str, suffix: str, path: Path | None) -> Document:
    if not data:
        raise InputFileError(f"{name}: is empty")
    decoded = decode_text(data, name)
    raw_text = _normalise_newlines(decoded.text)
    document_format = _FORMAT_BY_SUFFIX.get(suffix.lower())
    if document_format is None:
        is_html = _LOOKS_LIKE_HTML.match(raw_text)
        document_format = DocumentFormat.HTML if is_html else DocumentFormat.TEXT

    declared_title = ""
    # the HTML and Markdown readers are imported when needed: not on the window's first paint
    if document_format is DocumentFormat.HTML:
        from reader.textio.html_text import html_to_text

        page = html_to_text(raw_text)
        text, declared_title = page.text, page.title
    elif document_format is DocumentFormat.MARKDOWN:
        from reader.textio.markdown_text import markdown_to_text

        markdown = markdown_to_text(raw_text)
        text, declared_title = markdown.text, markdown.title
    else:
        text = raw_text

    offsets = None
    if document_format is DocumentFormat.TEXT:
        crlf = tuple(m.start() - n for n, m in enumerate(re.finditer("\r\n", decoded.text)))
        offsets = InputOffsets(_leading_blank_length(text), crlf)
    text = _strip_blank_edges(text)
    if not text.strip():
        raise InputFileError(f"{name}: contains no text")
    title = declared_title or title_from_text(text)
    return Document(text, title, path, decoded.encoding, document_format, offsets)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strip_blank_edges(text: str) -> str:
    """Drop blank lines at the start and end, keeping the first line's indentation."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _leading_blank_length(text: str) -> int:
    """How many characters of blank lines ``_strip_blank_edges`` drops from the start."""
    position = 0
    while (end := text.find("\n", position)) != -1 and not text[position:end].strip():
        position = end + 1
    return position
