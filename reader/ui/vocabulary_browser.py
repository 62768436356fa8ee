"""The Vocabulary sidebar tab in the window, and going from a saved word back to its article.

The tab (``reader/ui/sidebar/vocabulary_tab.py``) shows every saved word:
table, filters, in-place edits, Delete (undoable, through ``WordSaving``);
a double-click shows the word where it was saved, opening its article first
when it is a bundled or previously opened one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from reader import articles
from reader.ui.sidebar.vocabulary_tab import VocabularyTab
from reader.ui.vocabulary_saving import WordSaving
from reader.ui.vocabulary_session import VocabularySession
from reader.vocab.article_words import find_context
from reader.vocab.word import VocabWord

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class VocabularyBrowser(QObject):
    """The Vocabulary tab of one window and Vocabulary ▸ Show Vocabulary."""

    def __init__(self, window: MainWindow, session: VocabularySession, saving: WordSaving) -> None:
        super().__init__(window)
        self._window = window
        self._tab = VocabularyTab(session.model())
        self._tab.setObjectName("vocabularyTab")
        self._tab.delete_requested.connect(saving.delete_words)
        self._tab.context_requested.connect(self.show_context)
        window.sidebar().add_tab(self._tab, "Vocabulary")
        self.show_action = QAction("Show &Vocabulary", window)
        self.show_action.setObjectName("vocabulary_show")
        self.show_action.triggered.connect(lambda _checked=False: self.show_tab())

    def tab(self) -> VocabularyTab:
        return self._tab

    def show_tab(self) -> None:
        sidebar = self._window.sidebar()
        dock = sidebar.parentWidget()
        if dock is not None:
            dock.show()
        sidebar.setCurrentWidget(self._tab)

    def show_context(self, word: VocabWord) -> bool:
        """Scroll to and highlight the word in the sentence it was saved from.

        Opens the article first when it is a bundled or previously opened one; False
        (with a status message) when its article cannot be found.
        """
        window = self._window
        view = window.view()
        contexts = list(word.contexts)
        article = window.current_article()
        current = article.title if article is not None else ""
        chosen = next((c for c in contexts if c.article_title == current), None)
        if chosen is None:
            for context in contexts:
                path = self._article_path(context.article_title)
                if path is not None and window.open_path(path):
                    chosen = context
                    break
        if chosen is None:
            where = f"“{contexts[0].article_title}”" if contexts else "no article"
            window.statusBar().showMessage(
                f"{word.simplified} was saved from {where}, which is not open", 5000
            )
            return False
        found = find_context(view.text(), chosen.sentence, word.simplified)
        if found is None:
            window.statusBar().showMessage(f"{word.simplified} is no longer in this article", 5000)
            return False
        view.scroll_to_offset(found[0])
        view.set_highlights([found], 0)
        return True

    def _article_path(self, title: str) -> str | None:
        if not title:
            return None
        for info in articles.bundled_articles():
            if info.title == title:
                return str(info.path)
        for opened in self._window.settings().opened_articles():
            if opened.title == title:
                return opened.path
        return None
