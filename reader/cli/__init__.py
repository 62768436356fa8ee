"""The ``reader`` command line.

``reader`` with no command (or with a file to open) starts the window, whose
options ``reader.cli.window`` parses; every other command is a subcommand
registered by a module of this package.  Errors the core raises
(``ReaderError``) are printed as one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import sys
from collections.abc import Callable, Sequence

from reader import paths
from reader.errors import ReaderError

EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def _split_data_dir(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--data-dir PATH`` taken from anywhere on the line (it may follow a command's
    arguments), and the other arguments."""
    data_dir: str | None = None
    remaining: list[str] = []
    iterator = iter(argv)
    for argument in iterator:
        if argument == "--data-dir":
            data_dir = next(iterator, None)
            if data_dir is None:
                raise ReaderError("--data-dir needs a folder path")
        elif argument.startswith("--data-dir="):
            data_dir = argument.split("=", 1)[1]
        else:
            remaining.append(argument)
    if data_dir is not None and not data_dir.strip():
        # An empty path would resolve to the current folder and scatter data there.
        raise ReaderError("--data-dir needs a folder path, not an empty one")
    return data_dir, remaining


def _pop_data_dir(argv: list[str]) -> list[str]:
    data_dir, remaining = _split_data_dir(argv)
    if data_dir is not None:
        try:
            paths.set_data_dir(data_dir)
        except RuntimeError:  # pathlib's word for a loop of symbolic links
            raise ReaderError(f"--data-dir {data_dir}: is a loop of symbolic links") from None
        except OSError as error:
            raise ReaderError(f"--data-dir {data_dir}: cannot be used ({error.strerror})") from None
    return remaining


class _Parser(argparse.ArgumentParser):
    """argparse prints several lines and exits; we want one line and status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # main() prints "reader: " before every error, so only the subcommand is named here.
        command = self.prog.removeprefix("reader").strip()
        where = f"{command}: " if command else ""
        raise ReaderError(f"{where}{message} (see '{self.prog} --help')")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    from reader.cli import commands

    parser = _Parser(
        prog="reader",
        description="A reading assistant for Chinese. Without a command, opens the reading window.",
        epilog="Window: reader [PATH] [--screenshot OUT.png] [--size WxH] "
        "[--pinyin off|hover|above|unknown] opens PATH (the bundled article when left out); "
        "--screenshot renders the window, once the article is annotated, to a PNG and exits; "
        "--pinyin sets how pinyin is shown for that run.",
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


_GLOBAL_OPTIONS_WITH_VALUES = frozenset({"--cedict", "--screenshot", "--size", "--pinyin"})


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


def _write_undecodable_names_back() -> None:
    """Print a file name holding bytes that are not UTF-8 as those same bytes.

    Python hands such bytes of the command line over as lone surrogates; a UTF-8
    standard output outside the C locale refuses them with a traceback.
    """
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if encoding == "utf8" and getattr(stream, "errors", None) == "strict":
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # started with standard output closed (``>&-``): output goes nowhere
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives as long as we do)
    _write_undecodable_names_back()
    try:
        arguments = _pop_data_dir(arguments)
        command = _command_named(arguments)
        if command is None:
            from reader.cli.window import run_window

            return run_window(arguments)
        parser = build_parser(command or None)
        namespace = parser.parse_args(arguments)
        if namespace.cedict:
            os.environ[paths.CEDICT_ENV] = namespace.cedict  # read by paths.chosen_cedict
        handler: Handler = namespace.handler
        return handler(namespace)
    except ReaderError as error:
        print(f"reader: {_one_line(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeEncodeError as error:
        if error.encoding.lower().replace("-", "") in ("utf8", "utf16", "utf32"):
            raise  # not a terminal that cannot show Chinese: a bug to see in full
        encoding = getattr(sys.stdout, "encoding", None) or error.encoding
        print(
            f"reader: the output's encoding ({encoding}) cannot show "
            f"{error.object[error.start : error.end]!r}; use a UTF-8 locale (LANG=C.UTF-8) "
            "or write to a file with -o",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:
        # A path the file system refuses before any command could say more: a name too
        # long, a --data-dir that is a loop of links.  Anything else is a bug to see whole.
        if error.errno not in _PATH_ERRNOS:
            raise
        where = f"{error.filename}: " if error.filename else ""
        print(f"reader: {_one_line(where + (error.strerror or str(error)))}", file=sys.stderr)
        return EXIT_USAGE


_PATH_ERRNOS = frozenset(
    {errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR, errno.EACCES, errno.EROFS, errno.ENOENT}
)
# Every character Python's str.splitlines (and a terminal) breaks a line at.
_LINE_BREAKS = str.maketrans(
    {
        char: char.encode("unicode_escape").decode("ascii")
        for char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
    }
)


def _one_line(message: str) -> str:
    """``message`` on one line: a file name holding a line break shows it as ``\\n``."""
    return message.translate(_LINE_BREAKS)


def run() -> None:
    """The ``reader`` program: ``main`` on the command line, then exit.

    A command (not the window) is a short-lived process that loads large
    dictionaries: the cyclic garbage collector only slows their loading, and
    freeing them one object at a time at exit costs a noticeable part of a
    second.  So a command runs without the collector and leaves with
    ``os._exit`` once its output is flushed and its files closed.  The window
    runs without the collector only until its first paint, and exits normally,
    so that Qt and its settings shut down as usual.
    """
    try:
        _, arguments = _split_data_dir(sys.argv[1:])
        is_command = _command_named(arguments) is not None
    except ReaderError:
        is_command = False  # main() reports the mistake
    if not is_command:
        # The window's start, too, makes many objects and no garbage worth collecting;
        # reader.ui.app turns the collector back on once the window has painted.
        gc.disable()
        sys.exit(main())
    gc.disable()
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass  # the reader of our output has gone; nothing more to tell it
    os._exit(status)
