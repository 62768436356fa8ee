"""``reader readings list|set WORD PINYIN|remove WORD``: the learner's reading corrections.

The same corrections the window's "This is read …" menu makes: a word set
here is read so in the window, in ``reader annotate`` and everywhere else.
"""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.shared import text_argument
from reader.errors import ReaderError
from reader.language.reading_corrections import ReadingCorrections

FORMATS = ("text", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "readings",
        help="list, set and remove your corrections of how words are read",
        description="Your readings of words win over the reader's own (glossary, dictionary, "
        "model), in the window and in every command.",
    )
    commands = parser.add_subparsers(dest="readings_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="list your reading corrections")
    listing.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    listing.set_defaults(handler=run_list)
    setting = commands.add_parser(
        "set",
        help="read WORD as PINYIN from now on",
        description="One syllable per character, numbered or with tone marks: "
        "'reader readings set 重点 chong2 dian3' or 'reader readings set 重点 chóng diǎn'.",
    )
    setting.add_argument("word", metavar="WORD")
    setting.add_argument("pinyin", metavar="PINYIN", nargs="+")
    setting.set_defaults(handler=run_set)
    removing = commands.add_parser("remove", help="let the reader read WORD its own way again")
    removing.add_argument("word", metavar="WORD")
    removing.set_defaults(handler=run_remove)


def _report(corrections: ReadingCorrections) -> None:
    if corrections.problem:  # a damaged file was moved aside: say so, then carry on
        print(f"reader: {corrections.problem}", file=sys.stderr)


def run_list(arguments: argparse.Namespace) -> int:
    store = ReadingCorrections.load()
    _report(store)
    corrections = store.all()
    if arguments.format == "json":
        rows = [
            {"word": c.word, "simplified": c.simplified, "pinyin": " ".join(c.pinyin)}
            for c in corrections
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    for correction in corrections:
        sys.stdout.write(f"{correction.word}\t{' '.join(correction.pinyin)}\n")
    return 0


def run_set(arguments: argparse.Namespace) -> int:
    word = text_argument(arguments.word, "WORD")
    pinyin = text_argument(" ".join(arguments.pinyin), "PINYIN")
    store = ReadingCorrections.to_change()  # the change reads the file, once
    try:
        correction = store.set(word, pinyin)
    finally:
        _report(store)  # a damaged file moved aside, even if saving then failed
    print(f"{correction.word} is read {' '.join(correction.pinyin)} from now on")
    return 0


def run_remove(arguments: argparse.Namespace) -> int:
    word = text_argument(arguments.word, "WORD")
    store = ReadingCorrections.to_change()
    try:
        removed = store.remove(word)
    finally:
        _report(store)
    if removed is None:
        raise ReaderError(f"{word.strip()} has no reading correction (see 'reader readings list')")
    print(f"{removed.word} is read the reader's own way again (was {' '.join(removed.pinyin)})")
    return 0
