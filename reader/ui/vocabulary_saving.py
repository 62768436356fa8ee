"""Saving words from the article, and taking saves back.

The popup's Add button or the A key saves the current word with its reading
in context, the matching definition and the sentence around it; keys 1-4 set
its status (new, learning, known, ignored), saving it first if needed.
Vocabulary ▸ Mark All Remaining Words as Known marks the rest of the article.
Every change is one step of this feature's undo stack (Edit ▸ Undo / Redo,
also the Vocabulary menu's); the commands are in ``vocabulary_commands``.
Questions go through ``reader.ui.prompts.Prompts`` so tests can answer them
without a blocking ``exec()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from reader.errors import VocabularyError
from reader.language.han import has_han
from reader.ui.prompts import Prompts
from reader.ui.vocabulary_commands import MarkKnownCommand, RemoveWordsCommand, SaveWordCommand
from reader.ui.vocabulary_session import VocabularySession
from reader.vocab.article_words import STATUS_KEYS, context_for, remaining_words, word_from_info
from reader.vocab.word import VocabWord
from reader.wording import counted

if TYPE_CHECKING:
    from reader.annotation.word_info import WordInfo
    from reader.ui.main_window import MainWindow
    from reader.vocab.store import VocabularyStore


class WordSaving(QObject):
    """Saving, deleting and marking words, each undoable (see the module docstring)."""

    word_saved = Signal(object)
    """A word was saved from the article (the ``VocabWord`` as stored)."""

    def __init__(self, window: MainWindow, session: VocabularySession, prompts: Prompts) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._prompts = prompts
        self._undo_stack = QUndoStack(self)
        session.model().word_edited.connect(self._word_edited)

        self.mark_action = QAction("&Mark All Remaining Words as Known…", window)
        self.mark_action.setObjectName("vocabulary_mark_known")
        self.mark_action.triggered.connect(lambda _checked=False: self.mark_article_known())
        self.undo_action = self._undo_stack.createUndoAction(window, "&Undo")
        self.undo_action.setObjectName("vocabulary_undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self._undo_stack.createRedoAction(window, "&Redo")
        self.redo_action.setObjectName("vocabulary_redo")
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        for action in (self.undo_action, self.redo_action):
            window.addAction(action)  # shortcuts work with the menu bar hidden
        window.menus().add_edit_actions_first([self.undo_action, self.redo_action])
        self.mark_action.setEnabled(session.store() is not None)
        session.closed.connect(lambda: self.mark_action.setEnabled(False))

        view = window.view()
        view.add_word_requested.connect(self.add_word)
        self.word_saved.connect(view.show_saved_word)
        view.status_key_pressed.connect(self.set_status_from_key)

    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    # -- saving words from the article -----------------------------------------------

    def add_word(self, info: WordInfo, sentence: str) -> VocabWord | None:
        """Save the word as met in the article (popup's Add button, or the A key)."""
        store = self._store_to_save(info)
        if store is None:
            return None
        word = word_from_info(info)
        try:
            before = self._saved_reading(word)
            saved = store.add(word, context_for(sentence, self._article_title()))
        except VocabularyError as error:
            self._session.report_error(str(error))
            return None
        self._after_save(before, saved)
        return saved

    def set_status_from_key(self, info: WordInfo, number: int) -> VocabWord | None:
        """Keys 1-4 on a word: set its status, saving it first (with its sentence) if needed."""
        status = STATUS_KEYS.get(number)
        store = self._store_to_save(info) if status is not None else None
        if status is None or store is None:
            return None
        word = word_from_info(info, status)
        try:
            before = self._saved_reading(word)
            if before is None:
                sentence = self._window.view().sentence_around(info.token.start)
                saved = store.add(word, context_for(sentence, self._article_title()))
            else:
                saved = store.set_status(before.key, status)
        except VocabularyError as error:
            self._session.report_error(str(error))
            return None
        self._after_save(before, saved)
        return saved

    def _saved_reading(self, word: VocabWord) -> VocabWord | None:
        store = self._session.store()
        assert store is not None
        return store.get(word.simplified, word.pinyin) or store.get(word.simplified, "")

    def _store_to_save(self, info: WordInfo) -> VocabularyStore | None:
        """The store, when ``info`` can be saved to it; None after saying why not."""
        store = self._session.store()
        if store is None:
            self._session.report_error("The vocabulary is not available; see the earlier message")
            return None
        if not has_han(info.token.text):
            self._window.statusBar().showMessage(
                f"Only Chinese words are saved to the vocabulary, not {info.token.text!r}", 5000
            )
            return None
        return store

    def _after_save(self, before: VocabWord | None, saved: VocabWord) -> None:
        if before != saved:
            self._undo_stack.push(SaveWordCommand(self._session, before, saved))
        self._session.model().put_word(saved)
        self._session.update_statuses([saved.simplified])
        self._window.statusBar().showMessage(
            f"Saved {saved.simplified} ({saved.status.value}); Edit ▸ Undo takes it back", 5000
        )
        self.word_saved.emit(saved)

    def _article_title(self) -> str:
        article = self._window.current_article()
        return article.title if article is not None else ""

    def _word_edited(self, before: VocabWord, after: VocabWord) -> None:
        self._undo_stack.push(
            SaveWordCommand(self._session, before, after, f"Edit {after.simplified}")
        )
        self._session.update_statuses([after.simplified])

    # -- deleting and marking ------------------------------------------------------------

    def delete_words(self, words: Sequence[VocabWord]) -> None:
        """Delete words (the tab's Delete key); Edit ▸ Undo puts them back."""
        removed = self._session.remove_words(list(words))
        if removed:
            self._undo_stack.push(RemoveWordsCommand(self._session, removed))
            self._window.statusBar().showMessage(
                f"Deleted {counted(len(removed), 'word')} (Undo brings them back)", 5000
            )

    def words_to_mark_known(self) -> list[str]:
        """The open article's Chinese words that are not saved with any status yet."""
        counts = self._session.article_counts()
        if counts is None:
            return []
        return remaining_words(counts, self._session.live_statuses())

    def mark_article_known(self) -> int:
        """Vocabulary ▸ Mark All Remaining Words as Known, after confirming the count."""
        if self._session.store() is None:
            return 0
        if self._window.view().segmented() is None:
            self._window.statusBar().showMessage("Wait until the article is annotated", 5000)
            return 0
        words = self.words_to_mark_known()
        if not words:
            self._window.statusBar().showMessage("Every word of this article is saved", 5000)
            return 0
        question = (
            f"Mark {counted(len(words), 'word')} of “{self._article_title()}” as known? Words you "
            "already saved keep their status. Edit ▸ Undo reverses this."
        )
        if not self._prompts.confirm(self._window, "Vocabulary", question):
            return 0
        if not self.mark_known_undoably(words):
            return 0
        self._window.statusBar().showMessage(f"Marked {counted(len(words), 'word')} as known", 5000)
        return len(words)

    def mark_known_undoably(self, words: list[str]) -> bool:
        """Mark ``words`` known as one step Edit ▸ Undo reverses; False if it failed."""
        states = self._session.mark_known(words)
        if states is None:
            return False
        self._undo_stack.push(MarkKnownCommand(self._session, words, states))
        return True

    def forget_history(self) -> None:
        """The vocabulary was replaced (restored from a backup): its undo steps no longer apply."""
        self._undo_stack.clear()
