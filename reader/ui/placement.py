"""Where a floating card or popup goes beside the word it is about."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication

GAP = 6  # pixels between the word and what floats beside it


def beside_word(word_rect: QRect, size: QSize) -> QPoint:
    """The top-left corner for a floating widget of ``size`` about the word at ``word_rect``.

    Below the word when it fits on the word's screen, above it otherwise, and
    shifted left or down so it stays on that screen.
    """
    below = QPoint(word_rect.left(), word_rect.bottom() + GAP)
    screen = QGuiApplication.screenAt(word_rect.center()) or QGuiApplication.primaryScreen()
    if screen is None:
        return below
    area = screen.availableGeometry()
    x = min(below.x(), area.right() - size.width())
    y = below.y()
    if y + size.height() > area.bottom():
        y = word_rect.top() - GAP - size.height()
    return QPoint(max(area.left(), x), max(area.top(), y))
