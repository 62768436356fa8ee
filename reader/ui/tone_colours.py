"""Tone colours: the palette, the legend, and pinyin as coloured (escaped) rich text.

Tone 1 red, 2 orange, 3 green, 4 blue, neutral grey: the common convention in
learner dictionaries.  Each tone has a darker shade for light backgrounds and a
brighter one for dark backgrounds so that both themes keep enough contrast.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from reader.language.tones import TONE_COLOURS as _LIGHT
from reader.language.tones import TONE_COLOURS_ON_DARK as _DARK
from reader.language.tones import TONE_NAMES as _TONE_NAMES


def palette_is_dark(palette: QPalette) -> bool:
    """Whether text is shown on a dark background with this palette."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: int, dark: bool = False) -> QColor:
    """The colour for a tone (1-4, 5 for neutral)."""
    return QColor((_DARK if dark else _LIGHT)[tone if tone in _LIGHT else 5])


def syllable_colour(syllable: str, dark: bool = False) -> QColor:
    # Imported here, as in pinyin_rich_text: the legend is on the first screen,
    # syllables come later, and these modules would delay that screen.
    from reader.language.notation import tone_of

    return tone_colour(tone_of(syllable), dark)


def pinyin_rich_text(syllables: Iterable[str], coloured: bool, dark: bool = False) -> str:
    """Syllables joined by spaces as rich text, each escaped, coloured by tone when asked.

    The result is safe to put in a rich-text label: no syllable can inject markup.
    """
    import html

    parts = []
    for syllable in syllables:
        escaped = html.escape(syllable)
        if coloured:
            colour = syllable_colour(syllable, dark).name()
            parts.append(f'<span style="color:{colour}">{escaped}</span>')
        else:
            parts.append(escaped)
    return " ".join(parts)


class ToneLegend(QWidget):
    """A one-line legend: the four tones and the neutral tone in their colours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(8)
        self._labels: dict[int, QLabel] = {}
        for tone, name in _TONE_NAMES.items():
            label = QLabel(name, self)
            label.setToolTip(f"Tone {tone}" if tone < 5 else "Neutral tone")
            layout.addWidget(label)
            self._labels[tone] = label
        self.set_dark(palette_is_dark(self.palette()))

    def set_dark(self, dark: bool) -> None:
        """Recolour the legend for a dark or light background."""
        for tone, label in self._labels.items():
            label.setStyleSheet(f"color: {tone_colour(tone, dark).name()}; font-weight: bold")
