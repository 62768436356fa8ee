"""Typed access to the window's settings.

Everything is kept in one INI file under ``paths.config_dir()``, so the tests
(which point paths at a temporary folder) never see the user's real
settings.  Values read back are checked: a hand-edited or corrupt file gives
the defaults, never an exception.
"""

from __future__ import annotations

import contextlib
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings

from reader import paths
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.theme import Theme

if TYPE_CHECKING:
    from reader.speech.preferences import SpeechPreferences

MAX_RECENT = 10
MAX_REMEMBERED_ARTICLES = 200  # progress is kept for this many opened files


@dataclass(frozen=True, slots=True)
class OpenedArticle:
    """A file the user opened, as the library and the recent-files menu list it."""

    path: str
    title: str
    progress: float  # scroll fraction reached, 0.0 to 1.0


def settings_file() -> str:
    return str(paths.config_dir() / "settings.ini")


def _fraction(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    if math.isnan(number):
        return 0.0
    return min(1.0, max(0.0, number))


class Settings:
    """The persisted window state: geometry, reading preferences, articles opened."""

    def __init__(self) -> None:
        paths.config_dir().mkdir(parents=True, exist_ok=True)
        self._store = QSettings(settings_file(), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._store.sync()

    def _put(self, key: str, value: object) -> None:
        """Store ``value`` under ``key`` unless it is there already.

        Any change makes QSettings save and flush the whole file at its next chance,
        which at start-up (the window restoring its own settings) is before the
        first paint.
        """
        self._put_together({key: value})

    def _put_together(self, values: dict[str, object]) -> None:
        """Store ``values``, all of them, unless each is there already.

        Another window may have saved since this one read the file; values that
        only mean something together (an article and the place in it) must not
        be half this window's and half the other's.
        """
        if not all(self._holds(key, value) for key, value in values.items()):
            for key, value in values.items():
                self._store.setValue(key, value)

    def _holds(self, key: str, value: object) -> bool:
        stored = self._store.value(key)
        if type(stored) is type(value) and stored == value:  # bytes equal their text
            return True
        if isinstance(value, float) and isinstance(stored, str):  # read back as text
            with contextlib.suppress(ValueError):
                return float(stored) == value
        return False

    # Window

    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, geometry: QByteArray) -> None:
        self._put("window/geometry", geometry)

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, state: QByteArray) -> None:
        self._put("window/state", state)

    # Reading preferences

    def font_point_size(self) -> float | None:
        try:
            size = float(self._store.value("view/font_point_size", 0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        return size if 4.0 <= size <= 200.0 else None

    def set_font_point_size(self, size: float) -> None:
        self._put("view/font_point_size", float(size))

    def pinyin_mode(self) -> PinyinMode:
        return PinyinMode.from_setting(
            self._store.value("view/pinyin_mode", PinyinMode.HOVER.value)
        )

    def set_pinyin_mode(self, mode: PinyinMode) -> None:
        self._put("view/pinyin_mode", mode.value)

    def tone_colours(self) -> bool:
        return str(self._store.value("view/tone_colours", "true")).lower() in ("true", "1")

    def set_tone_colours(self, on: bool) -> None:
        self._put("view/tone_colours", "true" if on else "false")

    def theme(self) -> Theme:
        return Theme.from_setting(self._store.value("view/theme", Theme.SYSTEM.value))

    def set_theme(self, theme: Theme) -> None:
        self._put("view/theme", theme.value)

    # Articles

    def last_article(self) -> tuple[str, float] | None:
        """The file open when the window last closed, and how far it was scrolled."""
        path = self._store.value("articles/last_path", "")
        if not isinstance(path, str) or not path:
            return None
        return path, _fraction(self._store.value("articles/last_fraction", 0.0))

    def set_last_article(self, path: str | None, fraction: float = 0.0) -> None:
        self._put_together(
            {"articles/last_path": path or "", "articles/last_fraction": _fraction(fraction)}
        )

    def opened_articles(self) -> list[OpenedArticle]:
        """Files the user opened, most recent first, with how far each was read."""
        records = self._json_value("articles/opened", list)
        progress = self._progress_table()
        return [
            OpenedArticle(r["path"], str(r.get("title") or r["path"]), progress.get(r["path"], 0.0))
            for r in records
            if isinstance(r, dict) and isinstance(r.get("path"), str)
        ]

    def remember_opened(self, path: str, title: str) -> None:
        """Put ``path`` first in the opened list."""
        others = [
            {"path": a.path, "title": a.title} for a in self.opened_articles() if a.path != path
        ]
        records = [{"path": path, "title": title}, *others][:MAX_REMEMBERED_ARTICLES]
        self._put("articles/opened", json.dumps(records, ensure_ascii=False))

    def recent_files(self) -> list[str]:
        return [a.path for a in self.opened_articles()[:MAX_RECENT]]

    def progress(self, path: str) -> float:
        return self._progress_table().get(path, 0.0)

    def set_progress(self, path: str, fraction: float) -> None:
        """Remember how far ``path`` was read (bundled articles too, which are not 'opened')."""
        table = self._progress_table()
        table.pop(path, None)
        table[path] = round(_fraction(fraction), 4)
        while len(table) > MAX_REMEMBERED_ARTICLES:
            table.pop(next(iter(table)))
        self._put("articles/progress", json.dumps(table, ensure_ascii=False))

    def _progress_table(self) -> dict[str, float]:
        table = self._json_value("articles/progress", dict)
        return {str(path): _fraction(value) for path, value in table.items()}

    def _json_value(self, key: str, kind: type) -> Any:
        """A JSON value stored under ``key``; an empty ``kind()`` when missing or corrupt."""
        raw = self._store.value(key, "")
        try:
            value = json.loads(raw) if isinstance(raw, str) and raw else kind()
        except json.JSONDecodeError:
            return kind()
        return value if isinstance(value, kind) else kind()

    def cedict_path(self) -> str | None:
        """A CC-CEDICT file the user chose instead of the bundled one, if any."""
        value = self._store.value("dictionary/cedict_path", "")
        return value if isinstance(value, str) and value else None

    def set_cedict_path(self, path: str | None) -> None:
        self._put("dictionary/cedict_path", path or "")

    def folded_panels(self) -> dict[str, int]:
        """The side panels folded away for a narrow window at the last close: object name ->
        the width it had (0 when not known: written by an older version)."""
        stored = str(self._store.value("window/folded_panels", ""))
        panels: dict[str, int] = {}
        for item in stored.split(","):
            name, _, width = item.partition(":")
            if name:
                panels[name] = int(width) if width.isdigit() else 0
        return panels

    def set_folded_panels(self, widths: dict[str, int]) -> None:
        self._put(
            "window/folded_panels", ",".join(f"{name}:{width}" for name, width in widths.items())
        )

    def known_hsk_level(self) -> int | None:
        """The HSK levels 1-N the reader said they know (0: none); None until asked."""
        value = str(self._store.value("vocabulary/known_hsk_level", ""))
        return int(value) if value.isdigit() else None

    def set_known_hsk_level(self, level: int) -> None:
        self._put("vocabulary/known_hsk_level", str(level))

    def colour_by_status(self) -> bool:
        """View ▸ Colour Words by Status; off until asked for (see StatusColouring)."""
        return str(self._store.value("vocabulary/colour_by_status", "false")).lower() in (
            "true",
            "1",
        )

    def set_colour_by_status(self, on: bool) -> None:
        self._put("vocabulary/colour_by_status", "true" if on else "false")

    def underline_glossary_terms(self) -> bool:
        """View ▸ Underline Glossary Terms; on by default."""
        value = self._store.value("view/underline_glossary_terms", "true")
        return str(value).lower() in ("true", "1")

    def set_underline_glossary_terms(self, on: bool) -> None:
        self._put("view/underline_glossary_terms", "true" if on else "false")

    # Speech

    def speech_preferences(self) -> SpeechPreferences:
        # Imported here: speech is set up after the first paint.
        from reader.speech.preferences import DEFAULT_RATE, SpeechPreferences, clamp_level

        engine = self._store.value("speech/engine", "")
        voice = self._store.value("speech/voice", "")
        return SpeechPreferences(
            engine=engine if isinstance(engine, str) else "",
            voice=voice if isinstance(voice, str) else "",
            rate=clamp_level(self._store.value("speech/rate", DEFAULT_RATE), DEFAULT_RATE),
            pitch=clamp_level(self._store.value("speech/pitch", 0.0), 0.0),
        )

    def set_speech_preferences(self, preferences: SpeechPreferences) -> None:
        self._put_together(
            {
                "speech/engine": preferences.engine,
                "speech/voice": preferences.voice,  # one of that engine's voices
                "speech/rate": float(preferences.rate),
                "speech/pitch": float(preferences.pitch),
            }
        )

    # What the export dialogs remember (``RememberedChoices``), one group per dialog

    def export_choice(self, dialog: str, key: str) -> str | None:
        """A remembered choice of ``dialog`` as text; None when never made (or unreadable)."""
        value = self._store.value(f"{dialog}/{key}")
        return value if isinstance(value, str) else None

    def remember_export_choices(self, dialog: str, values: dict[str, str]) -> None:
        for key, value in values.items():
            self._put(f"{dialog}/{key}", value)
        self._store.sync()

    def missing_voice_reported(self) -> bool:
        return str(self._store.value("speech/missing_voice_reported", "false")).lower() == "true"

    def set_missing_voice_reported(self) -> None:
        self._put("speech/missing_voice_reported", "true")
