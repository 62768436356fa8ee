"""Side panels that make way for the text when the window is narrow.

The library and the sidebar take about 560 pixels; in a small window they left
the article a column of about 20 characters.  When the window narrows so that
the article would fall below a readable column, the library folds away first,
then the sidebar; when the window widens again, the panels folded this way come
back, also after a restart.  Panels the reader closed or opened themselves
are left as they are.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QMainWindow

from reader.ui.article_view import DOCUMENT_MARGIN, ArticleView
from reader.ui.settings import Settings

MIN_COLUMN_EMS = 26
"""The narrowest article column worth keeping, in characters of the article font."""


class DockCollapse(QObject):
    """Watches ``window``'s width and folds ``docks`` (first one first) to keep the column."""

    def __init__(
        self, window: QMainWindow, view: ArticleView, docks: list[QDockWidget], settings: Settings
    ) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._docks = docks
        self._settings = settings
        self._folded: list[QDockWidget] = []
        # The width each folded panel had: a hidden panel reports only its least width,
        # and would take its old width again when shown.
        self._widths: dict[str, int] = {}
        self._folded_before = settings.folded_panels()  # taken up at the first fit
        window.installEventFilter(self)

    def min_column(self) -> float:
        """The least width of the article view at its zoom, margins and scroll bar included."""
        em = self._view.font_point_size() * self._view.logicalDpiX() / 72
        return MIN_COLUMN_EMS * em + 2 * DOCUMENT_MARGIN + 20

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.fit(self._window.width())
        elif watched is self._window and event.type() == QEvent.Type.Close:
            # The window saves the panels folded away as closed; folding was not the
            # reader's choice, so they are remembered to come back in a wider window.
            self._settings.set_folded_panels(
                {dock.objectName(): self._width(dock) for dock in self._folded}
            )
        return False

    def _width(self, dock: QDockWidget) -> int:
        """The width ``dock`` has, or will have again when unfolded."""
        return max(dock.width(), self._widths.get(dock.objectName(), 0))

    def fit(self, width: int) -> None:
        """Fold or unfold panels for a window ``width`` pixels wide."""
        if self._folded_before:
            self._folded += [
                dock
                for dock in self._docks
                if dock.objectName() in self._folded_before and dock.isHidden()
            ]
            self._widths.update(self._folded_before)
            self._folded_before = {}
        needed = self.min_column()
        # isHidden, not isVisible: at the first show the panels are not visible yet.
        shown = [dock for dock in self._docks if not dock.isHidden() and not dock.isFloating()]
        room = width - sum(dock.width() for dock in shown)
        for dock in shown:
            if room >= needed:
                break
            self._widths[dock.objectName()] = dock.width()
            dock.hide()
            self._folded.append(dock)
            room += dock.width()
        for dock in reversed(list(self._folded)):
            width = self._width(dock)
            if room - width < needed:
                break
            dock.show()
            self._folded.remove(dock)
            room -= width
