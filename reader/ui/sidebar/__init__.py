"""The sidebar: a tab widget that features add their tabs to.

The Article tab (statistics) and the Dictionary tab (search) are built in;
later features (glossary, vocabulary) call ``add_tab``.  The Dictionary tab's
search is built when it is first shown or asked for: it is not part of the
first screen, and its modules and widgets would delay it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from reader.ui.sidebar.article_tab import ArticleTab
from reader.ui.tab_order import follow_in_tab_order

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator
    from reader.ui.background_worker import BackgroundWorker
    from reader.ui.sidebar.dictionary_search import DictionarySearch


class Sidebar(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        # Every tab's whole name, always: the sidebar is never narrower than its tabs
        # (it used to cut "Vocabulary" to "Vocab…" behind scroll arrows).
        tabs = self.tabBar()
        tabs.setElideMode(Qt.TextElideMode.ElideNone)
        tabs.setUsesScrollButtons(False)
        tabs.setExpanding(False)
        self._article_tab = ArticleTab(self)
        article_page = _ScrollingDown(self._article_tab, self)
        self._dictionary_page = QWidget(self)
        QVBoxLayout(self._dictionary_page).setContentsMargins(0, 0, 0, 0)
        self._dictionary_search: DictionarySearch | None = None
        self._dictionary_annotator: tuple[WordAnnotator, BackgroundWorker] | None = None
        self.add_tab(article_page, "Article")
        self.add_tab(self._dictionary_page, "Dictionary")
        self.currentChanged.connect(self._build_current_tab)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a feature's tab at the end; returns its index."""
        index = self.addTab(widget, title)
        self.setMinimumWidth(self.tabBar().sizeHint().width() + 8)
        return index

    def article_tab(self) -> ArticleTab:
        return self._article_tab

    def dictionary_search(self) -> DictionarySearch:
        """The Dictionary tab's search, built now if it has not been yet."""
        if self._dictionary_search is None:
            from reader.ui.sidebar.dictionary_search import DictionarySearch

            search = DictionarySearch(self._dictionary_page)
            layout = self._dictionary_page.layout()
            assert layout is not None
            layout.addWidget(search)
            self._dictionary_page.setFocusProxy(search)
            # Tab goes from the tab bar into the search, as when it was made with the tab.
            follow_in_tab_order(self.tabBar(), self._dictionary_page)
            if self._dictionary_annotator is not None:
                search.set_annotator(*self._dictionary_annotator)
            self._dictionary_search = search
        return self._dictionary_search

    def set_dictionary_annotator(self, annotator: WordAnnotator, worker: BackgroundWorker) -> None:
        """The annotator the Dictionary tab searches with (now, or once it is built)."""
        self._dictionary_annotator = (annotator, worker)
        if self._dictionary_search is not None:
            self._dictionary_search.set_annotator(annotator, worker)

    def show_dictionary_search(self, query: str) -> None:
        """Bring the Dictionary tab forward and search for ``query``."""
        self.setCurrentWidget(self._dictionary_page)
        self.dictionary_search().search_for(query)

    def _build_current_tab(self, index: int) -> None:
        if self.widget(index) is self._dictionary_page:
            self.dictionary_search()


class _ScrollingDown(QScrollArea):
    """A page that scrolls up and down in a short window, and is as wide as its content.

    In a short window the Article tab's rows were squeezed on top of each other;
    here they keep their heights and the page scrolls.  Its width stays what the
    content needs, as without the scroll area: the panels around the article fold
    away by the sidebar's width (``DockCollapse``).
    """

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the content's word list
        content.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        content = self.widget()
        least = super().minimumSizeHint()
        if content is None:
            return least
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.minimumSizeHint().width() + scroll_bar, least.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's least width may have changed
        return False
