"""``reader glossary list|show|suggest|import|export``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from reader.cli.shared import check_output_path, text_argument
from reader.errors import GlossaryError, ReaderError
from reader.glossary.exchange import (
    FORMATS,
    dump_terms,
    format_of,
    read_terms_file,
    write_atomically,
)
from reader.glossary.handout import HandoutEntry, Paper, QuizKind, entries_for_article
from reader.glossary.handout_choices import (
    HandoutChoices,
    article_source,
    compose_handout,
    handout_date,
)
from reader.glossary.handout_fonts import (
    NO_FONT_NOTICE,
    HanFont,
    best_installed_font,
    font_from_file,
)
from reader.glossary.store import GlossarySet, GlossaryStore, check_glossary_name
from reader.glossary.term import GlossaryTerm

EXPORT_FORMATS = (*FORMATS, "html", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "glossary",
        help="list, show, suggest, import and export glossary terms",
        description="The policy glossary and your own glossaries.",
    )
    commands = parser.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="list the active glossary terms")
    listing.add_argument("--article", metavar="PATH", help="only terms occurring in this text")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="everything the active glossaries say about a term")
    show.add_argument("term", metavar="TERM")
    show.set_defaults(handler=run_show)

    suggest = commands.add_parser(
        "suggest",
        help="whole terms of a text worth a glossary entry",
        description="Prints term, pinyin to check, count, why and first sentence, tab-separated.",
    )
    suggest.add_argument("path", metavar="PATH")
    suggest.add_argument("--limit", type=int, default=40, help="most suggestions (40)")
    suggest.set_defaults(handler=run_suggest)

    importing = commands.add_parser(
        "import",
        help="import terms from a CSV, TSV or JSON file into one of your glossaries",
        description="Checks every row first. With bad rows nothing is imported unless --skip-bad.",
    )
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--into", metavar="NAME", help="glossary to import into (file name)")
    importing.add_argument(
        "--skip-bad", action="store_true", help="import the good rows even if some rows are bad"
    )
    importing.set_defaults(handler=run_import)

    export = commands.add_parser("export", help="write glossary terms to a file or a handout")
    export.add_argument("--name", metavar="NAME", help="one glossary (default: all active)")
    export.add_argument("--article", metavar="PATH", help="only terms occurring in this text")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    export.add_argument("-o", "--output", metavar="FILE", required=True)
    handout = export.add_argument_group("handouts (--format html or pdf)")
    handout.add_argument("--paper", choices=[p.value for p in Paper], default=Paper.A4.value)
    handout.add_argument("--teacher", metavar="TEXT", default="", help="teacher's name or class")
    handout.add_argument("--date", metavar="TEXT", help="date in the title block (default: today)")
    handout.add_argument(
        "--with-article",
        action="store_true",
        help="add the article with pinyin over every character, terms underlined (needs --article)",
    )
    handout.add_argument(
        "--quiz",
        choices=[q.value for q in QuizKind],
        default=QuizKind.NONE.value,
        help="add a quiz page and its answer key: write the English, or write the terms",
    )
    handout.add_argument(
        "--font",
        metavar="PATH",
        help="TrueType font (.ttf or .ttc) to embed for the Chinese in a PDF "
        "(default: the best one installed)",
    )
    handout.add_argument(
        "--all-terms",
        action="store_true",
        help="with --article, list every term of the glossaries, not only the article's",
    )
    export.set_defaults(handler=run_export)


def _read_article(path: str) -> tuple[str, str]:
    from reader.cli.shared import read_input

    document = read_input(path)
    return document.text, document.title or Path(path).stem


def _glossaries(name: str | None) -> GlossarySet:
    store = GlossaryStore()
    if name is None:
        return store.active_set()
    if not store.exists(name):
        raise GlossaryError(f"there is no glossary named “{name}”")
    return GlossarySet([store.load(name)])


def run_list(arguments: argparse.Namespace) -> int:
    glossaries = GlossarySet.load_active()
    if arguments.article is None:
        for term in glossaries.terms():
            print(f"{term.term}\t{term.pinyin}\t{term.english}\t[{term.glossary}]")
        return 0
    text, _ = _read_article(arguments.article)
    entries = entries_for_article(text, glossaries.find_terms(text))
    for entry in entries:
        term = entry.term
        print(f"{term.term}\t{term.pinyin}\t{term.english}\t×{entry.count}")
    print(f"{len(entries)} glossary terms in {arguments.article}", file=sys.stderr)
    return 0


def run_show(arguments: argparse.Namespace) -> int:
    text_argument(arguments.term, "the term")
    term = GlossarySet.load_active().lookup(arguments.term.strip())
    if term is None:
        raise GlossaryError(f"“{arguments.term}” is not in any active glossary")
    lines = [
        f"{term.term}  {term.pinyin}",
        f"English: {term.english}",
        f"Explanation: {term.explanation}" if term.explanation else "",
        f"Category: {term.category}" if term.category else "",
        f"Related: {'、'.join(term.related)}" if term.related else "",
        f"Also written: {'、'.join(term.variants)}" if term.variants else "",
        f"In CC-CEDICT: {'yes' if term.in_cedict else 'no'}",
        f"Example: {term.example}" if term.example else "",
        f"Source: {term.source}" if term.source else "",
        f"Glossary: {term.glossary}",
    ]
    print("\n".join(line for line in lines if line))
    return 0


def run_suggest(arguments: argparse.Namespace) -> int:
    from reader.cli.shared import load_annotator
    from reader.glossary.suggest import suggest_terms

    if arguments.limit < 1:
        raise ReaderError("--limit must be at least 1")
    text, _ = _read_article(arguments.path)
    annotator = load_annotator()
    suggestions = suggest_terms(
        annotator.segment(text),
        annotator.dictionary.__contains__,
        annotator.glossaries,
        limit=arguments.limit,
        reading=lambda word: annotator.describe(word).pinyin,
    )
    for suggestion in suggestions:
        print(
            f"{suggestion.word}\t{suggestion.pinyin}\t×{suggestion.count}"
            f"\t{suggestion.reason.value}\t{suggestion.example}"
        )
    return 0


def run_import(arguments: argparse.Namespace) -> int:
    source = Path(arguments.file)
    name = arguments.into or source.stem
    try:
        text_argument(name, "the glossary name")
        check_glossary_name(name)
    except ReaderError as error:
        raise GlossaryError(f"{error}; choose a glossary with --into NAME") from error
    result = read_terms_file(source, name)
    for bad in result.bad_rows:
        print(f"reader: {source}: {bad}", file=sys.stderr)
    if result.bad_rows and not arguments.skip_bad:
        raise GlossaryError(
            f"{len(result.bad_rows)} bad rows in {source}; nothing imported "
            "(fix them, or import the good rows with --skip-bad)"
        )
    if not result.terms:
        raise GlossaryError(f"{source} has no terms to import")
    added, replaced = GlossaryStore().merge(name, result.terms)
    skipped = f", {len(result.bad_rows)} bad rows skipped" if result.bad_rows else ""
    print(
        f"imported {len(result.terms)} terms into glossary “{name}” "
        f"({added} new, {replaced} replaced{skipped})"
    )
    return 0


def run_export(arguments: argparse.Namespace) -> int:
    output = check_output_path(arguments.output, arguments.article, arguments.font)
    if arguments.format in FORMATS and output.suffix.lower() not in ("", ".txt"):
        named = format_of(output)  # a clear error rather than, say, CSV in a .json file
        if named != arguments.format:
            raise GlossaryError(
                f"{output} is named like a {named.upper()} file but --format is "
                f"{arguments.format}; name it .{arguments.format}"
            )
    if arguments.with_article and arguments.article is None:
        raise GlossaryError("--with-article needs the article: add --article PATH")
    if arguments.font is not None and arguments.format != "pdf":
        raise GlossaryError("--font is for PDF handouts: add --format pdf")
    glossaries = _glossaries(arguments.name)
    if arguments.format in FORMATS:
        if arguments.article is None:
            terms = glossaries.terms()
        else:
            text, _ = _read_article(arguments.article)
            terms = _with_examples(entries_for_article(text, glossaries.find_terms(text)))
        write_atomically(output, dump_terms(terms, arguments.format))
        print(f"wrote {len(terms)} terms to {output}")
        return 0
    choices = HandoutChoices(
        title=f"Glossary: {arguments.name or 'all active glossaries'}",
        date=arguments.date if arguments.date is not None else handout_date(),
        teacher=text_argument(arguments.teacher, "--teacher").strip(),
        paper=Paper(arguments.paper),
        only_in_article=not arguments.all_terms,
        include_article=arguments.with_article,
        quiz=QuizKind(arguments.quiz),
    )
    article_text: str | None = None
    reader = None
    if arguments.article is not None:
        article_text, article_title = _read_article(arguments.article)
        choices = replace(choices, title=article_title, source=article_source(arguments.article))
        if arguments.with_article:
            from reader.cli.shared import load_annotator

            reader = load_annotator().with_glossaries(glossaries)
    handout = compose_handout(glossaries, choices, article_text, reader)
    if arguments.format == "html":
        from reader.glossary.handout_html import build_handout_html

        write_atomically(output, build_handout_html(handout).encode("utf-8"))
    else:
        from reader.glossary.handout_pdf import write_handout_pdf

        write_handout_pdf(handout, output, _handout_font(arguments.font))
    print(f"wrote {len(handout.entries)} terms to {output}")
    return 0


def _handout_font(path: str | None) -> HanFont:
    """The font named with --font, or the best installed one (saying so when there is none)."""
    if path is not None:
        return font_from_file(text_argument(path, "--font"))
    font = best_installed_font()
    if not font.embedded:
        print(f"note: {NO_FONT_NOTICE}", file=sys.stderr)
    return font


def _with_examples(entries: list[HandoutEntry]) -> list[GlossaryTerm]:
    return [replace(entry.term, example=entry.example.text) for entry in entries]
