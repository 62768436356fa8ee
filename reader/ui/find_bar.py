"""The find bar under the article: characters or pinyin, next/previous, match count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.find import ArticleSearch, PinyinIndex, find_characters
from reader.ui.article_view import ArticleView
from reader.ui.background_worker import BackgroundWorker

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QShowEvent

_TYPING_PAUSE_MS = 120  # search when typing pauses, not on every key of a long word


class FindBar(QWidget):
    """Searches the article shown in ``view`` and highlights the matches there.

    Enter or F3 goes to the next match, Shift+Enter or Shift+F3 to the previous
    one, Esc closes the bar and clears the highlights.
    """

    matches_changed = Signal(int)
    """The number of matches for the current query."""
    indexing_failed = Signal(str)
    """Reading the article's pinyin for a search failed (the one-line reason)."""

    def __init__(
        self, view: ArticleView, worker: BackgroundWorker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._worker = worker
        self._search: ArticleSearch | None = None
        self._indexing: ArticleSearch | None = None  # the search whose index is being built
        self._matches: list[tuple[int, int]] = []
        self._current: int | None = None

        self._field = QLineEdit(self)
        self._field.setPlaceholderText("Find characters or pinyin (e.g. hezhangzhi)")
        self._field.setClearButtonEnabled(True)
        self._field.installEventFilter(self)
        self.setFocusProxy(self._field)
        self._count = QLabel("", self)
        self._count.setTextFormat(Qt.TextFormat.PlainText)
        self._count.setMinimumWidth(90)
        self._previous_button = QToolButton(self)
        self._previous_button.setText("▲")
        self._previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self._previous_button.clicked.connect(self.find_previous)
        self._next_button = QToolButton(self)
        self._next_button.setText("▼")
        self._next_button.setToolTip("Next match (Enter, F3)")
        self._next_button.clicked.connect(self.find_next)
        self._close_button = QToolButton(self)
        self._close_button.setText("✕")
        self._close_button.setToolTip("Close (Esc)")
        self._close_button.clicked.connect(self.close_bar)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self._field, 1)
        layout.addWidget(self._count)
        layout.addWidget(self._previous_button)
        layout.addWidget(self._next_button)
        layout.addWidget(self._close_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self._field.textChanged.connect(self._timer.start)
        self._field.returnPressed.connect(self.find_next)
        for sequence, slot in (
            (QKeySequence.StandardKey.FindNext, self.find_next),
            (QKeySequence.StandardKey.FindPrevious, self.find_previous),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        view.annotation_applied.connect(self._annotation_changed)
        view.readings_changed.connect(self._annotation_changed)

    # -- public ----------------------------------------------------------------

    def set_query(self, query: str) -> None:
        """Type ``query`` into the field and search at once."""
        self._field.setText(query)
        self.search_now()

    def view(self) -> ArticleView:
        return self._view

    def field(self) -> QLineEdit:
        return self._field

    def query(self) -> str:
        return self._field.text()

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def current_match(self) -> int | None:
        return self._current

    def is_indexing(self) -> bool:
        """Whether pinyin matches are still being prepared (only literal ones are shown)."""
        return self._indexing is not None

    def count_text(self) -> str:
        """What the count label says, e.g. "3 of 12"."""
        return self._count.text()

    def search_now(self) -> None:
        self._timer.stop()
        query = self._field.text().strip()
        if not query:
            self._matches, self._current = [], None
        else:
            self._matches = self._find(query)
            self._current = self._first_match_after(self._view.first_visible_offset())
        self._show_current()
        self.matches_changed.emit(len(self._matches))

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def close_bar(self) -> None:
        self._timer.stop()
        self._matches, self._current = [], None
        self._view.set_highlights([], None)
        self.hide()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- events --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802  (Qt override)
        super().showEvent(event)
        self._field.selectAll()
        self._field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._start_indexing()  # pinyin is likely to be searched next: prepare it now
        if self._field.text():
            self.search_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self._field
            and isinstance(event, QKeyEvent)
            and (event.type() == event.Type.KeyPress)
        ):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.find_previous()
                return True
        return super().eventFilter(watched, event)

    # -- searching -------------------------------------------------------------------

    def _find(self, query: str) -> list[tuple[int, int]]:
        search = self._current_search()
        if search is None:
            return find_characters(self._view.text(), query)  # pinyin needs the annotation
        if ArticleSearch.is_pinyin_query(query) and not search.has_pinyin_index():
            # Reading every token takes a while on a long article: do it in the
            # worker and show the literal matches meanwhile.
            self._start_indexing()
            return find_characters(search.text, query)
        return search.find(query)

    def _current_search(self) -> ArticleSearch | None:
        segmented = self._view.segmented()
        annotator = self._view.annotator()
        if segmented is None or annotator is None:
            return None
        if self._search is None or self._search.text is not segmented.text:
            self._search = ArticleSearch(segmented, annotator.pinyin)
        return self._search

    def _start_indexing(self) -> None:
        search = self._current_search()
        if search is None or search.has_pinyin_index() or self._indexing is search:
            return
        self._indexing = search

        self._worker.submit(
            search.build_pinyin_index,
            lambda index: self._pinyin_index_arrived(search, index),
            lambda message: self._indexing_failed(search, message),
        )

    def _indexing_failed(self, search: ArticleSearch, message: str) -> None:
        if self._indexing is search:
            self._indexing = None
        if search is self._search:
            self._count.setText("Pinyin search failed")
            self._count.setToolTip(message)
            self.indexing_failed.emit(message)

    def _pinyin_index_arrived(self, search: ArticleSearch, index: PinyinIndex) -> None:
        search.set_pinyin_index(index)
        if self._indexing is search:
            self._indexing = None
        if search is self._search and self._field.text().strip():
            current = self._current
            self.search_now()
            if current is not None and self._matches:
                self._current = min(current, len(self._matches) - 1)
                self._show_current()

    def _annotation_changed(self) -> None:
        self._search = None
        if self.isVisible():
            self._start_indexing()
            if self._field.text().strip():
                self.search_now()

    def _first_match_after(self, offset: int) -> int | None:
        if not self._matches:
            return None
        for number, (start, _) in enumerate(self._matches):
            if start >= offset:
                return number
        return 0

    def _step(self, step: int) -> None:
        if self._timer.isActive():
            self.search_now()  # the query just typed: show its first match
            return
        if not self._matches:
            return
        if self._current is None:
            self._current = 0
        else:
            self._current = (self._current + step) % len(self._matches)
        self._show_current()

    def _show_current(self) -> None:
        self._count.setToolTip("")
        if not self._field.text().strip():
            self._count.setText("")
        elif not self._matches:
            waiting = self._indexing and ArticleSearch.is_pinyin_query(self._field.text())
            self._count.setText("Searching pinyin…" if waiting else "No matches")
        else:
            current = (self._current or 0) + 1
            self._count.setText(f"{current} of {len(self._matches)}")
        self._view.set_highlights(self._matches, self._current)
