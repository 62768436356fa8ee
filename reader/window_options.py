"""What the reading window is asked to do when it starts, as plain data.

Made by the command line (``reader.cli.window`` checks the options before
Qt is imported) and read by ``reader.ui.app``; this module imports no Qt, so
the command line can build one without loading the toolkit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WindowOptions:
    path: str | None
    """The article to open; None: the last one read, else the bundled article."""
    screenshot: Path | None
    """Render the window to this file once the article is annotated, then exit."""
    size: tuple[int, int] | None
    """Window width and height in pixels; None: the saved geometry."""
    cedict: Path | None
    """The CC-CEDICT file to use for this run; None: the saved choice or the bundled one."""
    pinyin: str | None = None
    """A PinyinMode value for this run only (``--pinyin``), not saved; None: the saved mode."""
