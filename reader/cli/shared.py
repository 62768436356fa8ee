"""Small pieces several commands share: reading the input, loading the annotator, writing files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.atomic_files import replace_atomically
from reader.errors import ReaderError
from reader.textio.reading import Document, is_book_path, read_book, read_document, read_stdin


def read_input(path: str | None) -> Document:
    """The file at ``path``, standard input for ``-``, or the bundled article when None."""
    if path == "-":
        return read_stdin()
    if path is None:
        from reader.articles import default_article

        return read_document(default_article().path)
    return read_document(path)


def read_chapter(path: str | None, number: int) -> tuple[str, str]:
    """The text of chapter ``number`` (from 1) of the book at ``path``, and its title."""
    if path is None or path == "-" or not is_book_path(path):
        raise ReaderError("--chapter needs an EPUB or PDF book")
    book = read_book(path)
    if number < 1:
        raise ReaderError(f"--chapter counts from 1 (the book has {len(book.chapter_titles)})")
    text = book.chapter_text(number - 1)
    if not text.strip():
        raise ReaderError(f"{path}: chapter {number} holds no text")
    return text, f"{book.title}: {book.chapter_titles[number - 1]}"


if TYPE_CHECKING:
    from reader.annotation.annotator import Annotator


def load_annotator() -> Annotator:
    """The annotator, imported only by commands that need it (jieba and pypinyin load slowly)."""
    import sys

    from reader import paths
    from reader.annotation.annotator import Annotator

    annotator = Annotator.create(paths.chosen_cedict())
    if annotator.corrections.problem:  # the reading corrections: a damaged file moved aside
        print(f"reader: {annotator.corrections.problem}", file=sys.stderr)
    return annotator


def text_argument(value: str, what: str) -> str:
    """``value`` if it is text; a ReaderError when the terminal passed bytes that are not.

    Python hands undecodable bytes of the command line over as lone surrogates, which
    would fail far away (in the dictionary, in SQLite, when printing) with a traceback.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ReaderError(
            f"{what} is not valid text (the terminal passed bytes that are not UTF-8)"
        ) from None
    return value


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (
            first.exists() and second.exists() and os.path.samefile(first, second)
        )
    except (OSError, RuntimeError):  # a loop of links, an unreadable folder: not provably one
        return False


def check_output_path(output: str | Path, *inputs: str | Path | None) -> Path:
    """``output`` as a Path, refused when writing it would destroy something of the user's.

    That is one of the ``inputs`` the command reads, or the vocabulary database, its
    backups, the reading corrections, the user's glossaries or the settings (which an
    export written over them would replace).  A folder that does not exist is refused
    rather than created.
    """
    from reader import paths

    target = Path(output)
    if not target.name or target.name in (".", ".."):
        raise ReaderError(f"{output!r} is not a file name to write to")
    if _same_file(target.parent, paths.config_dir()):
        raise ReaderError(f"{output} is in the reader's settings folder; write to another folder")
    for source in inputs:
        if source is not None and source != "-" and _same_file(target, Path(source)):
            raise ReaderError(f"{output} is the file being read; write to another file")
    database = paths.vocabulary_db()
    protected = [database, Path(f"{database}-wal"), Path(f"{database}-journal")]
    if any(_same_file(target, path) for path in protected) or _same_file(
        target.parent, paths.backups_dir()
    ):
        raise ReaderError(f"{output} is part of your saved vocabulary; write to another file")
    if _same_file(target, paths.reading_corrections_file()):
        raise ReaderError(f"{output} holds your reading corrections; write to another file")
    if _same_file(target.parent, paths.user_glossaries_dir()):
        raise ReaderError(
            f"{output} is in the folder of your saved glossaries; write to another folder "
            "(use 'reader glossary import' to add terms to a glossary)"
        )
    if target.parent.exists() and not target.parent.is_dir():
        raise ReaderError(f"cannot write {output}: {target.parent} is a file, not a folder")
    if not target.parent.is_dir():
        # Creating folders the user did not ask for hides a typing mistake in the path.
        raise ReaderError(
            f"cannot write {output}: the folder {target.parent} does not exist; create it first"
        )
    return target


def write_text_chunks(path: str, chunks: Iterable[str]) -> None:
    """Replace ``path`` with the chunks' text in one step, never whole in memory.

    A failure leaves no partial file behind.
    """

    def write(target: Path) -> None:
        with open(target, "w", encoding="utf-8", newline="") as file:
            for chunk in chunks:
                file.write(chunk)

    try:
        replace_atomically(path, write)
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from error
