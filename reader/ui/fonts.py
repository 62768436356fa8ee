"""Choosing a font that has Chinese characters.

Without a CJK font Qt draws every character as an empty box, so the window
says once how to install one.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtGui import QFont, QFontDatabase

# Preferred families, best first; any other family that declares Simplified
# Chinese support comes after these.
PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "Sarasa Gothic SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimSun",
)


_font_list_reader: threading.Thread | None = None


def start_reading_font_list() -> None:
    """Have Qt read the system's font list in a thread of its own, now.

    The first question about fonts makes Qt read the list from fontconfig, about
    5 ms.  Asked at start-up while the window's modules are imported, the answer
    is ready when the article's font is chosen.  Qt's font database may be used
    from any thread and releases Python's lock while it reads.
    """
    global _font_list_reader
    if _font_list_reader is None:
        _font_list_reader = threading.Thread(
            target=QFontDatabase.families, name="font list", daemon=True
        )
        _font_list_reader.start()


def cjk_families() -> list[str]:
    """Installed families that can show Simplified Chinese, preferred ones first."""
    if _font_list_reader is not None:
        _font_list_reader.join()  # read by then: no font work runs beside the window's
    available = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    preferred = [family for family in PREFERRED_FAMILIES if family in available]
    return preferred + sorted(f for f in available if f not in preferred)


def pick_cjk_family() -> str | None:
    """The family the article is shown in, or None when the system has no CJK font."""
    families = cjk_families()
    return families[0] if families else None


def article_font(point_size: float) -> QFont:
    """The article's font: a CJK family when there is one, the default family otherwise."""
    font = QFont()
    family = pick_cjk_family()
    if family is not None:
        font.setFamilies([family, *font.families()])
    font.setPointSizeF(point_size)
    return font


def missing_font_message() -> str:
    """What to tell a user whose system has no font for Chinese."""
    if sys.platform.startswith("linux"):
        how = "install one, e.g. 'sudo apt install fonts-noto-cjk' (Debian/Ubuntu) or "
        how += "'sudo dnf install google-noto-sans-cjk-fonts' (Fedora), then restart the reader"
    elif sys.platform == "darwin":
        how = "macOS normally ships PingFang SC; reinstall the system fonts or add Noto Sans CJK"
    else:
        how = "install a Chinese font such as Noto Sans CJK SC or Microsoft YaHei"
    return f"No Chinese font found, so characters may show as boxes: {how}."
