"""Small pieces several commands share: reading the input, loading the annotator, writing files."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

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


if TYPE_CHECKING:
    from reader.annotation import Annotator


def load_annotator() -> Annotator:
    """The annotator, imported only by commands that need it (jieba and pypinyin load slowly)."""
    from reader.annotation import Annotator

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
