"""``reader library list [--format text|json]``: what the library panel shows."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reader import articles
from reader.library.store import Library, LibraryEntry

FORMATS = ("text", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "library", help="the books, documents and articles in the library, with progress"
    )
    commands = parser.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    listing = commands.add_parser(
        "list",
        help="list the library: bundled articles, then what you opened, most recent first",
    )
    listing.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    listing.set_defaults(handler=run_list)


def _rows() -> list[dict[str, Any]]:
    library = Library()
    rows = []
    for info in articles.bundled_articles():
        entry = library.entry(str(info.path))
        rows.append(_row(entry or LibraryEntry(str(info.path), info.title, "text"), bundled=True))
    bundled = {row["path"] for row in rows}
    rows += [_row(entry, bundled=False) for entry in library.entries() if entry.path not in bundled]
    return rows


def _row(entry: LibraryEntry, *, bundled: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "path": entry.path,
        "title": entry.title,
        "author": entry.author,
        "kind": entry.kind,
        "bundled": bundled,
        "progress": round(entry.progress, 4),
    }
    if entry.is_book:
        row["continue_chapter"] = entry.last_chapter + 1
        row["chapters"] = [
            {
                "number": number,
                "title": title,
                "progress": round(entry.chapter_progress(number - 1).fraction, 4),
                "known_share": entry.chapter_progress(number - 1).known_share,
            }
            for number, title in enumerate(entry.chapter_titles, 1)
        ]
    return row


def run_list(arguments: argparse.Namespace) -> int:
    rows = _rows()
    if arguments.format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    for row in rows:
        what = "bundled" if row["bundled"] else row["kind"]
        line = f"{round(row['progress'] * 100):>3}%  {what:<8} {row['title']}"
        if len(row.get("chapters", ())) > 1:
            chapter = row["chapters"][row["continue_chapter"] - 1]
            line += f" ({len(row['chapters'])} chapters; continue at {chapter['title']})"
        sys.stdout.write(f"{line}  {row['path']}\n")
    return 0
