"""What an export dialog remembers between uses: format, folder and options.

Kept in the window's settings (``Settings.export_choice``) under one group
per dialog. A value that is missing, or that a hand edit made unreadable,
gives the caller's default.
"""

from __future__ import annotations

from pathlib import Path

from reader.ui.settings import Settings


class RememberedChoices:
    def __init__(self, group: str, settings: Settings | None = None) -> None:
        self._group = group
        self._settings = settings or Settings()

    def text(self, key: str, default: str = "") -> str:
        value = self._settings.export_choice(self._group, key)
        return default if value is None else value

    def flag(self, key: str, default: bool) -> bool:
        value = self.text(key, "true" if default else "false").lower()
        return value in ("true", "1") if value in ("true", "1", "false", "0") else default

    def folder(self) -> Path:
        """The folder last exported to, or the home folder when it is gone."""
        remembered = Path(self.text("folder")) if self.text("folder") else None
        return remembered if remembered is not None and remembered.is_dir() else Path.home()

    def remember(self, **values: str | bool | Path) -> None:
        self._settings.remember_export_choices(
            self._group,
            {
                key: ("true" if value else "false") if isinstance(value, bool) else str(value)
                for key, value in values.items()
            },
        )
