"""The ``reader`` command line.

``reader`` with no command opens the window; every other command is a
subcommand registered by a module of this package.  Errors the core raises
(``ReaderError``) are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from reader import paths
from reader.errors import ReaderError

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _pop_data_dir(argv: list[str]) -> list[str]:
    """Take ``--data-dir PATH`` from anywhere on the line, so it may follow a subcommand's arguments."""
    remaining: list[str] = []
    iterator = iter(argv)
    for argument in iterator:
        if argument == "--data-dir":
            value = next(iterator, None)
            if value is None:
                raise ReaderError("--data-dir needs a folder path")
            paths.set_data_dir(value)
        elif argument.startswith("--data-dir="):
            paths.set_data_dir(argument.split("=", 1)[1])
        else:
            remaining.append(argument)
    return remaining


class _Parser(argparse.ArgumentParser):
    """argparse prints several lines and exits; we want one line and status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ReaderError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    from reader.cli import commands

    parser = _Parser(
        prog="reader",
        description="A reading assistant for Chinese. Without a command, opens the reading window.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help="keep vocabulary, glossaries, cache and settings under PATH (also READER_DATA_DIR)",
    )
    parser.add_argument(
        "--cedict",
        metavar="PATH",
        help="use this CC-CEDICT file (cedict_ts.u8, plain or .gz) instead of the bundled one "
        "(also READER_CEDICT)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.register_all(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        arguments = _pop_data_dir(arguments)
        parser = build_parser()
        namespace, extra = parser.parse_known_args(arguments)
        handler: Handler | None = getattr(namespace, "handler", None)
        if handler is None:
            from reader.cli.window import open_window

            return open_window(namespace, extra)
        if extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        return handler(namespace)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
