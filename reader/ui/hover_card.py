"""The small card that follows the mouse: pinyin, the word, a one-line gloss, a speaker.

It is the app's own frameless window rather than a QToolTip, so that it can be
updated in place on every mouse move (a tooltip would be hidden and re-shown)
and queried by tests.

The card lets the mouse through to the article: it sits below the word, over
the next lines, and moving down to read on must reach them.  Only its speaker
button takes the mouse.  The button is a small window of its own laid over the
card's top-left corner, just below the word, so that the mouse reaches it by
moving straight down; the article keeps the card on its word while the mouse
is between the word and the button (``on_way_to_button``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCursor, QHideEvent, QMoveEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.placement import beside_word
from reader.ui.tone_colours import palette_is_dark, pinyin_rich_text

if TYPE_CHECKING:
    # jieba and pypinyin load with reader.annotation: keep them off the
    # start-up path so the window paints before the annotator exists.
    from reader.annotation.word_info import WordInfo

_MAX_GLOSS_CHARS = 120
SPEAK_NAME = "Hear the word"
"""The speaker buttons' accessible name (the card's and the popup's)."""


class HoverCard(QFrame):
    """Shows one word; never takes focus, and takes the mouse only on its speaker button."""

    speak_requested = Signal(str)
    """The speaker button was clicked: say this word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.ToolTip
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowTransparentForInput,
        )
        self.setObjectName("HoverCard")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setForegroundRole(QPalette.ColorRole.ToolTipText)

        self._pinyin = QLabel(self)
        self._pinyin.setTextFormat(Qt.TextFormat.RichText)
        font = self._pinyin.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self._pinyin.setFont(font)
        # Where the speaker button is laid: the card itself lets clicks through.
        self._speaker_slot = QWidget(self)
        self._speaker_slot.hide()
        self._speaker = QToolButton(parent)
        self._speaker.setWindowFlags(
            Qt.WindowType.ToolTip
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self._speaker.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self._speaker.setObjectName("hoverSpeakButton")
        # Qt's own speaker icon: an emoji needs a font that many Linux desktops lack.
        self._speaker.setIcon(
            self._speaker.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume)
        )
        self._speaker.setAccessibleName(SPEAK_NAME)
        self._speaker.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the article keeps the keys
        self._speaker.setAutoRaise(True)
        self._speaker.setCursor(Qt.CursorShape.PointingHandCursor)
        self._speaker.clicked.connect(self._speak_clicked)
        self._speaker_tooltip = ""
        self._speaker.hide()
        size = self._speaker.sizeHint().expandedTo(self._pinyin.sizeHint())
        side = max(size.width(), size.height(), 24)
        self._speaker.setFixedSize(side, side)
        self._speaker_slot.setFixedSize(side, side)
        top_row = QHBoxLayout()
        top_row.setSpacing(6)
        top_row.addWidget(self._speaker_slot)
        top_row.addWidget(self._pinyin, 1)
        self._word = QLabel(self)
        self._word.setTextFormat(Qt.TextFormat.PlainText)
        word_font = self._word.font()
        word_font.setPointSizeF(word_font.pointSizeF() * 1.3)
        self._word.setFont(word_font)
        self._gloss = QLabel(self)
        self._gloss.setTextFormat(Qt.TextFormat.PlainText)
        self._gloss.setMaximumWidth(420)
        self._gloss.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top_row)
        layout.addWidget(self._word)
        layout.addWidget(self._gloss)
        self._hint = QLabel(self)
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        self._hint.setEnabled(False)  # drawn greyed: a reminder, not content
        self._hint.hide()
        layout.addWidget(self._hint)

        self._syllables: tuple[str, ...] = ()
        self._word_text = ""

    def show_word(self, info: WordInfo, word_rect: QRect, tone_colours: bool) -> None:
        """Show ``info`` just below ``word_rect`` (global coordinates), above it if no room."""
        self._syllables = info.pinyin
        self._word_text = info.token.text
        dark = palette_is_dark(self.palette())
        self._pinyin.setText(pinyin_rich_text(info.pinyin, tone_colours, dark))
        self._pinyin.setVisible(bool(info.pinyin))
        self._word.setText(info.token.text)
        gloss = info.gloss or "(not in the dictionary)"
        if len(gloss) > _MAX_GLOSS_CHARS:
            gloss = gloss[: _MAX_GLOSS_CHARS - 1] + "…"
        self._gloss.setText(gloss)
        if self._speaker_slot.isVisibleTo(self):
            self._set_speaker_tooltip()
        self.adjustSize()
        self.move(beside_word(word_rect, self.size()))
        if not self.isVisible():
            self.show()
        self._place_speaker()

    def set_speaker(self, shown: bool, blocked_reason: str | None = None) -> None:
        """Show the speaker button (speech is installed); greyed out with the reason as tooltip."""
        self._speaker_slot.setVisible(shown)
        self._speaker.setEnabled(blocked_reason is None)
        self._speaker_tooltip = blocked_reason or ""
        self._set_speaker_tooltip()
        if self.isVisible():
            self.adjustSize()
        self._place_speaker()

    def speak_button(self) -> QToolButton:
        return self._speaker

    def on_way_to_button(self, word_rect: QRect, point: QPoint) -> bool:
        """Whether global ``point`` lies between the word at ``word_rect`` and the speaker button.

        The article then keeps the card where it is, so that the button can be reached.
        """
        if not self._speaker.isVisible():
            return False
        return word_rect.united(self._speaker.geometry()).contains(point)

    def mouse_on_button(self) -> bool:
        return self._speaker.isVisible() and self._speaker.geometry().contains(QCursor.pos())

    def _set_speaker_tooltip(self) -> None:
        word = f" {self._word_text}" if self._word_text else " the word"
        self._speaker.setToolTip(self._speaker_tooltip or f"Hear{word} (S)")

    def _speak_clicked(self) -> None:
        if self._word_text:
            self.speak_requested.emit(self._word_text)

    def _place_speaker(self) -> None:
        """Lay the button's own window over its place on the card, above the card."""
        if not (self.isVisible() and self._speaker_slot.isVisibleTo(self)):
            self._speaker.hide()
            return
        self._speaker.move(self._speaker_slot.mapToGlobal(QPoint(0, 0)))
        self._speaker.show()
        self._speaker.raise_()

    def moveEvent(self, event: QMoveEvent) -> None:  # noqa: N802 (Qt override)
        super().moveEvent(event)
        self._place_speaker()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._speaker.hide()

    def set_hint(self, text: str) -> None:
        """A line of key hints under the gloss (e.g. the key that speaks the word); "" hides it."""
        self._hint.setText(text)
        self._hint.setVisible(bool(text))

    def hint_text(self) -> str:
        return self._hint.text() if self._hint.isVisibleTo(self) else ""

    def pinyin_text(self) -> str:
        """The pinyin shown, syllables separated by spaces, without colours."""
        return " ".join(self._syllables)

    def word_text(self) -> str:
        return self._word_text

    def gloss_text(self) -> str:
        return self._gloss.text()
