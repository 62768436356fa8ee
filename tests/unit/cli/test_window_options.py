"""The window's command line: ``reader`` alone is not parsed, so what it stands for must
stay what the parser makes of no arguments."""

from __future__ import annotations

import subprocess
import sys

from reader.cli.window import NO_ARGUMENTS, _parser, parse_window_options
from reader.window_options import WindowOptions


def test_no_arguments_mean_what_the_parser_makes_of_them() -> None:
    assert _parser().parse_args([]) == NO_ARGUMENTS


def test_the_window_alone_opens_the_last_or_bundled_article_with_the_saved_settings() -> None:
    options = parse_window_options([])
    assert isinstance(options, WindowOptions)
    assert (options.path, options.screenshot, options.size, options.pinyin) == (
        None,
        None,
        None,
        None,
    )


def test_the_modules_imported_before_qt_do_not_import_qt() -> None:
    """They are imported first so that PySide's import hook never reads their source;
    one that imported Qt would bring the hook in with it (a fresh process: this one
    has imported Qt long ago)."""
    code = (
        "import importlib, sys\n"
        "from reader.cli.window import _QT_FREE_WINDOW_MODULES\n"
        "for name in _QT_FREE_WINDOW_MODULES: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert finished.stdout.strip() == "[]"
