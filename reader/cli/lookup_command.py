"""``reader lookup WORD`` / ``--pinyin QUERY`` / ``--english QUERY``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from reader.annotation.output import entry_to_dict, glossary_to_dict
from reader.cli.shared import load_annotator, text_argument
from reader.dictionary.entry import Entry
from reader.dictionary.search import QueryKind, SearchResults, search
from reader.errors import ReaderError
from reader.glossary.matching import strip_ignored
from reader.language.hsk import hsk_label

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "lookup",
        help="look a word up in CC-CEDICT and the glossaries, or search by pinyin or English",
        description="Show every dictionary entry for WORD, its glossary entry and its characters; "
        "or search CC-CEDICT and the glossaries by pinyin (with or without tones and spaces) "
        "or by English.",
    )
    parser.add_argument("word", nargs="?", metavar="WORD")
    parser.add_argument(
        "--pinyin", metavar="QUERY", help="search by pinyin: hezhangzhi, he2 zhang3"
    )
    parser.add_argument("--english", metavar="QUERY", help="search by English words")
    parser.add_argument("--limit", type=int, default=20, help="most results for a search (20)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    chosen = [a for a in (arguments.word, arguments.pinyin, arguments.english) if a]
    if len(chosen) != 1:
        raise ReaderError("lookup needs exactly one of WORD, --pinyin QUERY or --english QUERY")
    if not chosen[0].strip():
        raise ReaderError("lookup needs a non-empty word or query")
    text_argument(chosen[0], "the word or query")
    if arguments.limit < 1:
        raise ReaderError("--limit must be at least 1")
    annotator = load_annotator()
    if arguments.word:
        return _show_word(annotator, arguments.word.strip(), arguments.format)
    kind = QueryKind.PINYIN if arguments.pinyin else QueryKind.ENGLISH
    results = search(
        annotator.dictionary,
        annotator.glossaries,
        arguments.pinyin or arguments.english,
        kind,
        limit=arguments.limit,
    )
    _print_results(results, arguments.format)
    return 0


def _show_word(annotator: WordAnnotator, word: str, output_format: str) -> int:
    info = annotator.describe(word)
    breakdown = annotator.dictionary.breakdown(word) if len(word) > 1 else ()
    if not info.entries and info.glossary is None and not any(e for _, e in breakdown):
        raise ReaderError(f"'{word}' is not in CC-CEDICT or any active glossary")
    if output_format == "json":
        document = {
            "word": word,
            "pinyin": list(info.pinyin),
            "hsk": info.hsk,
            "glossary": glossary_to_dict(info.glossary) if info.glossary else None,
            "definitions": [entry_to_dict(e) for e in info.entries],
            "characters": [
                {"character": char, "definitions": [entry_to_dict(e) for e in entries]}
                for char, entries in breakdown
            ],
        }
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return 0
    out = sys.stdout
    level = f"   {hsk_label(info.hsk)}" if info.hsk else ""
    out.write(f"{word}   {' '.join(info.pinyin)}{level}\n")
    if info.glossary is not None:
        term = info.glossary
        # a variant spelling (慧智管) names the term it stands for (穗智管)
        name = f"{term.term} " if strip_ignored(word) != term.term else ""
        out.write(
            f"\nGlossary ({term.glossary or 'bundled'}): {name}{term.pinyin} — {term.english}\n"
        )
        if term.explanation:
            out.write(f"  {term.explanation}\n")
    if info.entries:
        out.write("\nCC-CEDICT:\n")
        for entry in info.entries:
            _write_entry(entry)
    if breakdown:
        out.write("\nCharacters:\n")
        for char, entries in breakdown:
            readings = "; ".join(f"{e.pinyin}: {', '.join(e.senses[:2])}" for e in entries[:3])
            out.write(f"  {char}  {readings or '(not in CC-CEDICT)'}\n")
    return 0


def _write_entry(entry: Entry) -> None:
    forms = (
        entry.simplified
        if entry.simplified == entry.traditional
        else (f"{entry.simplified} ({entry.traditional})")
    )
    sys.stdout.write(f"  {forms} [{entry.pinyin}]\n")
    for number, sense in enumerate(entry.senses, 1):
        sys.stdout.write(f"    {number}. {sense}\n")
    if entry.classifiers:
        classifiers = ", ".join(f"{c.simplified} {c.pinyin}" for c in entry.classifiers)
        sys.stdout.write(f"    classifiers: {classifiers}\n")


def _print_results(results: SearchResults, output_format: str) -> None:
    terms, entries = results.terms, results.entries
    if output_format == "json":
        document = {
            "glossary": [glossary_to_dict(t) for t in terms],
            "definitions": [entry_to_dict(e) for e in entries],
        }
        print(json.dumps(document, ensure_ascii=False, indent=1))
        return
    if not terms and not entries:
        print("no matches")
        return
    for term in terms:
        print(f"{term.term}  {term.pinyin}  — {term.english}   [glossary]")
    for entry in entries:
        print(f"{entry.simplified}  {entry.pinyin}  — {'; '.join(entry.senses[:3])}")
