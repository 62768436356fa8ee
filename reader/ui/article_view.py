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
  top of the document, from a per-screen cache of token geometry; syllables
  and underlines from a per-paragraph cache, as measuring spaced-out text
  is slow and a scroll only moves a paragraph.
* Pinyin above the text (ruby) spaces characters out with letter spacing and
  gives a pinyin row to exactly the lines that carry syllables (see
  ``ruby_layout`` and ``ruby_rows``), paragraph by paragraph near the screen.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QCursor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QStaticText,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLine,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QWidget

from reader.glossary.sentences import SentenceFinder
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.ui.fonts import article_font
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.ruby_layout import extra_room, letter_spacings
from reader.ui.ruby_rows import cursor_x, row_format, tall_point_size
from reader.ui.tone_colours import palette_is_dark, syllable_colour

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent, QHideEvent, QResizeEvent

    from reader.annotation.word_info import WordAnnotator, WordInfo
    from reader.ui.hover_card import HoverCard
    from reader.ui.word_popup import WordPopup
    from reader.vocab.word import VocabWord

StatusLookup = Callable[[str], "str | None"]
WordMenuSection = Callable[[QMenu, int], None]
"""Adds actions for token ``index`` to the right-click menu (``add_word_menu_section``)."""

DEFAULT_POINT_SIZE = 16.0
MIN_POINT_SIZE = 8.0
MAX_POINT_SIZE = 48.0
LINE_HEIGHT_PERCENT = 165  # comfortable for Chinese, whose glyphs fill the em square
PINYIN_SCALE = 0.55  # pinyin above the text, relative to the article font: readable
SYLLABLE_GAP_EM = 0.3  # least space between two syllables, in pinyin ems
WORD_GAP_EM = 0.25  # extra space between two words in ruby mode, in article ems
MEASURE_EMS = 36  # the longest line, in characters: a comfortable column for Chinese
RUBY_MEASURE_EMS = 48  # the same with pinyin above, whose characters are spaced out
DOCUMENT_MARGIN = 24
RUBY_LINE_SPACING = 1.4  # the pinyin row and some air between it and the line above
_WIDEST_SYLLABLE = "zhuàng"  # for the margin a syllable at a line's start may overhang
_EXACT_FRACTION_MAX_CHARS = 200_000  # laying out this much at once takes well under 0.1 s
_WORD_KINDS = frozenset(
    KIND_CODES.index(kind) for kind in (TokenKind.HAN, TokenKind.LATIN, TokenKind.NUMBER)
)
_HAN = KIND_CODES.index(TokenKind.HAN)
# Vocabulary status tints: unknown (unsaved or new) blue, learning amber, known a
# soft green-teal; ignored words are left plain.  Pale in the light theme and deep
# in the dark one so text keeps its contrast; the three differ in hue and lightness
# so they stay apart for the common red-green colour blindness too.
STATUS_TINTS_LIGHT = {"new": "#dbe9ff", "learning": "#ffedb3", "known": "#dcf2e6"}
STATUS_TINTS_DARK = {"new": "#23385c", "learning": "#544419", "known": "#1d4536"}
_HIDDEN_PINYIN_STATUSES = frozenset({"known", "ignored"})


@dataclass(frozen=True, slots=True)
class _Piece:
    """The part of one token that lies on one line, in document coordinates."""

    index: int
    rect: QRectF


@dataclass(frozen=True, slots=True)
class _RubyLabel:
    """One syllable (or a word's whole reading) above the text, in document coordinates."""

    index: int  # the token it reads
    left: float
    baseline: float
    width: float
    text: str


