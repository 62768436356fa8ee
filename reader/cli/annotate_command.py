"""``reader annotate [PATH|-] --format json|text|html``."""

from __future__ import annotations

import argparse
import sys

from reader.cli.shared import (
    check_output_path,
    load_annotator,
    read_chapter,
    read_input,
    write_text_file,
)

FORMATS = ("json", "text", "html")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "annotate",
        help="give every word of a text its pinyin, definitions, glossary entry and HSK level",
        description="Annotate a Chinese text file (or standard input with '-'; the bundled "
        "article when PATH is left out).",
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH|-", help="a .txt, .md, .html, .epub or .pdf file, or -"
    )
    parser.add_argument(
        "--chapter",
        type=int,
        metavar="N",
        help="only chapter N of an EPUB book (1 is the first; the whole book without it)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    from reader.annotation import output as annotated_output

    if arguments.output is not None:
        check_output_path(arguments.output, arguments.path)
    if arguments.chapter is not None:
        text, source = read_chapter(arguments.path, arguments.chapter)
    else:
        document = read_input(arguments.path)
        text, source = document.text, document.title
    annotation = load_annotator().annotate(text, source=source)
    render = {
        "json": annotated_output.to_json,
        "text": annotated_output.to_text,
        "html": annotated_output.to_html,
    }[arguments.format]
    output = render(annotation)
    if arguments.output is not None:
        write_text_file(arguments.output, output)
    else:
        sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return 0
