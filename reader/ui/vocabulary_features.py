"""The learner's vocabulary in the reading window: one entry point wires it all in.

``install_vocabulary_features(window)`` opens the vocabulary store and adds:

* saving words from the article: the popup's Add button or the A key saves the
  current word with its reading in context, the matching definition and the
  sentence around it; keys 1-4 set its status (new, learning, known, ignored);
* the Vocabulary sidebar tab (table, filters, in-place edits, delete with undo,
  double-click to see the word where it was saved);
* words coloured by status in the article (View ▸ Colour Words by Status):
  unsaved and new words one tint, learning words a second, known words a third,
  ignored words plain.  The characters -> status map is read once and then kept
  up to date word by word as words are saved, edited or removed (re-reading
  50,000 statuses costs about 80 ms; one word's, a fraction of a millisecond).
  "Pinyin above unknown words" hides the pinyin of words saved as known or
  ignored and shows it for every other word (unsaved, new, learning);
* a comprehension estimate in the Article tab;
* the Vocabulary menu: export, import, mark the rest of the article as known
  (undoable), undo/redo, back up now, restore from a backup.

The undo commands are in ``vocabulary_commands``, the Comprehension section in
``comprehension_section`` and the colouring rule in ``status_colouring``; this
class wires them to the window and the store.

Every store error is shown as one line (status bar and a message box); the
window keeps running (``MainWindow.report_error``).  Questions go through
``reader.ui.prompts.Prompts`` so tests can answer them without a blocking ``exec()``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLockFile, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QWidget,
)

from reader import articles
from reader.errors import VocabularyError
from reader.language.han import has_han
from reader.language.tokens import KIND_CODES, SegmentedText, TokenKind
from reader.ui.comprehension_section import ComprehensionSection
from reader.ui.prompts import Prompts
from reader.ui.sidebar.vocabulary_tab import VocabularyTab
from reader.ui.status_colouring import StatusLookup, status_lookup
from reader.ui.status_legend import StatusLegend
from reader.ui.vocabulary_commands import MarkKnownCommand, RemoveWordsCommand, SaveWordCommand
from reader.ui.vocabulary_model import VocabularyTableModel
from reader.vocab.article_words import (
    STATUS_KEYS,
    context_for,
    find_context,
    remaining_words,
    word_from_info,
)
from reader.vocab.comprehension import Comprehension, estimate_comprehension, han_word_counts
from reader.vocab.store import ImportOutcome, VocabularyStore
from reader.vocab.word import Status, VocabWord, WordState
from reader.wording import counted

if TYPE_CHECKING:  # the dialogs are imported when first opened, not at start-up
    from reader.annotation.word_info import WordInfo
    from reader.ui.dialogs.vocabulary_backups import VocabularyBackupsDialog
    from reader.ui.dialogs.vocabulary_export import VocabularyExportDialog
    from reader.ui.dialogs.vocabulary_import import VocabularyImportDialog
    from reader.ui.main_window import MainWindow

_HAN = KIND_CODES.index(TokenKind.HAN)
ANOTHER_COPY_MESSAGE = (
    "Another running copy of Duzhe Reader has the vocabulary open. Words saved in either "
    "copy are kept, but this copy's word list is not updated with the other's changes; "
    "close one copy to avoid confusion."
)


class VocabularyFeatures(QObject):
    """The vocabulary features of one window (see the module docstring)."""

    word_saved = Signal(object)
    """A word was saved from the article (the ``VocabWord`` as stored)."""
    vocabulary_changed = Signal()
    """Words were added, changed or removed; colours and counts are up to date."""

    def __init__(
        self,
        window: MainWindow,
        store: VocabularyStore | None,
        prompts: Prompts | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._prompts = prompts or window.prompts()
        self._settings = window.settings()
        self._statuses: dict[str, Status] = {}
        # The open article's text and its word counts, recounted when the text changes.
        self._counts: tuple[SegmentedText, Counter[str]] | None = None
        self._lock: QLockFile | None = None
        self._dialogs: list[QWidget] = []
        self._undo_stack = QUndoStack(self)

        self._model = VocabularyTableModel(store, self)
        self._model.edit_failed.connect(self.report_error)
        self._model.word_edited.connect(self._word_edited)
        self._tab = VocabularyTab(self._model)
        self._tab.setObjectName("vocabularyTab")
        self._tab.delete_requested.connect(self.delete_words)
        self._tab.context_requested.connect(self.show_context)
        window.sidebar().add_tab(self._tab, "Vocabulary")
        self._comprehension = ComprehensionSection()
        # Under the title: the number a learner looks for.
        window.sidebar().article_tab().add_section(self._comprehension)

        self._build_actions()
        self._build_menus()

        view = window.view()
        view.add_word_requested.connect(self.add_word)
        self.word_saved.connect(view.show_saved_word)
        view.status_key_pressed.connect(self.set_status_from_key)
        window.annotation_finished.connect(self._update_comprehension)
        window.article_loaded.connect(self._article_loaded)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

        self._set_enabled(store is not None)
        self._reload()
        self._update_comprehension()

    # -- accessors ---------------------------------------------------------------------

    def store(self) -> VocabularyStore | None:
        return self._store

    def model(self) -> VocabularyTableModel:
        return self._model

    def tab(self) -> VocabularyTab:
        return self._tab

    def undo_stack(self) -> QUndoStack:
        return self._undo_stack

    def menu(self) -> QMenu:
        return self._menu

    def action(self, name: str) -> QAction:
        for action in self._actions:
            if action.objectName() == name:
                return action
        raise KeyError(name)

    def statuses(self) -> dict[str, Status]:
        """Characters -> status as the article is coloured now."""
        return dict(self._statuses)

    def comprehension(self) -> Comprehension | None:
        """The open article's estimate, or None before it is annotated."""
        counts = self._article_counts()
        return None if counts is None else estimate_comprehension(counts, self._statuses)

    def comprehension_text(self) -> tuple[str, str]:
        """The two lines shown in the Article tab (running words, distinct words)."""
        return self._comprehension.shown_text()

    # -- saving words from the article -----------------------------------------------

    def add_word(self, info: WordInfo, sentence: str) -> VocabWord | None:
        """Save the word as met in the article (popup's Add button, or the A key)."""
        if not self._can_save(info):
            return None
        store = self._store
        assert store is not None  # _can_save checked it
        word = word_from_info(info)
        try:
            before = self._saved_reading(word)
            saved = store.add(word, context_for(sentence, self._article_title()))
        except VocabularyError as error:
            self.report_error(str(error))
            return None
        self._after_save(before, saved)
        return saved

    def set_status_from_key(self, info: WordInfo, number: int) -> VocabWord | None:
        """Keys 1-4 on a word: set its status, saving it first (with its sentence) if needed."""
        status = STATUS_KEYS.get(number)
        if status is None or not self._can_save(info):
            return None
        store = self._store
        assert store is not None  # _can_save checked it
        word = word_from_info(info, status)
        try:
            before = self._saved_reading(word)
            if before is None:
                sentence = self._window.view().sentence_around(info.token.start)
                saved = store.add(word, context_for(sentence, self._article_title()))
            else:
                saved = store.set_status(before.key, status)
        except VocabularyError as error:
            self.report_error(str(error))
            return None
        self._after_save(before, saved)
        return saved

    def _saved_reading(self, word: VocabWord) -> VocabWord | None:
        assert self._store is not None
        return self._store.get(word.simplified, word.pinyin) or self._store.get(word.simplified, "")

    def _can_save(self, info: WordInfo) -> bool:
        if self._store is None:
            self.report_error("The vocabulary is not available; see the earlier message")
            return False
        if not has_han(info.token.text):
            self._window.statusBar().showMessage(
                f"Only Chinese words are saved to the vocabulary, not {info.token.text!r}", 5000
            )
            return False
        return True

    def _after_save(self, before: VocabWord | None, saved: VocabWord) -> None:
        if before != saved:
            self._undo_stack.push(SaveWordCommand(self, before, saved))
        self._model.put_word(saved)
        self._update_statuses([saved.simplified])
        self._window.statusBar().showMessage(
            f"Saved {saved.simplified} ({saved.status.value}); Edit ▸ Undo takes it back", 5000
        )
        self.word_saved.emit(saved)

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
        self._update_statuses({word.simplified for word in (old, new) if word is not None})

    def _article_title(self) -> str:
        article = self._window.current_article()
        return article.title if article is not None else ""

    # -- deleting, marking, undo -------------------------------------------------------

    def delete_words(self, words: Sequence[VocabWord]) -> None:
        """Delete words (the tab's Delete key); Edit ▸ Undo puts them back."""
        removed = self.remove_words(list(words))
        if removed:
            self._undo_stack.push(RemoveWordsCommand(self, removed))
            self._window.statusBar().showMessage(
                f"Deleted {len(removed):,} word{'s' if len(removed) != 1 else ''} "
                "(Undo brings them back)",
                5000,
            )

    def remove_words(self, words: list[VocabWord]) -> list[VocabWord]:
        removed: list[VocabWord] = []
        if self._store is None:
            return removed
        try:
            for word in words:
                removed.append(self._store.remove(word.key))
        except VocabularyError as error:
            self.report_error(str(error))
        self._model.drop_words(word.key for word in removed)
        self._update_statuses(word.simplified for word in removed)
        return removed

    def restore_words(self, words: list[VocabWord]) -> None:
        if self._store is None:
            return
        try:
            for word in words:
                self._model.put_word(self._store.add(word))
        except VocabularyError as error:
            self.report_error(str(error))
        self._update_statuses(word.simplified for word in words)

    def words_to_mark_known(self) -> list[str]:
        """The open article's Chinese words that are not saved with any status yet."""
        segmented = self._window.view().segmented()
        if segmented is None:
            return []
        counts = self._article_counts()
        return remaining_words(counts or (), self._statuses)

    def mark_article_known(self) -> int:
        """Vocabulary ▸ Mark All Remaining Words as Known, after confirming the count."""
        if self._store is None:
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
        states = self.mark_known(words)
        if states is None:
            return False
        self._undo_stack.push(MarkKnownCommand(self, words, states))
        return True

    def mark_known(self, words: list[str]) -> list[WordState] | None:
        if self._store is None:
            return None
        try:
            states = self._store.mark_known(words)
        except VocabularyError as error:
            self.report_error(str(error))
            return None
        self._reload()
        return states

    def restore_states(self, states: list[WordState]) -> None:
        if self._store is None:
            return
        try:
            self._store.restore_states(states)
        except VocabularyError as error:
            self.report_error(str(error))
        self._reload()

    # -- showing a word in its article ---------------------------------------------------

    def show_context(self, word: VocabWord) -> bool:
        """Scroll to and highlight the word in the sentence it was saved from.

        Opens the article first when it is a bundled or previously opened one; False
        (with a status message) when its article cannot be found.
        """
        view = self._window.view()
        contexts = list(word.contexts)
        current = self._article_title()
        chosen = next((c for c in contexts if c.article_title == current), None)
        if chosen is None:
            for context in contexts:
                path = self._article_path(context.article_title)
                if path is not None and self._window.open_path(path):
                    chosen = context
                    break
        if chosen is None:
            where = f"“{contexts[0].article_title}”" if contexts else "no article"
            self._window.statusBar().showMessage(
                f"{word.simplified} was saved from {where}, which is not open", 5000
            )
            return False
        found = find_context(view.text(), chosen.sentence, word.simplified)
        if found is None:
            self._window.statusBar().showMessage(
                f"{word.simplified} is no longer in this article", 5000
            )
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

    # -- colouring -------------------------------------------------------------------

    def set_colouring(self, on: bool) -> None:
        """Colour words by status (persisted); off keeps pinyin hidden for known words."""
        if self._colour_action.isChecked() != on:
            self._colour_action.setChecked(on)
            return  # toggled() comes back here
        self._settings.set_colour_by_status(on)
        self._apply_lookup()

    def status_lookup(self) -> StatusLookup:
        """The function given to the view: characters -> status name, or None."""
        return status_lookup(self._statuses, self._colour_action.isChecked())

    def _apply_lookup(self) -> None:
        self._window.view().set_word_status_lookup(self.status_lookup())

    def _refresh_statuses(self) -> None:
        try:
            self._statuses = self._store.statuses() if self._store is not None else {}
        except VocabularyError as error:
            self.report_error(str(error))
        self._apply_lookup()
        self._update_comprehension()
        self.vocabulary_changed.emit()

    def _update_statuses(self, characters: Iterable[str]) -> None:
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
        self._apply_lookup()
        self._update_comprehension()
        self.vocabulary_changed.emit()

    def _reload(self) -> None:
        try:
            self._model.reload()
        except VocabularyError as error:
            self.report_error(str(error))
        self._refresh_statuses()

    def _word_edited(self, before: VocabWord, after: VocabWord) -> None:
        self._undo_stack.push(SaveWordCommand(self, before, after, f"Edit {after.simplified}"))
        self._update_statuses([after.simplified])

    # -- comprehension ------------------------------------------------------------------

    def _article_counts(self) -> Counter[str] | None:
        segmented = self._window.view().segmented()
        if segmented is None:
            return None
        if self._counts is None or self._counts[0] is not segmented:
            self._counts = (segmented, han_word_counts(segmented))
        return self._counts[1]

    def _update_comprehension(self) -> None:
        self._comprehension.show_estimate(self.comprehension())

    def _article_loaded(self, _title: str) -> None:
        self._counts = None
        self._update_comprehension()

    # -- menus and dialogs -------------------------------------------------------------

    def _new_action(
        self, name: str, text: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self._actions.append(action)
        return action

    def _build_actions(self) -> None:
        self._actions: list[QAction] = []
        self._export_action = self._new_action(
            "vocabulary_export", "&Export…", self.open_export_dialog
        )
        self._import_action = self._new_action(
            "vocabulary_import", "&Import…", self.open_import_dialog
        )
        self._mark_action = self._new_action(
            "vocabulary_mark_known",
            "&Mark All Remaining Words as Known…",
            self.mark_article_known,
        )
        self._backup_action = self._new_action(
            "vocabulary_backup", "&Back Up Now", self.back_up_now
        )
        self._restore_action = self._new_action(
            "vocabulary_restore", "&Restore from Backup…", self.open_backups_dialog
        )
        self._show_action = self._new_action("vocabulary_show", "Show &Vocabulary", self.show_tab)
        self._undo_action = self._undo_stack.createUndoAction(self._window, "&Undo")
        self._undo_action.setObjectName("vocabulary_undo")
        self._undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self._redo_action = self._undo_stack.createRedoAction(self._window, "&Redo")
        self._redo_action.setObjectName("vocabulary_redo")
        self._redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self._actions += [self._undo_action, self._redo_action]
        for action in (self._undo_action, self._redo_action):
            self._window.addAction(action)  # shortcuts work with the menu bar hidden

        self._colour_action = QAction("&Colour Words by Status", self._window)
        self._colour_action.setObjectName("vocabulary_colour")
        self._colour_action.setCheckable(True)
        # Off until asked for: with few words saved, nearly every word is
        # "unknown" and a tinted page reads like one big highlight.
        self._colour_action.setChecked(self._settings.colour_by_status())
        self._colour_action.toggled.connect(self.set_colouring)
        self._actions.append(self._colour_action)
        self._status_legend = StatusLegend(self._window)
        self._window.statusBar().addPermanentWidget(self._status_legend)
        self._status_legend.setVisible(self._colour_action.isChecked())
        self._colour_action.toggled.connect(self._status_legend.setVisible)

    def _build_menus(self) -> None:
        self._menu = QMenu("&Vocabulary", self._window)
        self._menu.setObjectName("vocabularyMenu")
        for action in (self._export_action, self._import_action, None, self._mark_action):
            self._menu.addAction(action) if action else self._menu.addSeparator()
        self._menu.addSeparator()
        self._menu.addAction(self._undo_action)
        self._menu.addAction(self._redo_action)
        self._menu.addSeparator()
        self._menu.addAction(self._backup_action)
        self._menu.addAction(self._restore_action)
        self._menu.addSeparator()
        self._menu.addAction(self._show_action)
        menus = self._window.menus()
        menus.add_feature_menu(self._menu)
        menus.add_edit_actions_first([self._undo_action, self._redo_action])
        menus.add_view_option(self._colour_action)

    def _set_enabled(self, on: bool) -> None:
        for action in (
            self._export_action,
            self._import_action,
            self._mark_action,
            self._backup_action,
            self._restore_action,
        ):
            action.setEnabled(on)

    def show_tab(self) -> None:
        sidebar = self._window.sidebar()
        dock = sidebar.parentWidget()
        if dock is not None:
            dock.show()
        sidebar.setCurrentWidget(self._tab)

    def _keep(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda _object=None, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )
        dialog.show()
        return dialog

    def open_export_dialog(self) -> VocabularyExportDialog | None:
        if self._store is None:
            return None
        from reader.ui.dialogs.vocabulary_export import VocabularyExportDialog

        dialog = VocabularyExportDialog(
            self._store,
            self._model.tags(),
            self._model.articles(),
            self._window.worker(),
            self._window,
        )
        dialog.exported.connect(
            lambda path, count: self._window.statusBar().showMessage(
                f"Exported {counted(count, 'word')} to {path}", 8000
            )
        )
        self._keep(dialog)
        return dialog

    def open_import_dialog(self) -> VocabularyImportDialog | None:
        if self._store is None:
            return None
        from reader.ui.dialogs.vocabulary_import import VocabularyImportDialog

        dialog = VocabularyImportDialog(self._store, self._window)
        dialog.imported.connect(self._imported)
        self._keep(dialog)
        return dialog

    def _imported(self, outcome: ImportOutcome) -> None:
        self._reload()
        self._window.statusBar().showMessage(
            f"Imported: {counted(outcome.added, 'word')} added, {outcome.merged:,} merged", 8000
        )

    def back_up_now(self) -> str | None:
        if self._store is None:
            return None
        try:
            path = self._store.backup()
        except VocabularyError as error:
            self.report_error(str(error))
            return None
        self._window.statusBar().showMessage(f"Vocabulary backed up to {path}", 8000)
        return str(path)

    def open_backups_dialog(self) -> VocabularyBackupsDialog | None:
        if self._store is None:
            return None
        from reader.ui.dialogs.vocabulary_backups import VocabularyBackupsDialog

        dialog = VocabularyBackupsDialog(
            self._store,
            lambda question: self._prompts.confirm(self._window, "Vocabulary", question),
            self._window,
        )
        dialog.restored.connect(self._restored)
        self._keep(dialog)
        return dialog

    def _restored(self, path: str) -> None:
        self._undo_stack.clear()  # the undo history was about the vocabulary replaced
        self._reload()
        self._window.statusBar().showMessage(f"Vocabulary restored from {path}", 8000)

    # -- errors and closing ------------------------------------------------------------

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
        self._set_enabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.close()
        return False


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
    if problem:
        features.report_error(problem)
    elif store is not None:
        if store.recovery is not None:
            features.report_error(store.recovery.message)
        features.take_lock()
    return features
