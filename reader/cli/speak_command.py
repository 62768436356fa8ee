"""``reader speak TEXT|--file PATH [--voice NAME] [--rate R]`` and ``reader speak --list-voices``.

The arguments are checked here, before Qt is imported; the speaking itself is
done by ``reader.ui.speech_cli`` (Qt may only be imported under ``reader/ui``).
No engine, or no Chinese voice when none was named, is one line and status 2.
"""

from __future__ import annotations

import argparse
from types import ModuleType

from reader.cli.shared import read_input, text_argument
from reader.errors import ReaderError
from reader.speech.preferences import SpeechPreferences, parse_level

MAX_CHARACTERS = 200_000  # a long book is read in the window, where it can be paused


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    parser = subparsers.add_parser(
        "speak",
        help="read Chinese text aloud with the system's voices",
        description="Read TEXT (or a file) aloud with a Chinese voice of the system's speech "
        "engine, or list the voices.",
    )
    parser.add_argument("text", nargs="?", metavar="TEXT")
    parser.add_argument("--file", metavar="PATH", help="read this file aloud (- for stdin)")
    parser.add_argument("--voice", metavar="NAME", help="a voice from --list-voices")
    parser.add_argument("--rate", metavar="R", help="-1 (slow) to 1 (fast); 0 is normal")
    parser.add_argument("--engine", metavar="NAME", help="a speech engine (see --list-voices)")
    parser.add_argument("--list-voices", action="store_true", help="list the engines' voices")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def run(arguments: argparse.Namespace) -> int:
    preferences = SpeechPreferences(
        engine=arguments.engine or "",
        voice=arguments.voice or "",
        rate=parse_level(arguments.rate, "--rate") if arguments.rate is not None else 0.0,
    )
    if arguments.list_voices:
        if arguments.text is not None or arguments.file is not None:
            raise ReaderError("speak: --list-voices takes no TEXT or --file")
        return _speech_cli().list_voices(preferences.engine, arguments.format)
    return _speak(arguments, preferences)


def _speak(arguments: argparse.Namespace, preferences: SpeechPreferences) -> int:
    if (arguments.text is None) == (arguments.file is None):
        raise ReaderError("speak needs TEXT or --file PATH (one of them)")
    if arguments.file is not None:
        text = read_input(arguments.file).text
    else:
        text = text_argument(arguments.text, "TEXT")
    if not text.strip():
        raise ReaderError("speak: there is no text to read")
    if len(text) > MAX_CHARACTERS:
        raise ReaderError(
            f"speak: the text has {len(text):,} characters; open it in the window to hear "
            f"more than {MAX_CHARACTERS:,}"
        )
    return _speech_cli().speak(text, preferences)


def _speech_cli() -> ModuleType:
    """``reader.ui.speech_cli``, or a ReaderError when Qt's speech module cannot load."""
    try:
        import reader.ui.speech_cli as speech_cli
    except ImportError as error:  # e.g. libpulse.so.0, which Qt's speech module links to
        raise ReaderError(f"speak: Qt's speech module cannot load ({error})") from error
    return speech_cli
