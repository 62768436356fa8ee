"""``reader annotate [PATH|-] --format json|text|html``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reader.cli.shared import (
    check_output_path,
    load_annotator,
    read_chapter,
    read_input,
    write_text_chunks,
)

if TYPE_CHECKING:
    from reader.annotation.word_info import WordInfo

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
    from reader.annotation.stats import annotator_article_stats

    if arguments.output is not None:
        check_output_path(arguments.output, arguments.path)
    if arguments.chapter is not None:
        text, source = read_chapter(arguments.path, arguments.chapter)
        input_offsets = None  # offsets index the chapter's text, which the output carries
    else:
        document = read_input(arguments.path)
        text, source, input_offsets = document.text, document.title, document.input_offsets
    annotator = load_annotator()
    if arguments.format == "html":
        chunks: Iterable[str] = [annotated_output.to_html(annotator.annotate(text, source=source))]
    else:
        # Word by word from the segmentation, streamed out: memory stays that of the
        # segmentation whatever the size of the output (JSON is ~100 times the input).
        segmented = annotator.segment(text)
        words = _with_progress(
            (annotator.word_info(segmented, i) for i in range(len(segmented))), len(segmented)
        )
        if arguments.format == "json":
            chunks = annotated_output.json_chunks(
                source,
                words,
                lambda: annotator_article_stats(annotator, segmented),
                input_offset=input_offsets,
                text=text,
            )
        else:
            chunks = annotated_output.text_chunks(words)
    if arguments.output is not None:
        write_text_chunks(arguments.output, _ending_with_newline(chunks))
    else:
        for chunk in _ending_with_newline(chunks):
            sys.stdout.write(chunk)
    return 0


_PROGRESS_FROM_TOKENS = 200_000  # about a second of work: shorter runs need no bar


def _with_progress(words: Iterator[WordInfo], total: int) -> Iterator[WordInfo]:
    """``words`` unchanged; on a terminal, a long run shows how far it got on stderr."""
    if total < _PROGRESS_FROM_TOKENS or not (sys.stderr and sys.stderr.isatty()):
        yield from words
        return
    step = total // 100
    for number, word in enumerate(words):
        if number % step == 0:
            sys.stderr.write(f"\rreader: annotating {number * 100 // total:3d}%")
            sys.stderr.flush()
        yield word
    sys.stderr.write("\r" + " " * 30 + "\r")  # the bar leaves no line behind
    sys.stderr.flush()


def _ending_with_newline(chunks: Iterable[str]) -> Iterator[str]:
    last = ""
    for chunk in chunks:
        if chunk:
            last = chunk
            yield chunk
    if not last.endswith("\n"):
        yield "\n"
