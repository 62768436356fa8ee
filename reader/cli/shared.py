"""Small pieces several commands share: reading the input, loading the annotator, writing files."""

from __future__ import annotations

import os
from pathlib import Path

from reader.annotation import Annotator
from reader.errors import ReaderError
from reader.textio.reading import Document, read_document, read_stdin


def read_input(path: str | None) -> Document:
    """The file at ``path``, standard input for ``-``, or the bundled article when None."""
    if path == "-":
        return read_stdin()
    if path is None:
        from reader.articles import default_article

        return read_document(default_article().path)
    return read_document(path)


def load_annotator() -> Annotator:
    source = os.environ.get("READER_CEDICT")
    return Annotator.create(Path(source) if source else None)


def write_text_file(path: str, text: str) -> None:
    target = Path(path)
    try:
        temporary = target.with_name(f".{target.name}.partial")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError as error:
        raise ReaderError(f"cannot write {path}: {error.strerror or error}") from error
