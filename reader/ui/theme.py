"""Light and dark palettes, and following the system's choice.

The Fusion style is used in every theme so that a palette looks the same on
every platform.  There is no style sheet: under one, Qt styles every widget
through a style-sheet style that reads its properties when it is made or
reparented (3 % of the work before the window's first paint) and does not pass
a new palette on by itself; the few adjustments are set on the widgets.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {Theme.SYSTEM: "Follow system", Theme.LIGHT: "Light", Theme.DARK: "Dark"}[self]

    @classmethod
    def from_setting(cls, value: object) -> Theme:
        try:
            return cls(str(value))
        except ValueError:
            return cls.SYSTEM


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolved_is_dark(theme: Theme) -> bool:
    """Whether ``theme`` means dark right now (SYSTEM asks the platform)."""
    if theme is Theme.SYSTEM:
        return system_prefers_dark()
    return theme is Theme.DARK


def _palette(colours: dict[QPalette.ColorRole, str]) -> QPalette:
    """A palette with these colours for every colour group; roles not given keep Qt's."""
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    return _palette(
        {
            QPalette.ColorRole.Window: "#f4f1ea",
            QPalette.ColorRole.WindowText: "#1f1f1f",
            QPalette.ColorRole.Base: "#fbfaf6",
            QPalette.ColorRole.AlternateBase: "#eeeae0",
            QPalette.ColorRole.Text: "#1b1b1b",
            QPalette.ColorRole.Button: "#ebe7de",
            QPalette.ColorRole.ButtonText: "#1f1f1f",
            QPalette.ColorRole.Highlight: "#3d6fb6",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#fffef7",
            QPalette.ColorRole.ToolTipText: "#1f1f1f",
            QPalette.ColorRole.PlaceholderText: "#7a7a7a",
            QPalette.ColorRole.Link: "#2255aa",
        }
    )


def dark_palette() -> QPalette:
    palette = _palette(
        {
            QPalette.ColorRole.Window: "#26272b",
            QPalette.ColorRole.WindowText: "#e4e4e4",
            QPalette.ColorRole.Base: "#1d1e21",
            QPalette.ColorRole.AlternateBase: "#2c2d31",
            QPalette.ColorRole.Text: "#e6e6e6",
            QPalette.ColorRole.Button: "#323338",
            QPalette.ColorRole.ButtonText: "#e4e4e4",
            QPalette.ColorRole.Highlight: "#4f7fc4",
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#2f3035",
            QPalette.ColorRole.ToolTipText: "#e4e4e4",
            QPalette.ColorRole.PlaceholderText: "#8a8a8a",
            QPalette.ColorRole.Link: "#8ab4f8",
        }
    )
    disabled = QColor("#76777c")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: Theme) -> bool:
    """Give the whole application the palette ``theme`` stands for; True when it is dark."""
    dark = resolved_is_dark(theme)
    if app.style().name() != "fusion":  # a new style object would polish every widget again
        app.setStyle("Fusion")
    palette = dark_palette() if dark else light_palette()
    if palette != app.palette():
        app.setPalette(palette)
    return dark
