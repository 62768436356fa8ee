"""The article: plain, selectable text with word hover, a dictionary popup and pinyin.

Why it is built this way (a 1 MB article must stay fast):

* The document is plain text in a read-only QTextEdit, never rich text, so an
  article can neither inject markup nor load anything; QTextEdit (not
  QPlainTextEdit) because it honours line height, which Chinese needs and
  interlinear pinyin needs more of.
* Tokens stay offset arrays (``SegmentedText``).  The mouse position is mapped
  to a character by the document layout's hit test, then to a token by binary
  search; nothing per token is created until a word is hovered or visible.
* Everything coloured (hover, find matches, vocabulary statuses, glossary
  underlines, interlinear pinyin) is painted for the visible tokens only, on
  top of the document, from a per-screen cache of token geometry.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.ui.fonts import article_font
from reader.ui.hover_card import HoverCard
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.tone_colours import palette_is_dark, syllable_colour
from reader.ui.word_popup import WordPopup

if TYPE_CHECKING:
    # jieba and pypinyin load with reader.annotation: keep them off the
    # start-up path so the window paints before the annotator exists.
    from reader.annotation.annotator import Annotator, WordInfo

StatusLookup = Callable[[str], "str | None"]

DEFAULT_POINT_SIZE = 16.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 48.0
LINE_HEIGHT_PERCENT = 165  # comfortable for Chinese, whose glyphs fill the em square
PINYIN_SCALE = 0.5  # interlinear pinyin size relative to the article font
_SENTENCE_ENDS = frozenset("。！？!?；;\n…")
_SENTENCE_LIMIT = 300  # characters on each side, for texts without punctuation
_WORD_KINDS = frozenset(
    KIND_CODES.index(kind) for kind in (TokenKind.HAN, TokenKind.LATIN, TokenKind.NUMBER)
)
_HAN = KIND_CODES.index(TokenKind.HAN)
# Vocabulary status tints: unknown (unsaved or new) blue, learning amber, known a
# soft green-teal; ignored words are left plain.  Pale in the light theme and deep
# in the dark one so text keeps its contrast; the three differ in hue and lightness
# so they stay apart for the common red-green colour blindness too.
_STATUS_TINTS_LIGHT = {"new": "#dbe9ff", "learning": "#ffedb3", "known": "#dcf2e6"}
_STATUS_TINTS_DARK = {"new": "#23385c", "learning": "#544419", "known": "#1d4536"}
_HIDDEN_PINYIN_STATUSES = frozenset({"known", "ignored"})


@dataclass(frozen=True, slots=True)
class _Piece:
    """The part of one token that lies on one line, in document coordinates."""

    index: int
    rect: QRectF


class _OffsetMap:
    """Converts between Python string offsets and Qt document positions.

    They differ only where Qt counts differently: a character outside the Basic
    Multilingual Plane is two UTF-16 units, and ``\\r\\n`` becomes one paragraph
    break.  Ordinary texts have neither, and conversion is then the identity.
    """

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []  # string offsets where the difference changes
        self._doc_starts: list[int] = []
        self._deltas: list[int] = []
        if text.isascii() or not (("\r\n" in text) or any(ord(c) > 0xFFFF for c in text)):
            return
        delta = 0
        previous = ""
        for offset, char in enumerate(text):
            if ord(char) > 0xFFFF:
                delta += 1
                self._add(offset + 1, delta)
            elif char == "\n" and previous == "\r":
                delta -= 1
                self._add(offset + 1, delta)
            previous = char

    def _add(self, offset: int, delta: int) -> None:
        self._starts.append(offset)
        self._doc_starts.append(offset + delta)
        self._deltas.append(delta)

    def to_document(self, offset: int) -> int:
        if not self._starts:
            return offset
        slot = bisect.bisect_right(self._starts, offset) - 1
        return offset + (self._deltas[slot] if slot >= 0 else 0)

    def from_document(self, position: int) -> int:
        if not self._starts:
            return position
        slot = bisect.bisect_right(self._doc_starts, position) - 1
        return position - (self._deltas[slot] if slot >= 0 else 0)


def _cursor_x(line: QTextLine, position: int) -> float:
    """The x coordinate, within ``line``'s layout, of the cursor before ``position``."""
    # PySide6 returns (x, position) here, but its stubs type the result as object.
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x


