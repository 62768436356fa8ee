"""The open vocabulary of one window, which its vocabulary features share.

It owns the store for the window's lifetime (the lock file against a second
running copy, closing with a backup when the window closes), the table model
of every saved word and the characters -> status map the article is coloured
and counted by.  Every change to saved words goes through here, so that the
table, the statuses and the counts stay in step with the store: the map is
read once and then kept up to date word by word (re-reading 50,000 statuses
costs about 80 ms; one word's, a fraction of a millisecond).

Every store error is shown as one line through the window's one path for
problems (``MainWindow.report_error``); the window keeps running.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, Signal
from PySide6.QtWidgets import QApplication

from reader.errors import VocabularyError
from reader.language.tokens import SegmentedText
from reader.ui.vocabulary_model import VocabularyTableModel
from reader.vocab.comprehension import han_word_counts
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Status, VocabWord, WordState

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

ANOTHER_COPY_MESSAGE = (
    "Another running copy of Duzhe Reader has the vocabulary open. Words saved in either "
    "copy are kept, but this copy's word list is not updated with the other's changes; "
    "close one copy to avoid confusion."
)


class VocabularySession(QObject):
    """The store, the table model and the statuses of one window (see the module docstring)."""

    statuses_changed = Signal()
    """Words were added, changed or removed; the statuses are up to date."""
    closed = Signal()
    """The store was closed (the window is closing): nothing more can be saved."""

    def __init__(self, window: MainWindow, store: VocabularyStore | None) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._statuses: dict[str, Status] = {}
        # The open article's text and its word counts, recounted when the text changes.
        self._counts: tuple[SegmentedText, Counter[str]] | None = None
        self._lock: QLockFile | None = None
        self._model = VocabularyTableModel(store, self)
        self._model.edit_failed.connect(self.report_error)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    # -- what the features read ------------------------------------------------------

    def store(self) -> VocabularyStore | None:
        """The open store; None when it could not be opened or is closed."""
        return self._store

    def model(self) -> VocabularyTableModel:
        return self._model

    def statuses(self) -> dict[str, Status]:
        """Characters -> status as the article is coloured now (a copy)."""
        return dict(self._statuses)

    def live_statuses(self) -> dict[str, Status]:
        """The map itself, for the view's lookup, which reads it as it is when called."""
        return self._statuses

    def article_counts(self) -> Counter[str] | None:
        """The open article's Chinese words and how often each occurs; None before annotation."""
        segmented = self._window.view().segmented()
        if segmented is None:
            return None
        if self._counts is None or self._counts[0] is not segmented:
            self._counts = (segmented, han_word_counts(segmented))
        return self._counts[1]

    # -- changes to saved words (actions and the undo commands) --------------------------

    def replace_word(self, old: VocabWord | None, new: VocabWord | None) -> None:
        """Put ``new`` where ``old`` is saved (None: nothing there), whole (undo, redo)."""
        if self._store is None:
            return
        try:
            if old is not None:
                self._store.remove(old.key)
                self._model.drop_words([old.key])
            if new is not None:
                self._model.put_word(self._store.add(new))
        except VocabularyError as error:
            self.report_error(str(error))
        self.update_statuses({word.simplified for word in (old, new) if word is not None})

    def remove_words(self, words: list[VocabWord]) -> list[VocabWord]:
        """Remove ``words``; the ones removed (all unless the store failed part way)."""
        removed: list[VocabWord] = []
        if self._store is None:
            return removed
        try:
            for word in words:
                removed.append(self._store.remove(word.key))
        except VocabularyError as error:
            self.report_error(str(error))
        self._model.drop_words(word.key for word in removed)
        self.update_statuses(word.simplified for word in removed)
        return removed

    def restore_words(self, words: list[VocabWord]) -> None:
        if self._store is None:
            return
        try:
            for word in words:
                self._model.put_word(self._store.add(word))
        except VocabularyError as error:
            self.report_error(str(error))
        self.update_statuses(word.simplified for word in words)

    def mark_known(self, words: list[str]) -> list[WordState] | None:
        """Mark ``words`` known; what they were before (for undo), None if it failed."""
        if self._store is None:
            return None
        try:
            states = self._store.mark_known(words)
        except VocabularyError as error:
            self.report_error(str(error))
            return None
        self.reload()
        return states

    def restore_states(self, states: list[WordState]) -> None:
        if self._store is None:
            return
        try:
            self._store.restore_states(states)
        except VocabularyError as error:
            self.report_error(str(error))
        self.reload()

    def update_statuses(self, characters: Iterable[str]) -> None:
        """Re-read just these characters' statuses (after saving, editing or removing them)."""
        wanted = list(characters)
        try:
            found = self._store.statuses_of(wanted) if self._store is not None else {}
        except VocabularyError as error:
            self.report_error(str(error))
            found = {}
        for simplified in wanted:
            if simplified in found:
                self._statuses[simplified] = found[simplified]
            else:
                self._statuses.pop(simplified, None)
        self.statuses_changed.emit()

    def reload(self) -> None:
        """Read every word and status again (after an import, a restore, marking many)."""
        try:
            self._model.reload()
        except VocabularyError as error:
            self.report_error(str(error))
        try:
            self._statuses = self._store.statuses() if self._store is not None else {}
        except VocabularyError as error:
            self.report_error(str(error))
        self.statuses_changed.emit()

    # -- errors, the lock and closing -----------------------------------------------------

    def report_error(self, message: str) -> None:
        """Through the window's one path for problems; the window carries on."""
        self._window.report_error(message)

    def take_lock(self) -> bool:
        """Hold the vocabulary's lock file; False (after saying so) when another copy has it."""
        if self._store is None:
            return True
        self._lock = QLockFile(f"{self._store.path}.lock")
        self._lock.setStaleLockTime(0)  # a crashed copy's lock is stale by its pid, not age
        if self._lock.tryLock(0):
            return True
        self._lock = None
        self.report_error(ANOTHER_COPY_MESSAGE)
        return False

    def close(self) -> None:
        """Close the store (it backs up if this session changed anything)."""
        store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except VocabularyError as error:
                self._window.statusBar().showMessage(str(error), 15000)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self._model.set_store(None)
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.close()
        return False
