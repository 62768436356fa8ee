"""What an export dialog remembers between uses: format, folder and options.

Kept in the window's settings file under one group per dialog. A value that
is missing, or that a hand edit made unreadable, gives the caller's default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reader.ui.settings import settings_file


class RememberedChoices:
    def __init__(self, group: str) -> None:
        self._group = group
        self._settings = QSettings(settings_file(), QSettings.Format.IniFormat)

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.value(f"{self._group}/{key}", default)
        return value if isinstance(value, str) else default

    def flag(self, key: str, default: bool) -> bool:
        value = self.text(key, "true" if default else "false").lower()
        return value in ("true", "1") if value in ("true", "1", "false", "0") else default

    def folder(self) -> Path:
        """The folder last exported to, or the home folder when it is gone."""
        remembered = Path(self.text("folder")) if self.text("folder") else None
        return remembered if remembered is not None and remembered.is_dir() else Path.home()

    def remember(self, **values: str | bool | Path) -> None:
        for key, value in values.items():
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            self._settings.setValue(f"{self._group}/{key}", text)
        self._settings.sync()
