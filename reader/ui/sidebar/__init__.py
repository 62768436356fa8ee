"""The sidebar: a tab widget that features add their tabs to.

The Article tab (statistics) and the Dictionary tab (search) are built in;
later features (glossary, vocabulary) call ``add_tab``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from reader.ui.sidebar.article_tab import ArticleTab
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
        self._dictionary_search = DictionarySearch(self)
        self.add_tab(self._article_tab, "Article")
        self.add_tab(self._dictionary_search, "Dictionary")

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a feature's tab at the end; returns its index."""
        index = self.addTab(widget, title)
        self.setMinimumWidth(self.tabBar().sizeHint().width() + 8)
        return index

    def article_tab(self) -> ArticleTab:
        return self._article_tab

    def dictionary_search(self) -> DictionarySearch:
        return self._dictionary_search

    def show_dictionary_search(self, query: str) -> None:
        """Bring the Dictionary tab forward and search for ``query``."""
        self.setCurrentWidget(self._dictionary_search)
        self._dictionary_search.search_for(query)
