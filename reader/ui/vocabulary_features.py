"""The learner's vocabulary in the reading window: one entry point installs its features.

``install_vocabulary_features(window)`` opens the vocabulary store and adds,
each a separate feature sharing one ``VocabularySession`` (the store, the
table model, the statuses):

* ``WordSaving`` (``vocabulary_saving``): saving words from the article (the
  popup's Add button, A, keys 1-4), deleting, marking the rest of the
  article as known, each undoable (Edit ▸ Undo / Redo);
* ``VocabularyBrowser`` (``vocabulary_browser``): the Vocabulary sidebar tab,
  and a saved word shown where it was met;
* ``StatusColouring`` (``vocabulary_colouring``): View ▸ Colour Words by
  Status, and the pinyin of known words hidden in "Pinyin above unknown words";
* ``ArticleComprehension`` (``comprehension_section``): the share of the
  article known, in the Article tab;
* ``VocabularyFiles`` (``vocabulary_files``): export, import, back up, restore.

They attach through the window's extension points (the Edit and View menus,
the sidebar, the Article tab's sections); this module builds the Vocabulary
menu from their actions and puts it in the menu bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.errors import VocabularyError
from reader.ui.comprehension_section import ArticleComprehension
from reader.ui.prompts import Prompts
from reader.ui.vocabulary_browser import VocabularyBrowser
from reader.ui.vocabulary_colouring import StatusColouring
from reader.ui.vocabulary_files import VocabularyFiles
from reader.ui.vocabulary_saving import WordSaving
from reader.ui.vocabulary_session import VocabularySession
from reader.vocab.store import VocabularyStore

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class VocabularyFeatures(QObject):
    """The vocabulary features of one window (see the module docstring)."""

    def __init__(
        self,
        window: MainWindow,
        store: VocabularyStore | None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        prompts = prompts or window.prompts()
        self._session = VocabularySession(window, store)
        self._saving = WordSaving(window, self._session, prompts)
        self._browser = VocabularyBrowser(window, self._session, self._saving)
        self._comprehension = ArticleComprehension(window, self._session)
        self._colouring = StatusColouring(window, self._session)
        self._files = VocabularyFiles(window, self._session, prompts)
        self._files.restored.connect(self._saving.forget_history)
        self._menu = self._build_menu()
        window.menus().add_feature_menu(self._menu)
        self._session.reload()

    def session(self) -> VocabularySession:
        return self._session

    def saving(self) -> WordSaving:
        return self._saving

    def browser(self) -> VocabularyBrowser:
        return self._browser

    def comprehension(self) -> ArticleComprehension:
        return self._comprehension

    def colouring(self) -> StatusColouring:
        return self._colouring

    def files(self) -> VocabularyFiles:
        return self._files

    def menu(self) -> QMenu:
        """The Vocabulary menu (KnownLevel adds its question after the Mark action)."""
        return self._menu

    def action(self, name: str) -> QAction:
        """One of the vocabulary actions by object name (``vocabulary_export``, ...)."""
        return self._window.action(name)

    def _build_menu(self) -> QMenu:
        menu = QMenu("&Vocabulary", self._window)
        menu.setObjectName("vocabularyMenu")
        files, saving = self._files, self._saving
        sections = [
            [files.export_action, files.import_action],
            [saving.mark_action],
            [saving.undo_action, saving.redo_action],
            [files.backup_action, files.restore_action],
            [self._browser.show_action],
        ]
        for number, actions in enumerate(sections):
            if number:
                menu.addSeparator()
            menu.addActions(actions)
        return menu


def install_vocabulary_features(
    window: MainWindow,
    store: VocabularyStore | None = None,
    prompts: Prompts | None = None,
) -> VocabularyFeatures:
    """Add the vocabulary features to ``window``; the store opens at ``paths.vocabulary_db()``.

    A store that cannot be opened (a newer file, a read-only disk) is reported and
    the window runs without the vocabulary; a recovered store is reported and used.
    """
    problem = ""
    if store is None:
        try:
            store = VocabularyStore.open()
        except VocabularyError as error:
            problem = f"The vocabulary could not be opened: {error}"
    features = VocabularyFeatures(window, store, prompts)
    session = features.session()
    if problem:
        session.report_error(problem)
    elif store is not None:
        if store.recovery is not None:
            session.report_error(store.recovery.message)
        session.take_lock()
    return features
