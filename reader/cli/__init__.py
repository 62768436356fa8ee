"""The ``reader`` command line.

``reader`` with no command (or with a file to open) starts the window, whose
options ``reader.cli.window`` parses; every other command is a subcommand
registered by a module of this package.  Errors the core raises
(``ReaderError``) are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from reader import paths
from reader.errors import ReaderError

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _pop_data_dir(argv: list[str]) -> list[str]:
    """Take ``--data-dir PATH`` from anywhere on the line (it may follow a command's arguments)."""
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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    from reader.cli import commands

    parser = _Parser(
        prog="reader",
        description="A reading assistant for Chinese. Without a command, opens the reading window.",
        epilog="Window: reader [PATH] [--screenshot OUT.png] [--size WxH] opens PATH (the "
        "bundled article when left out); --screenshot renders the window, once the article "
        "is annotated, to a PNG and exits.",
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
    commands.register_all(subparsers, only)
    return parser


_GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--cedict", "--screenshot", "--size"})


def _command_named(arguments: list[str]) -> str | None:
    """The subcommand the arguments name; "" for plain help; None when they name a file to open."""
    from reader.cli.commands import COMMAND_MODULES

    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
        elif argument in _GLOBAL_OPTIONS_WITH_VALUES:
            skip_next = True
        elif argument in ("-h", "--help"):
            return ""
        elif not argument.startswith("-") or argument == "-":
            return argument if argument in COMMAND_MODULES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        arguments = _pop_data_dir(arguments)
        command = _command_named(arguments)
        if command is None:
            from reader.cli.window import run_window

            return run_window(arguments)
        parser = build_parser(command or None)
        namespace = parser.parse_args(arguments)
        if namespace.cedict:
            os.environ["READER_CEDICT"] = namespace.cedict
        handler: Handler = namespace.handler
        return handler(namespace)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
