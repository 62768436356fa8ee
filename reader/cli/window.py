"""``reader [PATH] [--screenshot OUT.png] [--size WxH] [--pinyin MODE] [--cedict PATH]``.

The reading window.  The options are checked here, before Qt is imported, so a mistake gives one
line and status 2 without a window flashing up.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from pathlib import Path

from reader import paths
from reader.errors import ReaderError
from reader.window_options import WindowOptions

MIN_SIZE = 200
MAX_SIZE = 10000
# --pinyin's choices, as the View menu's pinyin modes store them in the settings.
PINYIN_CHOICES = {"off": "off", "hover": "hover", "above": "above_all", "unknown": "above_unknown"}


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise ReaderError(f"{message} (see 'reader --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _WindowParser(
        prog="reader",
        description="Open the reading window (on the bundled article when no PATH is given). "
        "Commands: annotate, lookup, glossary, vocab, speak (see 'reader COMMAND --help').",
    )
    parser.add_argument("path", nargs="?", metavar="PATH", help="a .txt, .md or .html article")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="render the window to OUT.png once the article is annotated, then exit",
    )
    parser.add_argument("--size", metavar="WxH", help="window size, e.g. 1280x800")
    parser.add_argument(
        "--pinyin",
        choices=list(PINYIN_CHOICES),
        help="show pinyin this way for this run (not saved): off, on hover, above every "
        "word, above unknown words",
    )
    parser.add_argument("--cedict", metavar="PATH", help="use this CC-CEDICT file instead")
    parser.add_argument("--data-dir", metavar="PATH", help="keep data and settings under PATH")
    return parser


def parse_size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    if match is None:
        raise ReaderError(f"--size: expected WIDTHxHEIGHT such as 1280x800, got {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    if not (MIN_SIZE <= width <= MAX_SIZE and MIN_SIZE <= height <= MAX_SIZE):
        raise ReaderError(
            f"--size: {width}x{height} is out of range ({MIN_SIZE} to {MAX_SIZE} pixels each way)"
        )
    return width, height


NO_ARGUMENTS = argparse.Namespace(
    path=None, screenshot=None, size=None, pinyin=None, cedict=None, data_dir=None
)
"""What ``_parser`` makes of no arguments (a test keeps the two the same)."""


def parse_window_options(arguments: list[str]) -> WindowOptions:
    """The window's options, checked; a ReaderError with one line for anything wrong."""
    # ``reader`` alone, the usual start, is not parsed: a first argparse parser looks
    # for translations of its messages on disk (gettext), 5 ms before the window.
    namespace = _parser().parse_args(arguments) if arguments else NO_ARGUMENTS
    if namespace.data_dir:  # normally taken off the line already by reader.cli.main
        paths.set_data_dir(namespace.data_dir)
    screenshot = None
    if namespace.screenshot is not None:
        screenshot = Path(namespace.screenshot).expanduser()
        if screenshot.suffix.lower() not in (".png", ".jpg", ".jpeg", ".bmp"):
            raise ReaderError(f"--screenshot: {screenshot} should end in .png (or .jpg, .bmp)")
        if screenshot.parent.exists() and not screenshot.parent.is_dir():
            raise ReaderError(f"--screenshot: {screenshot.parent} is a file, not a folder")
        if not screenshot.parent.is_dir():
            raise ReaderError(f"--screenshot: folder {screenshot.parent} does not exist")
        if screenshot.is_dir():
            raise ReaderError(f"--screenshot: {screenshot} is a folder, not a file name")
    size = parse_size(namespace.size) if namespace.size is not None else None
    cedict = paths.chosen_cedict(namespace.cedict)
    if cedict is not None and not cedict.is_file():
        raise ReaderError(f"--cedict: {cedict} is not a file")
    pinyin = PINYIN_CHOICES[namespace.pinyin] if namespace.pinyin is not None else None
    return WindowOptions(namespace.path, screenshot, size, cedict, pinyin)


def _choose_platform(screenshot: bool) -> None:
    """Render offscreen for a screenshot without a display; refuse a window without one.

    Without this, Qt aborts the process with a multi-line plugin error.
    """
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return
    raise ReaderError(
        "no display to open the window on (DISPLAY is not set); "
        "run it in a desktop session, or use --screenshot OUT.png"
    )


_QT_FREE_WINDOW_MODULES = (
    "queue",  # the background worker's
    "reader.annotation.startup",
    "reader.glossary.sentences",
    "reader.language.hsk",
    "reader.language.tokens",
    "reader.language.tones",
    "reader.library.store",
    "reader.textio.reading",
    "reader.ui.ruby_layout",
    "reader.wording",
)
"""Imported before Qt (with the modules they import).  Once imported, PySide reads the
source of every module imported after it, looking for its own name (its
``__feature__`` switch): 2.5 % of the work before the window's first paint."""


def run_window(arguments: list[str]) -> int:
    """Parse ``arguments`` and run the window until it closes; the exit status."""
    options = parse_window_options(arguments)
    _choose_platform(options.screenshot is not None)
    for name in _QT_FREE_WINDOW_MODULES:
        importlib.import_module(name)
    from reader.ui.app import run

    return run(options)
