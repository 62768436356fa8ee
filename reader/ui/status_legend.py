"""What the status colours mean, shown while words are coloured by vocabulary status."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from reader.ui.article_view import STATUS_TINTS_DARK, STATUS_TINTS_LIGHT
from reader.ui.tone_colours import palette_is_dark

_NAMES = {"new": "Unknown", "learning": "Learning", "known": "Known"}


class StatusLegend(QWidget):
    """Three swatches in the colours the article view tints words with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusLegend")
        self.setToolTip("Words are coloured by their status in your vocabulary")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        self._labels: dict[str, QLabel] = {}
        for status, name in _NAMES.items():
            label = QLabel(name, self)
            layout.addWidget(label)
            self._labels[status] = label
        self.set_dark(palette_is_dark(self.palette()))

    def set_dark(self, dark: bool) -> None:
        tints = STATUS_TINTS_DARK if dark else STATUS_TINTS_LIGHT
        for status, label in self._labels.items():
            label.setStyleSheet(f"background: {tints[status]}; padding: 0 6px; border-radius: 3px")

    def names(self) -> list[str]:
        return [label.text() for label in self._labels.values()]

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt override)
        super().changeEvent(event)
        self.set_dark(palette_is_dark(self.palette()))
