"""The articles bundled with the reader, and what their metadata says about them.

Each article is a UTF-8 ``<name>.txt`` in ``paths.bundled_articles_dir()`` with
an optional sidecar ``<name>.json`` beside it::

    {"title": "...", "source": "...", "reporters": ["..."], "language": "zh-Hans",
     "notes": ["..."], "captions": ["..."], "repeated_passages": ["..."],
     "corrections": [{"printed": "...", "correct": "...", "note": "..."}]}

Every field is optional; without a title the file name stands in.
``captions`` lists lines of the text that are photo captions, and
``repeated_passages`` passages the original prints twice by mistake, so that
neither has to be recognised again from the text.  ``corrections`` records
misprints that are kept as printed: the text stays faithful to the page, and
the glossary explains the right form under the misprinted one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader import paths
from reader.errors import InputFileError, ReaderError


@dataclass(frozen=True, slots=True)
class Correction:
    """A misprint the article keeps as printed, and what the original meant."""

    printed: str
    correct: str
    note: str


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """A bundled article: its file, and what its metadata says about it."""

    path: Path
    title: str
    source: str
    reporters: tuple[str, ...]
    language: str
    notes: tuple[str, ...]
    """Remarks about the text and how it was prepared, for a curious reader."""
    captions: tuple[str, ...]
    repeated_passages: tuple[str, ...]
    corrections: tuple[Correction, ...] = ()


def bundled_articles() -> list[ArticleInfo]:
    """Every bundled article, sorted by file name."""
    folder = paths.bundled_articles_dir()
    if not folder.is_dir():
        return []
    return [_article_info(text_file) for text_file in sorted(folder.glob("*.txt"))]


def default_article() -> ArticleInfo:
    """The article the reader opens when it is given none: the first bundled one."""
    found = bundled_articles()
    if not found:
        raise ReaderError(f"no bundled articles found in {paths.bundled_articles_dir()}")
    return found[0]


def article_for_path(path: str | Path) -> ArticleInfo | None:
    """The bundled article stored at ``path``, or ``None`` if ``path`` is not one."""
    path = Path(path)
    if path.suffix != ".txt":
        return None
    try:
        resolved = path.resolve()
        folder = paths.bundled_articles_dir().resolve()
    except OSError:
        return None
    if resolved.parent != folder or not resolved.is_file():
        return None
    return _article_info(resolved)


def _article_info(text_file: Path) -> ArticleInfo:
    sidecar = text_file.with_suffix(".json")
    metadata = _read_sidecar(sidecar) if sidecar.is_file() else {}
    return ArticleInfo(
        path=text_file,
        title=_text_field(metadata, "title", sidecar) or text_file.stem,
        source=_text_field(metadata, "source", sidecar),
        reporters=_list_field(metadata, "reporters", sidecar),
        language=_text_field(metadata, "language", sidecar),
        notes=_list_field(metadata, "notes", sidecar),
        captions=_list_field(metadata, "captions", sidecar),
        repeated_passages=_list_field(metadata, "repeated_passages", sidecar),
        corrections=_corrections(metadata, sidecar),
    )


def _read_sidecar(sidecar: Path) -> dict[str, Any]:
    try:
        metadata = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputFileError(f"{sidecar}: article metadata cannot be read ({error})") from None
    if not isinstance(metadata, dict):
        raise InputFileError(f"{sidecar}: article metadata must be a JSON object")
    return metadata


def _text_field(metadata: dict[str, Any], key: str, sidecar: Path) -> str:
    value = metadata.get(key, "")
    if not isinstance(value, str):
        raise InputFileError(f"{sidecar}: '{key}' must be a string")
    return value.strip()


def _list_field(metadata: dict[str, Any], key: str, sidecar: Path) -> tuple[str, ...]:
    value = metadata.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InputFileError(f"{sidecar}: '{key}' must be a list of strings")
    return tuple(value)


def _corrections(metadata: dict[str, Any], sidecar: Path) -> tuple[Correction, ...]:
    value = metadata.get("corrections", [])
    fields = ("printed", "correct", "note")
    if not isinstance(value, list) or not all(
        isinstance(item, dict) and all(isinstance(item.get(key), str) for key in fields)
        for item in value
    ):
        raise InputFileError(
            f"{sidecar}: 'corrections' must be a list of objects with printed, correct and note"
        )
    return tuple(Correction(item["printed"], item["correct"], item["note"]) for item in value)