@dataclass(slots=True)
class _BlockRuby:
    """The syllables over one paragraph, relative to its layout's origin (a cache per block).

    Positions inside a paragraph hold until the paragraph itself is laid out
    anew (zoom, mode, width, its formats); text above it only moves its origin.
    """

    labels: list[_RubyLabel]
    # What to paint, grouped by colour, for the (tone colours, dark palette) in ``colours_for``.
    colours_for: tuple[bool, bool] | None = None
    groups: list[tuple[QColor, list[tuple[float, QPointF, QStaticText]]]] = field(
        default_factory=list
    )


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
        # max() finds a character beyond the BMP in C, where a Python loop over a
        # long article would delay showing it (an empty text is ASCII).
        if text.isascii() or not ("\r\n" in text or max(text) > "\uffff"):
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
    readings_changed = Signal()
    """Some words are read differently now (a reading corrected): pinyin search reads anew."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here replaces the one Qt made.  The first time Python is
        # handed a widget it did not make, as Qt's viewport, PySide looks for its
        # most derived class among every QtWidgets class, building each with its
        # enums: 36 million instructions here, 3 % of the start to the first paint.
        viewport = QWidget(self)
        viewport.setObjectName("qt_scrollarea_viewport")  # as Qt names its own
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        viewport.lower()  # under the scroll bars, as Qt's own (they may overlay it)
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
        self._annotator: WordAnnotator | None = None
        self._sentences: SentenceFinder | None = None  # made when a sentence is first asked for
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
        # Ruby (pinyin above each character) spaces characters out with letter
        # spacing, applied block by block near the visible area (a 1 MB article
        # cannot be formatted at once): these are the blocks done for the
        # current mode, zoom and vocabulary.
        self._ruby_blocks: set[int] = set()
        self._ruby_formatted = False  # some block carries ruby formats
        self._ruby_busy = False
        self._ruby_checked: tuple[int, ...] = ()  # the screen last looked at
        self._range: range | None = None  # tokens on screen
        self._block_ruby: dict[int, _BlockRuby] = {}  # by block number
        self._block_terms: dict[int, list[QRectF]] = {}  # glossary terms, relative to the block
        self._pinyin_fonts: tuple[float, QFont] | None = None  # (point size, pinyin font)
        self._article_fonts: tuple[float, QFont] | None = None  # (point size, article font)
        self._syllable_colours: dict[tuple[str, bool], QColor] = {}
        self._statics: dict[str, QStaticText] = {}  # syllables, laid out in the pinyin font
        self._tall: tuple[float, int | None] | None = None  # (point size, its tall_size)
        self._glyph_extent: tuple[float, float] | None = None  # article font's ascent, descent
        self._terms: list[QRectF] | None = None  # glossary terms on screen
        self._widths: dict[tuple[bool, str], float] = {}  # (is pinyin, text) -> width
        # The card and the popup are made when first needed: their modules and
        # widgets are not part of the first screen.
        self._card: HoverCard | None = None
        self._popup: WordPopup | None = None
        self._word_menu_sections: list[WordMenuSection] = []

        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        # The layout of a long document is completed in the background; the
        # geometry cache must follow each step.
        self._relayout_timer = QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(0)
        self._relayout_timer.timeout.connect(self._forget_geometry)
        self._ruby_timer = QTimer(self)
        self._ruby_timer.setSingleShot(True)
        self._ruby_timer.setInterval(150)
        self._ruby_timer.timeout.connect(self._format_ruby_ahead)
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
        cursor.setBlockFormat(self._plain_block_format())
        cursor.insertText(text)
        self._narrow_blank_lines(document)
        old = self.document()
        self._install_document(document)
        if old is not None and old.parent() is self:
            old.deleteLater()
        self.verticalScrollBar().setValue(0)

    def text(self) -> str:
        return self._text

    def set_annotation(self, segmented: SegmentedText, annotator: WordAnnotator) -> None:
        """Use ``segmented`` (of the text shown) for hover, popup, find and pinyin."""
        if segmented.text != self._text:
            self.set_text(segmented.text)
        self._segmented = segmented
        self._annotator = annotator
        self._pinyin_cache.clear()
        self._forget_ruby()
        self._forget_layout()
        self._forget_geometry()
        self.annotation_applied.emit()
        if self.underMouse():
            self._hover_at(self.viewport().mapFromGlobal(QCursor.pos()))

    def show_changed_readings(self) -> None:
        """The annotator reads some words differently now: pinyin, hover and find follow.

        Every occurrence changes at once, so everything kept about pinyin goes:
        the syllables, the ruby spacing they set, their places on screen.
        """
        self._pinyin_cache.clear()
        self._forget_ruby()
        self._forget_layout()
        self._forget_geometry()
        self._refresh_card()
        self.readings_changed.emit()

    def segmented(self) -> SegmentedText | None:
        return self._segmented

    def annotator(self) -> WordAnnotator | None:
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
        if mode.is_interlinear or was_interlinear:
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
        if self._pinyin_mode is PinyinMode.ABOVE_UNKNOWN:
            # Which words carry pinyin changed, so does the spacing they need.
            self._forget_ruby()
            self._forget_geometry()
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
        document = self.document()
        if fraction > 0 and document.characterCount() <= _EXACT_FRACTION_MAX_CHARS:
            # Qt lays a document out in steps on a timer; until it is done the scroll
            # range covers only part of it and a saved fraction would land too low.
            # (The top needs no layout: an article opened at its start is painted sooner.)
            document.documentLayout().blockBoundingRect(document.lastBlock())
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
        if self._card is None:
            from reader.ui.hover_card import HoverCard

            self._card = HoverCard(self)
        return self._card

    def _card_visible(self) -> bool:
        return self._card is not None and self._card.isVisible()

    def _hide_card(self) -> None:
        if self._card is not None:
            self._card.hide()

    def popup(self) -> WordPopup | None:
        return self._popup

    def sentence_around(self, offset: int) -> str:
        """The sentence holding ``offset``, ending punctuation included (vocabulary context)."""
        if self._sentences is None or self._sentences.text != self._text:
            self._sentences = SentenceFinder(self._text)
        return self._sentences.sentence_at(offset)

    def activate(self, index: int) -> None:
        """Open the dictionary popup on word ``index`` and emit ``word_activated``.

        Punctuation and spaces have nothing to look up: they open nothing.
        """
        info = self.word_info(index)
        if info is None or self._annotator is None or self._segmented is None:
            return
        if self._segmented.kinds[index] not in _WORD_KINDS:
            return
        # The word stays current when the popup takes the mouse, so that the
        # keys (A, 1-4, Left/Right) continue from it once the popup closes.
        self._set_current(index, by_keyboard=True)
        self._hide_card()
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

    def show_saved_word(self, saved: VocabWord) -> None:
        """A word was saved to the vocabulary: the popup on it says so."""
        if self._popup is not None:
            self._popup.show_saved(saved.simplified, saved.status.value)

    def add_word_menu_section(self, section: WordMenuSection) -> None:
        """Have ``section(menu, index)`` add its actions for token ``index`` to the right-click
        menu, above the standard ones (Copy, Select All), for words only."""
        self._word_menu_sections.append(section)

    # -- events ------------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        standard = self.createStandardContextMenu(event.pos() + self._scroll_offset().toPoint())
        keyboard = event.reason() is QContextMenuEvent.Reason.Keyboard
        # the menu key acts on the current word, as Enter and A do
        index = self._current if keyboard else self._index_at_point(event.pos())
        where = event.globalPos()
        if keyboard and index is not None:
            rect = self._global_rect_of(index)
            where = rect.bottomLeft() if rect is not None else where
        if (
            index is None
            or self._segmented is None
            or self._segmented.kinds[index] not in _WORD_KINDS
            or not self._word_menu_sections
        ):
            menu = standard
        else:
            menu = QMenu(self)
            for section in self._word_menu_sections:
                section(menu, index)
            if menu.actions():
                menu.addSeparator()
            standard.setParent(menu, standard.windowFlags())  # its actions live as long
            menu.addActions(standard.actions())
        self._hide_card()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setObjectName("articleContextMenu")
        menu.popup(where)
        event.accept()

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

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        super().leaveEvent(event)
        on_button = self._card is not None and self._card.mouse_on_button()
        if not self._current_by_keyboard and not on_button:
            self._set_current(None, by_keyboard=False)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._hide_card()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        super().hideEvent(event)
        self._hide_card()

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

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_measure()
        self._forget_layout()
        self._forget_geometry()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
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
        if self._segmented is None or self._on_way_to_card_button(point):
            return
        index = self._index_at_point(point)
        if index is None or self._segmented.kinds[index] not in _WORD_KINDS:
            if not self._current_by_keyboard:
                self._set_current(None, by_keyboard=False)
            return
        if index == self._current and self._card_visible():
            return
        self._set_current(index, by_keyboard=False)

    def _set_current(self, index: int | None, *, by_keyboard: bool) -> None:
        previous = self._current
        self._current = index
        self._current_by_keyboard = by_keyboard and index is not None
        for changed in {i for i in (previous, index) if i is not None}:
            self._update_token_area(changed)
        if index is None:
            self._hide_card()
        else:
            self._show_card(index)
        if previous != index:
            self.word_hovered.emit(-1 if index is None else index)

    def _show_card(self, index: int) -> None:
        info = self.word_info(index)
        rect = self._global_rect_of(index)
        if info is None or rect is None or not (info.pinyin or info.entries or info.glossary):
            self._hide_card()
            return
        if self._pinyin_mode is PinyinMode.OFF:
            info = dataclasses.replace(info, pinyin=())
        self.hover_card().show_word(info, rect, self._tone_colours)

    def _on_way_to_card_button(self, point: QPoint) -> bool:
        """The mouse went from the hovered word towards its card's speaker button."""
        if self._current is None or self._current_by_keyboard or not self._card_visible():
            return False
        word = self._global_rect_of(self._current)
        return word is not None and self.hover_card().on_way_to_button(
            word, self.viewport().mapToGlobal(point)
        )

    def _refresh_card(self) -> None:
        if self._current is not None and self._card_visible():
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
        left = origin.x() + cursor_x(line, relative)
        right = origin.x() + cursor_x(line, relative + 1)
        return min(left, right) <= point.x() < max(left, right)

    def _scroll_offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def _offset_at_document_point(self, point: QPointF) -> int:
        return self._offsets.from_document(self._position_at(point))

    def _position_at(self, point: QPointF) -> int:
        """The document position nearest ``point``.

        A point in the top margin is moved onto the first line: there Qt's fuzzy
        hit test answers from wherever its stepwise layout has got to.
        """
        top = self.document().rootFrame().frameFormat().topMargin() + 1
        inside = QPointF(point.x(), max(point.y(), top))
        position = self.document().documentLayout().hitTest(inside, Qt.HitTestAccuracy.FuzzyHit)
        return max(position, 0)

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
                left = cursor_x(line, piece_start)
                right = cursor_x(line, piece_end)
                top, height = self._glyph_box(line)
                pieces.append(
                    _Piece(
                        index,
                        QRectF(
                            origin.x() + min(left, right),
                            origin.y() + top,
                            abs(right - left),
                            height,
                        ),
                    )
                )
            line_number += 1
        return pieces

    def _glyph_box(self, line: QTextLine) -> tuple[float, float]:
        """(top, height) of the article's glyphs on ``line``, in its layout: no pinyin row.

        A line carrying syllables is taller than its glyphs by its pinyin row
        above them (and a little below; see ``ruby_rows``).
        """
        if self._glyph_extent is None:
            metrics = QFontMetricsF(self.document().defaultFont())
            self._glyph_extent = (metrics.ascent(), metrics.descent())
        ascent, descent = self._glyph_extent
        row = max(0.0, line.ascent() - ascent)
        below = max(0.0, line.descent() - descent)
        return line.y() + row, line.height() - row - below

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
            # Pinyin above the word, which may be wider than it, is repainted with it.
            self.viewport().update(rect.adjusted(-rect.height(), -rect.height(), rect.height(), 2))

    def _screen_key(self) -> tuple[int, ...]:
        # No document height here: asking it lays out a whole long document, and
        # every layout change reaches _forget_geometry through the relayout timer.
        return (
            self.verticalScrollBar().value(),
            self.horizontalScrollBar().value(),
            self.viewport().width(),
            self.viewport().height(),
        )

    def _visible_range(self) -> range:
        """The tokens on screen (and those whose pinyin row is), once per scroll position."""
        key = self._screen_key()
        if self._range is not None and key == self._pieces_key:
            return self._range
        self._pieces = self._terms = None
        visible = range(0)
        segmented = self._segmented
        if segmented is not None and len(segmented):
            top = QPointF(0, key[0])
            # A line just below the view has its pinyin row inside it.
            below = self._pinyin_band() if self._pinyin_mode.is_interlinear else 0
            # Not past what Qt has laid out of a long document so far (the scroll
            # range): a hit test there answers the end of the whole document.
            margin = self.document().rootFrame().frameFormat().bottomMargin()
            laid_out = self.verticalScrollBar().maximum() + key[3] - margin - 1
            bottom = QPointF(key[2] + key[1], min(key[0] + key[3] + below, laid_out))
            first_offset = self._offset_at_document_point(top)
            last_offset = self._offset_at_document_point(bottom)
            first = segmented.index_at(max(0, first_offset - 1)) or 0
            last = segmented.index_at(min(len(segmented.text) - 1, last_offset)) or first
            visible = range(first, last + 1)
        self._range, self._pieces_key = visible, key
        return visible

    def _visible_pieces(self) -> list[_Piece]:
        """Geometry of every word on screen, computed once per scroll position and layout."""
        visible = self._visible_range()
        if self._pieces is None:
            assert self._segmented is not None or not visible
            pieces: list[_Piece] = []
            for index in visible:
                if self._segmented is not None and self._segmented.kinds[index] in _WORD_KINDS:
                    pieces.extend(self._token_pieces(index))
            self._pieces = pieces
        return self._pieces

    def _forget_geometry(self) -> None:
        self._range = self._pieces = self._terms = None
        self._ensure_ruby()
        self.viewport().update()

    def _scrolled(self) -> None:
        self._range = self._pieces = self._terms = None
        self._ensure_ruby()
        if self._current_by_keyboard:
            return
        if self.underMouse():
            self._hover_at(self.viewport().mapFromGlobal(QCursor.pos()))
        else:
            self._hide_card()

    # -- painting ------------------------------------------------------------------

    def _paint_backgrounds(self, painter: QPainter, area: QRect) -> None:
        dark = palette_is_dark(self.palette())
        shift = -self._scroll_offset()
        if self._status_lookup is not None and self._segmented is not None:
            tints = STATUS_TINTS_DARK if dark else STATUS_TINTS_LIGHT
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
        if self._underline_terms:
            pen = QPen(QColor("#8a7cc9" if dark else "#7a6bb8"))
            pen.setStyle(Qt.PenStyle.DotLine)
            pen.setWidthF(1.2)
            painter.setPen(pen)
            for rect in self._visible_terms():
                rect = rect.translated(shift)
                y = rect.bottom() - 1
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self._pinyin_mode.is_interlinear:
            self._paint_interlinear(painter, shift, dark)

    def _visible_terms(self) -> list[QRectF]:
        """Where the glossary terms on screen are (to underline), once per scroll position."""
        self._visible_range()  # forgets the terms of another screen
        if self._terms is None:
            terms: list[QRectF] = []
            for block in self._visible_blocks():
                origin = block.layout().position()
                terms.extend(rect.translated(origin) for rect in self._terms_of(block))
            self._terms = terms
        return self._terms

    def _terms_of(self, block: QTextBlock) -> list[QRectF]:
        """The glossary terms in ``block``, relative to its origin, found once per layout.

        Measuring spaced-out text (ruby) is slow enough to do once per paragraph.
        """
        number = block.blockNumber()
        cached = self._block_terms.get(number)
        if cached is not None:
            return cached
        layout = block.layout()
        if layout is None or layout.lineCount() == 0 or block.length() <= 1:
            return []
        assert self._annotator is not None and self._segmented is not None
        annotator, segmented = self._annotator, self._segmented
        start = self._offsets.from_document(block.position())
        end = self._offsets.from_document(block.position() + block.length() - 1)
        origin = layout.position()
        rects: list[QRectF] = []
        index = segmented.index_at(start) or 0
        while index < len(segmented) and segmented.starts[index] < end:
            # glossary_term: also a token inside a quoted or comma-separated term
            if segmented.kinds[index] == _HAN and annotator.glossary_term(segmented, index):
                rects.extend(piece.rect.translated(-origin) for piece in self._token_pieces(index))
            index += 1
        self._block_terms[number] = rects
        return rects

    def _paint_interlinear(self, painter: QPainter, shift: QPointF, dark: bool) -> None:
        painter.setFont(self._pinyin_font())
        # Each paragraph's syllables are grouped by colour once (one pen per
        # colour) and drawn as static text laid out once per syllable (drawText
        # would shape each one again): a screen holds several hundred syllables.
        colours_for = (self._tone_colours, dark)
        band = self._pinyin_band()
        height = self.viewport().height()
        for block in self._visible_blocks():
            ruby = self._ruby_of(block)
            if ruby is None or not ruby.labels:
                continue
            origin = block.layout().position() + shift
            low, high = -origin.y() - band, height - origin.y()  # the screen, in the block
            painter.translate(origin)
            for colour, items in self._colour_groups(ruby, colours_for):
                painter.setPen(colour)
                for y, point, static in items:
                    if low <= y <= high:
                        painter.drawStaticText(point, static)
            painter.translate(-origin)

    def _colour_groups(
        self, ruby: _BlockRuby, colours_for: tuple[bool, bool]
    ) -> list[tuple[QColor, list[tuple[float, QPointF, QStaticText]]]]:
        """A paragraph's syllables by colour, for (tone colours, dark palette), made once."""
        if ruby.colours_for == colours_for:
            return ruby.groups
        tone_colours, dark = colours_for
        plain = self.palette().color(QPalette.ColorRole.Text)
        plain.setAlpha(190)
        ascent = QFontMetricsF(self._pinyin_font()).ascent()
        by_colour: dict[int, tuple[QColor, list[tuple[float, QPointF, QStaticText]]]] = {}
        for label in ruby.labels:
            colour = self._syllable_colour(label.text, dark) if tone_colours else plain
            top = label.baseline - ascent
            item = (top, QPointF(label.left, top), self._static(label.text))
            by_colour.setdefault(colour.rgba(), (colour, []))[1].append(item)
        ruby.groups = list(by_colour.values())
        ruby.colours_for = colours_for
        return ruby.groups

    def _static(self, syllable: str) -> QStaticText:
        static = self._statics.get(syllable)
        if static is None:
            static = self._statics[syllable] = QStaticText(syllable)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._pinyin_font())
        return static

    def _syllable_colour(self, syllable: str, dark: bool) -> QColor:
        colour = self._syllable_colours.get((syllable, dark))
        if colour is None:
            colour = self._syllable_colours[(syllable, dark)] = syllable_colour(syllable, dark)
        return colour

    def ruby_labels(self) -> list[_RubyLabel]:
        """The syllables over the paragraphs on screen, in document coordinates."""
        labels: list[_RubyLabel] = []
        for block in self._visible_blocks():
            ruby = self._ruby_of(block)
            if ruby is None:
                continue
            origin = block.layout().position()
            x, y = origin.x(), origin.y()
            labels.extend(
                _RubyLabel(label.index, label.left + x, label.baseline + y, label.width, label.text)
                for label in ruby.labels
            )
        return labels

    def _visible_blocks(self) -> list[QTextBlock]:
        """The paragraphs holding the tokens on screen (see ``_visible_range``)."""
        visible = self._visible_range()
        if self._segmented is None or not visible:
            return []
        end = self._offsets.to_document(self._segmented.ends[visible[-1]])
        block = self.document().findBlock(
            self._offsets.to_document(self._segmented.starts[visible[0]])
        )
        blocks = []
        while block.isValid() and block.position() <= end:
            blocks.append(block)
            block = block.next()
        return blocks

    def _ruby_of(self, block: QTextBlock) -> _BlockRuby | None:
        """The syllables over ``block``, placed once; None while Qt has not laid it out."""
        if not self._ruby_shown():
            return None
        number = block.blockNumber()
        ruby = self._block_ruby.get(number)
        if ruby is None:
            layout = block.layout()
            if layout is None or layout.lineCount() == 0:
                return None
            ruby = self._block_ruby[number] = _BlockRuby(self._block_labels(block))
        return ruby

    def _block_labels(self, block: QTextBlock) -> list[_RubyLabel]:
        """The syllables of every token shown with pinyin in ``block``, relative to it."""
        segmented = self._segmented
        assert segmented is not None
        if block.length() <= 1:
            return []
        start = self._offsets.from_document(block.position())
        end = self._offsets.from_document(block.position() + block.length() - 1)
        labels: list[_RubyLabel] = []
        index = segmented.index_at(start) or 0
        while index < len(segmented) and segmented.starts[index] < end:
            if segmented.starts[index] >= start and self._shows_pinyin(index):
                labels.extend(self._relative_labels(index, block))
            index += 1
        return labels

    def _relative_labels(self, index: int, block: QTextBlock) -> list[_RubyLabel]:
        """Token ``index``'s syllables, each centred on its character's glyph, relative to
        ``block``'s origin (which moves when text above changes)."""
        assert self._segmented is not None
        syllables = self._pinyin_of(index)
        start, end = self._segmented.starts[index], self._segmented.ends[index]
        characters = self._text[start:end]
        layout = block.layout()
        if not syllables or layout is None:
            return []
        # (left, right, top) of each character's glyph, letter spacing left out.
        glyphs: list[tuple[float, float, float]] = []
        for number, character in enumerate(characters):
            position = self._offsets.to_document(start + number) - block.position()
            line = layout.lineForTextPosition(position)
            if not line.isValid():
                return []
            left = cursor_x(line, position)
            glyphs.append((left, left + self._width(character), self._glyph_box(line)[0]))
        if len(syllables) != len(characters):
            # No syllable per character (rare): the whole reading over the word's first line.
            syllables = ("".join(syllables),)
            first_line = [glyph for glyph in glyphs if glyph[2] == glyphs[0][2]]
            glyphs = [(first_line[0][0], first_line[-1][1], glyphs[0][2])]
        above = QFontMetricsF(self._pinyin_font()).descent() + 1
        labels = []
        for syllable, (left, right, top) in zip(syllables, glyphs, strict=True):
            width = self._width(syllable, pinyin=True)
            centre = (left + right) / 2
            labels.append(_RubyLabel(index, centre - width / 2, top - above, width, syllable))
        return labels

    def _forget_layout(self) -> None:
        """After the text was laid out anew: nothing measured before still holds."""
        self._range = self._pieces = self._terms = None
        self._block_ruby.clear()
        self._block_terms.clear()

    def _width(self, text: str, pinyin: bool = False) -> float:
        """The advance of ``text`` in the article font (or the pinyin font), remembered."""
        key = (pinyin, text)
        width = self._widths.get(key)
        if width is None:
            # the article font itself, not the shown document's: a new document's
            # margins are measured before it is shown (_install_document)
            font = self._pinyin_font() if pinyin else self._article_font()
            width = QFontMetricsF(font).horizontalAdvance(text)
            self._widths[key] = width
        return width

    def _ruby_shown(self) -> bool:
        return (
            self._pinyin_mode.is_interlinear
            and self._segmented is not None
            and self._annotator is not None
        )

    def _shows_pinyin(self, index: int) -> bool:
        """Whether token ``index`` gets pinyin above it in the current mode."""
        assert self._segmented is not None
        if self._segmented.kinds[index] != _HAN:
            return False
        if self._pinyin_mode is PinyinMode.ABOVE_UNKNOWN and self._status_lookup is not None:
            return self._status_of(index) not in _HIDDEN_PINYIN_STATUSES
        return True

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

    def _article_font(self) -> QFont:
        """``article_font`` at the view's size, made once per size: finding the CJK family
        asks Qt's font database, and ruby layout measures character after character."""
        if self._article_fonts is None or self._article_fonts[0] != self._point_size:
            self._article_fonts = (self._point_size, article_font(self._point_size))
        return self._article_fonts[1]

    def _pinyin_font(self) -> QFont:
        if self._pinyin_fonts is None or self._pinyin_fonts[0] != self._point_size:
            font = QFont(self._article_font())
            font.setPointSizeF(self._point_size * PINYIN_SCALE)
            self._pinyin_fonts = (self._point_size, font)
        return self._pinyin_fonts[1]

    def _pinyin_band(self) -> float:
        """The height of the pinyin row above a line."""
        return QFontMetricsF(self._pinyin_font()).height() + 2

    def _line_extra(self) -> float:
        """Space the line height adds below each line's glyphs."""
        metrics = QFontMetricsF(self.document().defaultFont())
        return metrics.height() * (LINE_HEIGHT_PERCENT - 100) / 100

    @staticmethod
    def _plain_block_format() -> QTextBlockFormat:
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        return block_format

    def _tall_size(self) -> int | None:
        """The point size that gives a line its pinyin row (see ``ruby_rows``), per zoom."""
        if self._tall is None or self._tall[0] != self._point_size:
            self._tall = (self._point_size, tall_point_size(self.document().defaultFont()))
        return self._tall[1]

    def _ruby_block_format(self) -> QTextBlockFormat:
        """A paragraph with pinyin: each line that carries syllables has a row above it.

        Lines are spaced as in plain text; a line holding a syllable is taller by
        its row (see ``ruby_rows``), which the space below the line before tops up
        to a whole row with some air.  Where Qt cannot do that, the row is reserved
        on every line: pinyin is painted in the space added below each line, i.e.
        above the next one, and a paragraph's first line gets a top margin for it.
        """
        block_format = QTextBlockFormat()
        band = self._pinyin_band()
        tall = self._tall_size()
        if tall is None:
            distance = max(self._line_extra(), band * RUBY_LINE_SPACING)
            block_format.setTopMargin(band)
        else:
            font = QFont(self._article_font())
            plain_ascent = QFontMetricsF(font).ascent()
            font.setPointSize(tall)
            row = QFontMetricsF(font).ascent() - plain_ascent
            distance = max(self._line_extra(), band * RUBY_LINE_SPACING - row)
        block_format.setLineHeight(
            distance, QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value
        )
        return block_format

    def _document_margin(self) -> float:
        if not self._pinyin_mode.is_interlinear:
            return DOCUMENT_MARGIN
        # A wide syllable over a line's first character reaches into the margin.
        return max(DOCUMENT_MARGIN, self._width(_WIDEST_SYLLABLE, pinyin=True) / 2 + 4)

    def _apply_measure(self, document: QTextDocument | None = None) -> None:
        """Keep lines to a comfortable length: wide windows get side margins, not long lines.

        ``document`` is a new one not yet shown: its margins are set before the view
        lays it out, so that a long article is laid out once, not twice.
        """
        document = document or self.document()
        margin = self._document_margin()
        ems = RUBY_MEASURE_EMS if self._pinyin_mode.is_interlinear else MEASURE_EMS
        measure = ems * self._width("中")
        side = max(margin, (self.viewport().width() - measure) / 2)
        frame = document.rootFrame()
        frame_format = frame.frameFormat()
        if (frame_format.leftMargin(), frame_format.topMargin()) == (side, margin):
            return
        frame_format.setMargin(margin)
        frame_format.setLeftMargin(side)
        frame_format.setRightMargin(side)
        frame.setFrameFormat(frame_format)

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
        document.setDefaultFont(self._article_font())
        self._widths.clear()
        self._statics.clear()
        self._glyph_extent = None
        self._apply_measure(document)
        self.setDocument(document)
        document.documentLayout().update.connect(self._relayout_timer.start)
        self._forget_ruby()
        self._ruby_formatted = False
        self._forget_layout()

    def _relayout_keeping_position(self) -> None:
        offset = self.first_visible_offset() if self._text else 0
        document = self.document()
        document.setDefaultFont(self._article_font())
        self._widths.clear()
        self._statics.clear()
        self._glyph_extent = None
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(self._plain_block_format())
        if self._ruby_formatted:
            cursor.setCharFormat(QTextCharFormat())
            self._ruby_formatted = False
        cursor.endEditBlock()
        self._narrow_blank_lines(document)
        self._forget_ruby()
        self._apply_measure()
        self._forget_layout()
        if offset:
            rect = self._document_rect_of(offset)
            if rect is not None:
                self.verticalScrollBar().setValue(round(rect.top()))
        self._ensure_ruby()
        self._refresh_card()
        self.viewport().update()

    def _ensure_ruby(self) -> None:
        """Space out the characters of the paragraphs on screen, and more ahead once idle.

        Each change to a long document costs a relayout of its block positions,
        so paragraphs are formatted a few screens at a time: at once when the
        screen holds any not yet formatted, else a little later, while the
        reader reads.
        """
        if not self._ruby_shown():
            return
        # The scroll range grows as Qt's layout reaches paragraphs still to format.
        key = (*self._screen_key(), len(self._ruby_blocks), self.verticalScrollBar().maximum())
        if key == self._ruby_checked:
            return
        self._ruby_checked = key
        if self._unformatted_blocks(0, 0):
            self._format_ruby_blocks(self._unformatted_blocks(0.5, 1))
        if self._unformatted_blocks(2, 5):
            self._ruby_timer.start()

    def _forget_ruby(self) -> None:
        """Every paragraph needs its ruby formats anew (mode, zoom, text or vocabulary changed)."""
        self._ruby_blocks.clear()
        self._ruby_checked = ()
        self._block_ruby.clear()
        self._block_terms.clear()

    def _format_ruby_ahead(self) -> None:
        if self._ruby_shown():
            self._format_ruby_blocks(self._unformatted_blocks(2, 5))

    def _unformatted_blocks(self, screens_above: float, screens_below: float) -> list[QTextBlock]:
        """Paragraphs without ruby formats from ``screens_above`` above the view to below it."""
        document = self.document()
        layout = document.documentLayout()
        top = self.verticalScrollBar().value()
        height = self.viewport().height()
        block = document.findBlock(self._position_at(QPointF(0, top - screens_above * height)))
        bottom = top + height * (1 + screens_below) + self._pinyin_band()
        # Qt lays a long document out in steps on a timer.  A paragraph it has not
        # reached yet has no place (Qt puts it at the end of what is laid out, which
        # would make the whole rest of the document look near): it is formatted
        # once laid out, when the layout's progress calls _forget_geometry.
        blocks = []
        while block.isValid() and layout.blockBoundingRect(block).top() <= bottom:
            block_layout = block.layout()
            if block_layout is None or block_layout.lineCount() == 0:
                break
            if block.blockNumber() not in self._ruby_blocks:
                blocks.append(block)
            block = block.next()
        return blocks

    def _format_ruby_blocks(self, blocks: list[QTextBlock]) -> None:
        """Format ``blocks`` for ruby in one edit; the first character on screen stays put."""
        if self._ruby_busy or not blocks:
            return
        bar = self.verticalScrollBar()
        anchor = self.first_visible_offset()
        anchor_rect = self._document_rect_of(anchor) if bar.value() > 0 else None
        self._ruby_busy = True
        try:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            for block in blocks:
                self._format_ruby_block(cursor, block)
                self._ruby_blocks.add(block.blockNumber())
            cursor.endEditBlock()
            self._ruby_formatted = True
            if anchor_rect is not None:
                moved = self._document_rect_of(anchor)
                if moved is not None and moved.top() != anchor_rect.top():
                    bar.setValue(bar.value() + round(moved.top() - anchor_rect.top()))
        finally:
            self._ruby_busy = False
        self._range = self._pieces = self._terms = None
        # Place and lay out the syllables of the freshly formatted paragraphs now (often
        # while the reader reads), not on the next repaint.
        colours_for = (self._tone_colours, palette_is_dark(self.palette()))
        for block in blocks:
            self._block_ruby.pop(block.blockNumber(), None)
            self._block_terms.pop(block.blockNumber(), None)
            ruby = self._ruby_of(block)
            if ruby is not None:
                self._colour_groups(ruby, colours_for)
        self.viewport().update()

    def _format_ruby_block(self, cursor: QTextCursor, block: QTextBlock) -> None:
        """Letter spacing that makes room for each syllable, and a pinyin row if needed."""
        segmented = self._segmented
        assert segmented is not None
        base = block.position()
        if block.length() <= 1:
            return  # a blank line keeps its narrow format
        start = self._offsets.from_document(base)
        end = self._offsets.from_document(base + block.length() - 1)
        extras = [0.0] * (end - start)
        word_ends = [False] * (end - start)
        carries = [False] * (end - start)  # has a syllable above it
        gap = SYLLABLE_GAP_EM * QFontMetricsF(self._pinyin_font()).height()
        shows_any = False
        index = segmented.index_at(start) or 0
        while index < len(segmented) and segmented.starts[index] < end:
            if segmented.kinds[index] == _HAN:
                token_start, token_end = segmented.starts[index], segmented.ends[index]
                following = index + 1
                if (
                    following < len(segmented)
                    and segmented.kinds[following] == _HAN
                    and start < token_end <= end
                ):
                    word_ends[token_end - 1 - start] = True
                if self._shows_pinyin(index) and self._pinyin_of(index):
                    shows_any = True
                    self._fill_extras(extras, start, token_start, token_end, index, gap)
                    for offset in range(max(start, token_start), min(end, token_end)):
                        carries[offset - start] = True
            index += 1
        word_gap = WORD_GAP_EM * self._width("中")
        spacings = letter_spacings(extras, word_ends, word_gap)
        tall = self._tall_size()
        run_start = 0
        for position in range(1, len(spacings) + 1):
            if (
                position == len(spacings)
                or spacings[position] != spacings[run_start]
                or carries[position] != carries[run_start]
            ):
                cursor.setPosition(self._offsets.to_document(start + run_start))
                cursor.setPosition(
                    self._offsets.to_document(start + position), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(
                    row_format(spacings[run_start], tall if carries[run_start] else None)
                )
                run_start = position
        cursor.setPosition(base)
        cursor.setBlockFormat(
            self._ruby_block_format() if shows_any else self._plain_block_format()
        )

    def _fill_extras(
        self,
        extras: list[float],
        start: int,
        token_start: int,
        token_end: int,
        index: int,
        gap: float,
    ) -> None:
        """Put the room token ``index``'s characters lack into ``extras`` (from ``start``)."""
        syllables = self._pinyin_of(index)
        characters = self._text[token_start:token_end]
        if len(syllables) == len(characters):
            needs = [
                extra_room(self._width(character), self._width(syllable, pinyin=True), gap)
                for character, syllable in zip(characters, syllables, strict=True)
            ]
        else:  # one reading for the whole word, its room shared by its characters
            whole = extra_room(
                sum(self._width(character) for character in characters),
                self._width("".join(syllables), pinyin=True),
                gap,
            )
            needs = [whole / len(characters)] * len(characters)
        for number, need in enumerate(needs):
            if 0 <= token_start + number - start < len(extras):
                extras[token_start + number - start] = need

    def _ensure_popup(self) -> WordPopup:
        if self._popup is None:
            from reader.ui.word_popup import WordPopup

            self._popup = WordPopup(self)
            self._popup.add_word_requested.connect(self.add_word_requested)
            self._popup.dictionary_search_requested.connect(self.dictionary_search_requested)
        return self._popup
