"""Correcting a reading from the article: right-click a word ▸ "This is read …".

``install_reading_corrections(window, undo_stack)`` adds to the article's
right-click menu, for a word with Han characters:

* "This is read …", a submenu of the readings the word can have
  (``reader.language.reading_corrections.reading_choices``), the one shown
  now checked, each with what the word means read so;
* in it, "Other reading…": the pinyin typed in a small dialog, checked by the
  core, asked again with the reason until it is right or cancelled;
* and, where the learner corrected the word, "Use the Reader's Own Reading".

A choice is saved at once (``ReadingCorrections``, the annotator's), every
occurrence in the article shows it, and Edit ▸ Undo takes it back: the
commands go on the window's undo stack, the one the vocabulary's actions use.
The corrections themselves, the reading rules and the file live in the core;
this module only offers them.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup, QUndoStack
from PySide6.QtWidgets import QMenu

from reader.errors import ReaderError
from reader.language.han import has_han
from reader.language.reading_corrections import (
    ReadingCorrection,
    ReadingCorrections,
    parse_reading,
    reading_choices,
)
from reader.ui.done_command import DoneCommand

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

MENU_TITLE = "This is read …"
OTHER_READING = "Other Reading…"
OWN_READING = "Use the Reader's Own Reading"


class ReadingCorrectionFeatures(QObject):
    """The "This is read …" menu of one window (see the module docstring)."""

    def __init__(self, window: MainWindow, undo_stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        self._undo_stack = undo_stack
        self._reported = ""
        window.view().add_word_menu_section(self.add_menu)
        window.annotator_ready.connect(self._report_problem)
        self._report_problem()

    def corrections(self) -> ReadingCorrections | None:
        """The corrections the answering annotator reads with; None while it loads."""
        annotator = self._window.annotator()
        return annotator.corrections if annotator is not None else None

    def add_menu(self, menu: QMenu, index: int) -> None:
        """Add "This is read …" for token ``index`` of the article to ``menu``."""
        view = self._window.view()
        segmented, annotator = view.segmented(), view.annotator()
        if segmented is None or annotator is None:
            return
        word = segmented.token(index).text
        shown = annotator.pinyin(segmented, index)
        if not has_han(word) or not shown:
            return
        submenu = menu.addMenu(MENU_TITLE)
        submenu.setObjectName("readingMenu")
        one_of = QActionGroup(submenu)  # one reading at a time: shown as radio buttons
        for choice in reading_choices(word, shown, annotator.dictionary.lookup):
            reading = " ".join(choice.pinyin)
            label = f"{reading} — {choice.sense}" if choice.sense else reading
            action = submenu.addAction(label.replace("&", "&&"))
            action.setCheckable(True)
            action.setChecked(choice.pinyin == shown)
            one_of.addAction(action)
            action.setData(reading)
            action.triggered.connect(partial(self.correct, word, choice.pinyin))
        submenu.addSeparator()
        other = submenu.addAction(OTHER_READING)
        other.triggered.connect(partial(self.ask_for_reading, word, shown))
        if annotator.corrections.correction_for(word) is not None:
            own = " ".join(annotator.own_pinyin(segmented, index))
            action = submenu.addAction(f"{OWN_READING} ({own})" if own else OWN_READING)
            action.setObjectName("ownReading")
            action.triggered.connect(partial(self.forget, word))

    def ask_for_reading(self, word: str, shown: tuple[str, ...]) -> None:
        """Ask for any reading of ``word`` until it is pinyin of the right length, or cancelled."""
        prompts = self._window.prompts()
        label = f"How is {word} read? One syllable per character: zhang3 or zhǎng."
        typed = " ".join(shown)
        while True:
            answer = prompts.ask_text(self._window, "Other Reading", label, typed)
            if answer is None:
                return
            try:
                reading = parse_reading(word, answer)
            except ReaderError as error:
                label, typed = f"{error}.\nHow is {word} read?", answer
                continue
            self.correct(word, reading)
            return

    def correct(self, word: str, reading: tuple[str, ...]) -> None:
        """Read ``word`` as ``reading`` from now on, undoably."""
        corrections = self.corrections()
        if corrections is None:
            return
        before = corrections.correction_for(word)
        try:
            after = corrections.set(word, reading)
        except ReaderError as error:
            self._window.report_error(str(error))
            return
        if after == before:
            return
        self._changed(corrections, word, before, after)
        self._window.statusBar().showMessage(
            f"{word} is read {' '.join(after.pinyin)} from now on; Edit ▸ Undo takes it back", 8000
        )

    def forget(self, word: str) -> None:
        """Read ``word`` the reader's own way again, undoably."""
        corrections = self.corrections()
        if corrections is None:
            return
        try:
            before = corrections.remove(word)
        except ReaderError as error:
            self._window.report_error(str(error))
            return
        if before is not None:
            self._changed(corrections, word, before, None)
            self._window.statusBar().showMessage(f"{word} is read the reader's own way again", 8000)

    def restore(
        self, corrections: ReadingCorrections, word: str, correction: ReadingCorrection | None
    ) -> None:
        """Put ``word``'s correction back as it was (undo, redo) and show it."""
        try:
            corrections.restore(correction, word)
        except ReaderError as error:
            self._window.report_error(str(error))
            return
        self._window.view().show_changed_readings()
        self._report_problem()

    def _changed(
        self,
        corrections: ReadingCorrections,
        word: str,
        before: ReadingCorrection | None,
        after: ReadingCorrection | None,
    ) -> None:
        self._undo_stack.push(_CorrectionCommand(self, corrections, word, before, after))
        self._window.view().show_changed_readings()
        self._report_problem()  # the change found the file damaged meanwhile and set it aside

    def _report_problem(self) -> None:
        """Tell the learner once that the corrections file was damaged (and moved aside),
        whether loading found it so or a change did."""
        corrections = self.corrections()
        problem = corrections.problem if corrections is not None else ""
        if problem and problem != self._reported:
            self._reported = problem
            self._window.report_error(problem)


class _CorrectionCommand(DoneCommand):
    """A correction already made; undo puts back what was there before (or nothing)."""

    def __init__(
        self,
        features: ReadingCorrectionFeatures,
        corrections: ReadingCorrections,
        word: str,
        before: ReadingCorrection | None,
        after: ReadingCorrection | None,
    ) -> None:
        if after is not None:
            text = f"Read {word} as {' '.join(after.pinyin)}"
        else:
            text = f"Use the reader's own reading of {word}"
        super().__init__(text)
        self._features = features
        self._corrections = corrections
        self._word = word
        self._before = before
        self._after = after

    def do_again(self) -> None:
        self._features.restore(self._corrections, self._word, self._after)

    def undo(self) -> None:
        self._features.restore(self._corrections, self._word, self._before)


def install_reading_corrections(
    window: MainWindow, undo_stack: QUndoStack
) -> ReadingCorrectionFeatures:
    """Add "This is read …" to the article's right-click menu (kept alive by the window)."""
    return ReadingCorrectionFeatures(window, undo_stack)