class ArticleView(QTextEdit):
    """Shows one article; hover, click and the keyboard explain its words.

    Call ``set_text`` as soon as the text is read (it is shown at once), then
    ``set_annotation`` when segmentation has finished in a worker; hover and the
    popup work from then on.  Keys on the current word (hovered or reached with
    Left/Right): Enter opens the popup, A asks to add it to the vocabulary, 1-4
    set its status (``status_key_pressed``), Home/End jump to the first/last word.
    """

    word_hovered = Signal(int)
    """Token index under the mouse or keyboard cursor; -1 when there is none."""
    word_activated = Signal(int)
    """A word was clicked or Enter was pressed on it; the popup is already open."""
    add_word_requested = Signal(object, str)
    """(WordInfo, sentence around it): the popup's Add button or the A key."""
    status_key_pressed = Signal(object, int)
    """(WordInfo, 1..4): a number key on the current word."""
    dictionary_search_requested = Signal(str)
    """The popup's Search button: look this word up in the dictionary search."""
    annotation_applied = Signal()
    """Segmentation is in place: hover, popup and find work."""
    font_size_changed = Signal(float)
    """The article font's point size changed (zoom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setAcceptDrops(False)  # dropped files are for the window, which opens them
        self.viewport().setAcceptDrops(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTabChangesFocus(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setUndoRedoEnabled(False)
        self.viewport().setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.IBeamCursor)

        self._text = ""
        self._offsets = _OffsetMap("")
        self._segmented: SegmentedText | None = None
        self._annotator: Annotator | None = None
        self._point_size = DEFAULT_POINT_SIZE
        self._pinyin_mode = PinyinMode.HOVER
        self._tone_colours = True
        self._underline_terms = True
        self._status_lookup: StatusLookup | None = None
        self._highlight_starts: list[int] = []
        self._highlights: list[tuple[int, int]] = []
        self._current_highlight: int | None = None
        self._current: int | None = None
        self._current_by_keyboard = False
        self._press_position: QPoint | None = None
        self._pieces: list[_Piece] | None = None  # visible tokens' geometry
        self._pieces_key: tuple[int, ...] = ()
        self._pinyin_cache: dict[int, tuple[str, ...]] = {}
        self._card = HoverCard(self)
        self._popup: WordPopup | None = None

        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        # The layout of a long document is completed in the background; the
        # geometry cache must follow each step.
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._forget_geometry)
        self._install_document(QTextDocument(self))

    # -- content -----------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show ``text`` as plain text at once; hover waits for ``set_annotation``."""
        self._text = text
        self._offsets = _OffsetMap(text)
        self._segmented = None
        self._pinyin_cache.clear()
        self._highlights, self._highlight_starts, self._current_highlight = [], [], None
        self._set_current(None, by_keyboard=False)
        if self._popup is not None:
            self._popup.close()
        document = QTextDocument(self)
        cursor = QTextCursor(document)
        cursor.setBlockFormat(self._block_format())
        cursor.insertText(text)
        self._narrow_blank_lines(document)
        old = self.document()
        self._install_document(document)
        if old is not None and old.parent() is self:
            old.deleteLater()
        self.verticalScrollBar().setValue(0)

    def text(self) -> str:
        return self._text

    def set_annotation(self, segmented: SegmentedText, annotator: Annotator) -> None:
        """Use ``segmented`` (of the text shown) for hover, popup, find and pinyin."""
        if segmented.text != self._text:
            self.set_text(segmented.text)
        self._segmented = segmented
        self._annotator = annotator
        self._pinyin_cache.clear()
        self._forget_geometry()
        self.annotation_applied.emit()
        if self.underMouse():
            self._hover_at(self.viewport().mapFromGlobal(QCursor.pos()))

    def segmented(self) -> SegmentedText | None:
        return self._segmented

    def annotator(self) -> Annotator | None:
        return self._annotator

    def word_info(self, index: int) -> WordInfo | None:
        if self._segmented is None or self._annotator is None:
            return None
        return self._annotator.word_info(self._segmented, index)

    # -- display options -----------------------------------------------------

    def set_pinyin_mode(self, mode: PinyinMode) -> None:
        if mode is self._pinyin_mode:
            return
        was_interlinear = self._pinyin_mode.is_interlinear
        self._pinyin_mode = mode
        if mode.is_interlinear != was_interlinear:
            self._relayout_keeping_position()
        self._refresh_card()
        self.viewport().update()

    def pinyin_mode(self) -> PinyinMode:
        return self._pinyin_mode

    def set_tone_colours(self, on: bool) -> None:
        self._tone_colours = on
        self._refresh_card()
        self.viewport().update()

    def tone_colours(self) -> bool:
        return self._tone_colours

    def set_word_status_lookup(self, lookup: StatusLookup | None) -> None:
        """How to ask a word's vocabulary status ("known", "learning", "new", "ignored", None).

        Used to tint words being learned and, in ABOVE_UNKNOWN mode, to leave out
        the pinyin of known words.  Without a lookup ABOVE_UNKNOWN shows all pinyin.
        """
        self._status_lookup = lookup
        self.viewport().update()

    def set_underlined_terms(self, on: bool) -> None:
        """Underline glossary terms subtly (on by default)."""
        self._underline_terms = on
        self.viewport().update()

    def set_highlights(self, ranges: Sequence[tuple[int, int]], current: int | None) -> None:
        """Mark text ranges (find matches, glossary occurrences); scroll to ``ranges[current]``."""
        self._highlights = sorted((int(start), int(end)) for start, end in ranges)
        self._highlight_starts = [start for start, _ in self._highlights]
        valid = current is not None and 0 <= current < len(self._highlights)
        self._current_highlight = current if valid else None
        if self._current_highlight is not None:
            self.scroll_to_offset(self._highlights[self._current_highlight][0])
        self.viewport().update()

    def highlights(self) -> list[tuple[int, int]]:
        return list(self._highlights)

    # -- zoom ----------------------------------------------------------------

    def zoom_in(self) -> None:
        self.set_font_point_size(self._point_size + 1)

    def zoom_out(self) -> None:
        self.set_font_point_size(self._point_size - 1)

    def reset_zoom(self) -> None:
        self.set_font_point_size(DEFAULT_POINT_SIZE)

    def font_point_size(self) -> float:
        return self._point_size

    def set_font_point_size(self, point_size: float) -> None:
        size = min(MAX_POINT_SIZE, max(MIN_POINT_SIZE, float(point_size)))
        if size == self._point_size:
            return
        self._point_size = size
        self._relayout_keeping_position()
        self.font_size_changed.emit(size)

    # -- position --------------------------------------------------------------

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        """Scroll to a fraction of the height; ``scroll_to_offset`` is exact on long texts."""
        bar = self.verticalScrollBar()
        bar.setValue(round(min(1.0, max(0.0, fraction)) * bar.maximum()))

    def first_visible_offset(self) -> int:
        """The string offset of the first character on screen (to restore the position)."""
        return self._offset_at_document_point(QPointF(0, self.verticalScrollBar().value()))

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the line holding ``offset`` is in the upper third of the view."""
        rect = self._document_rect_of(offset)
        if rect is None:
            return
        bar = self.verticalScrollBar()
        top, height = bar.value(), self.viewport().height()
        if top <= rect.top() and rect.bottom() <= top + height:
            return
        bar.setValue(round(rect.top() - height / 3))

    def current_index(self) -> int | None:
        """The current word: last hovered, or reached with the keyboard."""
        return self._current

    def hover_card(self) -> HoverCard:
        return self._card

    def popup(self) -> WordPopup | None:
        return self._popup

    def sentence_around(self, offset: int) -> str:
        """The sentence holding ``offset``, ending punctuation included (vocabulary context)."""
        text = self._text
        if not text:
            return ""
        offset = min(max(offset, 0), len(text) - 1)
        start = offset
        ends = _SENTENCE_ENDS
        while start > 0 and offset - start < _SENTENCE_LIMIT and text[start - 1] not in ends:
            start -= 1
        end = offset
        while end < len(text) and end - offset < _SENTENCE_LIMIT and text[end] not in ends:
            end += 1
        if end < len(text) and text[end] != "\n":
            end += 1
            while end < len(text) and text[end] in "”’」』）)":
                end += 1
        return text[start:end].strip()

    def activate(self, index: int) -> None:
        """Open the dictionary popup on token ``index`` and emit ``word_activated``."""
        info = self.word_info(index)
        if info is None or self._annotator is None:
            return
        # The word stays current when the popup takes the mouse, so that the
        # keys (A, 1-4, Left/Right) continue from it once the popup closes.
        self._set_current(index, by_keyboard=True)
        self._card.hide()
        popup = self._ensure_popup()
        anchor = self._global_rect_of(index) or QRect(QCursor.pos(), QCursor.pos())
        popup.show_word(
            info,
            self._annotator,
            self.sentence_around(info.token.start),
            anchor,
            self._tone_colours,
        )
        self.word_activated.emit(index)

    # -- events ------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            self._hover_at(event.position().toPoint())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press_position = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pressed_at, self._press_position = self._press_position, None
        if event.button() != Qt.MouseButton.LeftButton or pressed_at is None:
            return
        moved = (event.position().toPoint() - pressed_at).manhattanLength()
        if moved >= QApplication.startDragDistance() or self.textCursor().hasSelection():
            return  # the user selected text
        index = self._index_at_point(event.position().toPoint())
        if index is not None:
            self._current_by_keyboard = False
            self.activate(index)

    def leaveEvent(self, event) -> None:  # noqa: N802, ANN001
        super().leaveEvent(event)
        if not self._current_by_keyboard:
            self._set_current(None, by_keyboard=False)

    def focusOutEvent(self, event) -> None:  # noqa: N802, ANN001
        super().focusOutEvent(event)
        self._card.hide()

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001
        super().hideEvent(event)
        self._card.hide()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            self._move_word(1 if key == Qt.Key.Key_Right else -1)
        elif plain and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._jump_to_end(key == Qt.Key.Key_End)
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._current is not None:
            self.activate(self._current)
        elif plain and key == Qt.Key.Key_A and self._current is not None:
            info = self.word_info(self._current)
            if info is not None:
                self.add_word_requested.emit(info, self.sentence_around(info.token.start))
        elif plain and Qt.Key.Key_1 <= key <= Qt.Key.Key_4 and self._current is not None:
            info = self.word_info(self._current)
            if info is not None:
                self.status_key_pressed.emit(info, int(key) - int(Qt.Key.Key_0))
        elif plain and key == Qt.Key.Key_Escape and self._current is not None:
            self._set_current(None, by_keyboard=False)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._forget_geometry()

    def changeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().changeEvent(event)
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Backgrounds go under the text, so they are painted before the document.
        painter = QPainter(self.viewport())
        try:
            self._paint_backgrounds(painter, event.rect())
        finally:
            painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            self._paint_overlays(painter, event.rect())
        finally:
            painter.end()

    # -- hover and keyboard ----------------------------------------------------

    def _hover_at(self, point: QPoint) -> None:
        if self._segmented is None:
            return
        index = self._index_at_point(point)
        if index is None or self._segmented.kinds[index] not in _WORD_KINDS:
            if not self._current_by_keyboard:
                self._set_current(None, by_keyboard=False)
            return
        if index == self._current and self._card.isVisible():
            return
        self._set_current(index, by_keyboard=False)

    def _set_current(self, index: int | None, *, by_keyboard: bool) -> None:
        previous = self._current
        self._current = index
        self._current_by_keyboard = by_keyboard and index is not None
        for changed in {i for i in (previous, index) if i is not None}:
            self._update_token_area(changed)
        if index is None:
            self._card.hide()
        else:
            self._show_card(index)
        if previous != index:
            self.word_hovered.emit(-1 if index is None else index)

    def _show_card(self, index: int) -> None:
        info = self.word_info(index)
        rect = self._global_rect_of(index)
        if info is None or rect is None or not (info.pinyin or info.entries or info.glossary):
            self._card.hide()
            return
        if self._pinyin_mode is PinyinMode.OFF:
            info = dataclasses.replace(info, pinyin=())
        self._card.show_word(info, rect, self._tone_colours)

    def _refresh_card(self) -> None:
        if self._current is not None and self._card.isVisible():
            self._show_card(self._current)

    def _move_word(self, step: int) -> None:
        segmented = self._segmented
        if segmented is None or not len(segmented):
            return
        if self._current is not None:
            index = self._current + step
        else:
            first = segmented.index_at(self.first_visible_offset()) or 0
            index = first if step > 0 else first - 1
        while 0 <= index < len(segmented) and segmented.kinds[index] not in _WORD_KINDS:
            index += step
        if 0 <= index < len(segmented):
            self._keyboard_select(index)

    def _jump_to_end(self, to_end: bool) -> None:
        segmented = self._segmented
        if segmented is None or not len(segmented):
            return
        indices = range(len(segmented) - 1, -1, -1) if to_end else range(len(segmented))
        for index in indices:
            if segmented.kinds[index] in _WORD_KINDS:
                self._keyboard_select(index)
                return

    def _keyboard_select(self, index: int) -> None:
        assert self._segmented is not None
        self.scroll_to_offset(self._segmented.starts[index])
        self._set_current(index, by_keyboard=True)

    # -- geometry ------------------------------------------------------------------

    def _index_at_point(self, point: QPoint) -> int | None:
        """The token under a viewport point, or None past the end of a line or off the text."""
        if self._segmented is None:
            return None
        document_point = QPointF(point) + self._scroll_offset()
        position = (
            self.document().documentLayout().hitTest(document_point, Qt.HitTestAccuracy.FuzzyHit)
        )
        if position < 0:
            return None
        candidates = [position, position - 1]
        block = self.document().findBlock(position)
        if block.length() == 1:
            # Qt's hit test gives a narrowed blank line (see _narrow_blank_lines)
            # its full natural height, overlapping the next paragraph's first line.
            candidates += self._positions_at(block.next(), document_point)
        for candidate in candidates:
            if candidate >= 0 and self._character_contains(candidate, document_point):
                return self._segmented.index_at(self._offsets.from_document(candidate))
        return None

    @staticmethod
    def _positions_at(block: QTextBlock, point: QPointF) -> list[int]:
        """The document positions either side of ``point`` in ``block``'s own layout."""
        layout = block.layout()
        if not block.isValid() or layout is None:
            return []
        origin = layout.position()
        for number in range(layout.lineCount()):
            line = layout.lineAt(number)
            top = origin.y() + line.y()
            if top <= point.y() < top + line.height():
                relative = line.xToCursor(point.x() - origin.x())
                return [block.position() + relative, block.position() + relative - 1]
        return []

    def _character_contains(self, position: int, point: QPointF) -> bool:
        block = self.document().findBlock(position)
        layout = block.layout()
        if not block.isValid() or layout is None:
            return False
        relative = position - block.position()
        if relative >= block.length() - 1:  # the paragraph break
            return False
        line = layout.lineForTextPosition(relative)
        if not line.isValid():
            return False
        origin = layout.position()
        top = origin.y() + line.y()
        if not top <= point.y() < top + line.height():
            return False
        left = origin.x() + _cursor_x(line, relative)
        right = origin.x() + _cursor_x(line, relative + 1)
        return min(left, right) <= point.x() < max(left, right)

    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _offset_at_document_point(self, point: QPointF) -> int:
        position = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.FuzzyHit)
        return self._offsets.from_document(max(position, 0))

    def _token_pieces(self, index: int) -> list[_Piece]:
        """Token ``index`` cut at line ends, in document coordinates."""
        assert self._segmented is not None
        start = self._offsets.to_document(self._segmented.starts[index])
        end = self._offsets.to_document(self._segmented.ends[index])
        pieces: list[_Piece] = []
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            pieces.extend(self._pieces_in_block(block, index, start, end))
            block = block.next()
        return pieces

    def _pieces_in_block(self, block: QTextBlock, index: int, start: int, end: int) -> list[_Piece]:
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return []
        origin = layout.position()
        base = block.position()
        first = max(start, base) - base
        last = min(end, base + block.length() - 1) - base
        pieces = []
        line_number = layout.lineForTextPosition(first).lineNumber()
        while line_number < layout.lineCount():
            line = layout.lineAt(line_number)
            line_start = line.textStart()
            if line_start >= last:
                break
            piece_start = max(first, line_start)
            piece_end = min(last, line_start + line.textLength())
            if piece_end > piece_start:
                left = _cursor_x(line, piece_start)
                right = _cursor_x(line, piece_end)
                pieces.append(
                    _Piece(
                        index,
                        QRectF(
                            origin.x() + min(left, right),
                            origin.y() + line.y(),
                            abs(right - left),
                            line.height(),
                        ),
                    )
                )
            line_number += 1
        return pieces

    def _document_rect_of(self, offset: int) -> QRectF | None:
        position = self._offsets.to_document(offset)
        block = self.document().findBlock(position)
        layout = block.layout()
        # Asking for the block's rectangle makes the layout reach it first.
        self.document().documentLayout().blockBoundingRect(block)
        if not block.isValid() or layout is None or layout.lineCount() == 0:
            return None
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            return None
        origin = layout.position()
        return QRectF(
            origin.x(), origin.y() + line.y(), layout.boundingRect().width(), line.height()
        )

    def _viewport_rect_of(self, index: int) -> QRect | None:
        pieces = self._token_pieces(index)
        if not pieces:
            return None
        united = pieces[0].rect
        for piece in pieces[1:]:
            united = united.united(piece.rect)
        return united.translated(-self._scroll_offset()).toAlignedRect()

    def _global_rect_of(self, index: int) -> QRect | None:
        rect = self._viewport_rect_of(index)
        if rect is None:
            return None
        return QRect(self.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def _update_token_area(self, index: int) -> None:
        if self._segmented is None or index >= len(self._segmented):
            return
        rect = self._viewport_rect_of(index)
        if rect is not None:
            # Interlinear pinyin above the word is repainted with it.
            self.viewport().update(rect.adjusted(-2, -rect.height(), 2, 2))

    def _visible_pieces(self) -> list[_Piece]:
        """Geometry of every token on screen, computed once per scroll position and layout."""
        key = (
            self.verticalScrollBar().value(),
            self.horizontalScrollBar().value(),
            self.viewport().width(),
            self.viewport().height(),
            round(self.document().documentLayout().documentSize().height()),
        )
        if self._pieces is not None and key == self._pieces_key:
            return self._pieces
        pieces: list[_Piece] = []
        segmented = self._segmented
        if segmented is not None and len(segmented):
            top = QPointF(0, key[0])
            bottom = QPointF(key[2] + key[1], key[0] + key[3])
            first_offset = self._offset_at_document_point(top)
            last_offset = self._offset_at_document_point(bottom)
            first = segmented.index_at(max(0, first_offset - 1)) or 0
            last = segmented.index_at(min(len(segmented.text) - 1, last_offset)) or first
            for index in range(first, last + 1):
                if segmented.kinds[index] in _WORD_KINDS:
                    pieces.extend(self._token_pieces(index))
        self._pieces, self._pieces_key = pieces, key
        return pieces

    def _forget_geometry(self) -> None:
        self._pieces = None
        self.viewport().update()

    def _scrolled(self) -> None:
        self._pieces = None
        if self._current_by_keyboard:
            return
        if self.underMouse():
            self._hover_at(self.viewport().mapFromGlobal(QCursor.pos()))
        else:
            self._card.hide()

    # -- painting ------------------------------------------------------------------

    def _paint_backgrounds(self, painter: QPainter, area: QRect) -> None:
        dark = palette_is_dark(self.palette())
        shift = -self._scroll_offset()
        if self._status_lookup is not None and self._segmented is not None:
            tints = _STATUS_TINTS_DARK if dark else _STATUS_TINTS_LIGHT
            for piece in self._visible_pieces():
                status = self._status_of(piece.index)
                if status in tints:
                    painter.fillRect(piece.rect.translated(shift), QColor(tints[status]))
        if self._highlights:
            self._paint_highlights(painter, shift, dark)
        if self._current is not None and self._segmented is not None:
            colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
            colour.setAlpha(70 if not dark else 110)
            for piece in self._token_pieces(self._current):
                painter.fillRect(piece.rect.translated(shift), colour)

    def _paint_highlights(self, painter: QPainter, shift: QPointF, dark: bool) -> None:
        top = self._offset_at_document_point(QPointF(0, -shift.y()))
        bottom = self._offset_at_document_point(
            QPointF(self.viewport().width() - shift.x(), self.viewport().height() - shift.y())
        )
        first = max(0, bisect.bisect_right(self._highlight_starts, top) - 1)
        last = bisect.bisect_right(self._highlight_starts, bottom)
        match_colour = QColor("#6b5a00" if dark else "#ffe27a")
        current_colour = QColor("#a04a00" if dark else "#ff9d3c")
        for number in range(first, last):
            start, end = self._highlights[number]
            colour = current_colour if number == self._current_highlight else match_colour
            for rect in self._range_rects(start, end):
                painter.fillRect(rect.translated(shift), colour)

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        doc_start = self._offsets.to_document(start)
        doc_end = self._offsets.to_document(end)
        rects: list[QRectF] = []
        block = self.document().findBlock(doc_start)
        while block.isValid() and block.position() < doc_end:
            pieces = self._pieces_in_block(block, -1, doc_start, doc_end)
            rects.extend(piece.rect for piece in pieces)
            block = block.next()
        return rects

    def _paint_overlays(self, painter: QPainter, area: QRect) -> None:
        if self._segmented is None or self._annotator is None:
            return
        shift = -self._scroll_offset()
        dark = palette_is_dark(self.palette())
        pieces = self._visible_pieces()
        if self._underline_terms:
            pen = QPen(QColor("#8a7cc9" if dark else "#7a6bb8"))
            pen.setStyle(Qt.PenStyle.DotLine)
            pen.setWidthF(1.2)
            painter.setPen(pen)
            for piece in pieces:
                if self._annotator.glossary_term(self._segmented, piece.index) is not None:
                    rect = piece.rect.translated(shift)
                    y = rect.bottom() - 1
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self._pinyin_mode.is_interlinear:
            self._paint_interlinear(painter, pieces, shift, area, dark)

    def _paint_interlinear(
        self, painter: QPainter, pieces: list[_Piece], shift: QPointF, area: QRect, dark: bool
    ) -> None:
        font = self._pinyin_font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        height = metrics.height()
        plain = self.palette().color(QPalette.ColorRole.Text)
        plain.setAlpha(190)
        hide_known = self._pinyin_mode is PinyinMode.ABOVE_UNKNOWN and self._status_lookup
        for piece in pieces:
            if self._segmented is None or self._segmented.kinds[piece.index] != _HAN:
                continue
            rect = piece.rect.translated(shift)
            band = QRectF(rect.left(), rect.top() - height, rect.width(), height)
            if not band.intersects(QRectF(area)):
                continue
            if hide_known and self._status_of(piece.index) in _HIDDEN_PINYIN_STATUSES:
                continue
            syllables = self._syllables_for_piece(piece)
            if not syllables:
                continue
            self._draw_syllables(painter, metrics, band, syllables, plain, dark)

    def _draw_syllables(
        self,
        painter: QPainter,
        metrics: QFontMetricsF,
        band: QRectF,
        syllables: Sequence[str],
        plain: QColor,
        dark: bool,
    ) -> None:
        widths = [metrics.horizontalAdvance(syllable) for syllable in syllables]
        total = sum(widths)
        # Squeeze pinyin wider than its word so that neighbours never overlap.
        scale = min(1.0, band.width() / total) if total else 1.0
        x = band.left() + (band.width() - total * scale) / 2
        baseline = band.top() + metrics.ascent()
        painter.save()
        painter.translate(x, baseline)
        painter.scale(scale, 1.0)
        cursor = 0.0
        for syllable, width in zip(syllables, widths, strict=True):
            painter.setPen(syllable_colour(syllable, dark) if self._tone_colours else plain)
            painter.drawText(QPointF(cursor, 0), syllable)
            cursor += width
        painter.restore()

    def _syllables_for_piece(self, piece: _Piece) -> tuple[str, ...]:
        """The syllables of the characters of a token that lie in this piece."""
        syllables = self._pinyin_of(piece.index)
        assert self._segmented is not None
        start = self._segmented.starts[piece.index]
        if len(syllables) != self._segmented.ends[piece.index] - start:
            return syllables
        pieces = self._token_pieces(piece.index) if len(syllables) > 1 else [piece]
        if len(pieces) == 1:
            return syllables
        # A word cut by a line break: each part gets its own characters' syllables.
        consumed = 0
        for part in pieces:
            count = self._characters_in(part)
            if part.rect == piece.rect:
                return syllables[consumed : consumed + count]
            consumed += count
        return syllables

    def _characters_in(self, piece: _Piece) -> int:
        position = (
            self.document()
            .documentLayout()
            .hitTest(piece.rect.center(), Qt.HitTestAccuracy.FuzzyHit)
        )
        block = self.document().findBlock(position)
        layout = block.layout()
        line = layout.lineForTextPosition(position - block.position())
        assert self._segmented is not None
        start = self._offsets.to_document(self._segmented.starts[piece.index]) - block.position()
        end = self._offsets.to_document(self._segmented.ends[piece.index]) - block.position()
        return min(end, line.textStart() + line.textLength()) - max(start, line.textStart())

    def _pinyin_of(self, index: int) -> tuple[str, ...]:
        cached = self._pinyin_cache.get(index)
        if cached is None:
            if len(self._pinyin_cache) > 20000:
                self._pinyin_cache.clear()
            assert self._segmented is not None and self._annotator is not None
            cached = self._annotator.pinyin(self._segmented, index)
            self._pinyin_cache[index] = cached
        return cached

    def _status_of(self, index: int) -> str | None:
        if self._status_lookup is None:
            return None
        return self._status_lookup(self._token_text(index))

    def _token_text(self, index: int) -> str:
        assert self._segmented is not None
        return self._segmented.text[self._segmented.starts[index] : self._segmented.ends[index]]

    # -- layout --------------------------------------------------------------------

    def _pinyin_font(self) -> QFont:
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(max(6.0, self._point_size * PINYIN_SCALE))
        return font

    def _line_extra(self) -> float:
        """Space the line height adds below each line's glyphs."""
        metrics = QFontMetricsF(self.document().defaultFont())
        return metrics.height() * (LINE_HEIGHT_PERCENT - 100) / 100

    def _block_format(self) -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        if not self._pinyin_mode.is_interlinear:
            block_format.setLineHeight(
                LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
            return block_format
        # Pinyin is painted in the space the line height adds below each line, i.e.
        # above the next one; a paragraph's first line gets a top margin for it.
        pinyin_height = QFontMetricsF(self._pinyin_font()).height() + 2
        block_format.setLineHeight(
            max(self._line_extra(), pinyin_height),
            QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value,
        )
        block_format.setTopMargin(pinyin_height)
        return block_format

    @staticmethod
    def _narrow_blank_lines(document: QTextDocument) -> None:
        """Give the empty line between paragraphs a third of a line, not a whole one.

        Articles separate paragraphs with a blank line; at the generous line
        height Chinese needs (and more with pinyin above), a full blank line
        leaves gaps that break up the page.
        """
        narrow = QTextBlockFormat()
        narrow.setLineHeight(35, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        narrow.setTopMargin(0)
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            if block.length() == 1:  # only the block separator: an empty line
                cursor.setPosition(block.position())
                cursor.setBlockFormat(narrow)
            block = block.next()

    def _install_document(self, document: QTextDocument) -> None:
        document.setUndoRedoEnabled(False)
        document.setDocumentMargin(24)
        document.setDefaultFont(article_font(self._point_size))
        self.setDocument(document)
        document.documentLayout().update.connect(self._relayout_timer.start)
        self._pieces = None

    def _relayout_keeping_position(self) -> None:
        offset = self.first_visible_offset() if self._text else 0
        document = self.document()
        document.setDefaultFont(article_font(self._point_size))
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(self._block_format())
        self._narrow_blank_lines(document)
        self._pieces = None
        if offset:
            rect = self._document_rect_of(offset)
            if rect is not None:
                self.verticalScrollBar().setValue(round(rect.top()))
        self._refresh_card()
        self.viewport().update()

    def _ensure_popup(self) -> WordPopup:
        if self._popup is None:
            self._popup = WordPopup(self)
            self._popup.add_word_requested.connect(self.add_word_requested)
            self._popup.dictionary_search_requested.connect(self.dictionary_search_requested)
        return self._popup
