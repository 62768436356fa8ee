"""The small card that follows the mouse: pinyin, the word, a one-line gloss.

It is the app's own frameless window rather than a QToolTip, so that it can be
updated in place on every mouse move (a tooltip would be hidden and re-shown)
and queried by tests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reader.ui.placement import beside_word
from reader.ui.tone_colours import palette_is_dark, pinyin_rich_text

if TYPE_CHECKING:
    # jieba and pypinyin load with reader.annotation: keep them off the
    # start-up path so the window paints before the annotator exists.
    from reader.annotation.word_info import WordInfo

_MAX_GLOSS_CHARS = 120


class HoverCard(QFrame):
    """Shows one word; never takes focus or mouse input from the article."""

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
        layout.addWidget(self._pinyin)
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
        self.adjustSize()
        self.move(beside_word(word_rect, self.size()))
        if not self.isVisible():
            self.show()

    def set_hint(self, text: str) -> None:
        """A line of key hints under the gloss (e.g. the key that speaks the word); "" hides it.

        The card lets the mouse through to the article, so its hints name keys.
        """
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
