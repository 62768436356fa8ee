""" "I know HSK levels 1–N": words a reader already knows, marked known on day one.

"Pinyin above unknown words" hides the pinyin of known words; with an empty
vocabulary every word is unknown and the mode looks like "above every word".
Asked once at first start (and from Vocabulary ▸ I Know HSK Levels…), the
reader's level marks the words of those levels known, as one step Edit ▸ Undo
reverses; words above the level keep their pinyin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reader.language.hsk import BAND_7_TO_9, words_up_to
from reader.ui.pinyin_mode import PinyinMode
from reader.wording import counted

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.vocabulary_features import VocabularyFeatures


def level_label(level: int) -> str:
    """How a choice reads in the list: "HSK 1–3"; 0 is "none yet"."""
    if level == 0:
        return "None yet: show pinyin above every word"
    if level == 1:
        return "HSK 1"
    if level == BAND_7_TO_9:
        return "HSK 1–9 (the whole standard)"
    return f"HSK 1–{level}"


class KnownLevelDialog(QDialog):
    """Asks which HSK levels the reader knows; emits ``level_chosen`` on OK."""

    level_chosen = Signal(int, bool)
    """(level 0-7, show pinyin above unknown words)."""

    def __init__(self, current: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knownLevelDialog")
        self.setWindowTitle("Which Words Do You Know?")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Words of the HSK levels you know are marked as known in your vocabulary, so "
            "“Pinyin above unknown words” shows pinyin only above the others. Words you "
            "saved yourself keep their status, and Edit ▸ Undo takes the change back."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._levels = QComboBox(self)
        self._levels.setObjectName("knownLevel")
        for level in range(BAND_7_TO_9 + 1):
            self._levels.addItem(f"I know {level_label(level)}" if level else level_label(0), level)
        self._levels.setCurrentIndex(self._levels.findData(current if current is not None else 0))
        layout.addWidget(self._levels)
        self._show_unknown = QCheckBox("Show pinyin above the words I do not know yet", self)
        self._show_unknown.setObjectName("showUnknownPinyin")
        self._show_unknown.setChecked(True)
        layout.addWidget(self._show_unknown)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Not Now")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self, level: int) -> None:
        self._levels.setCurrentIndex(self._levels.findData(level))

    def accept(self) -> None:
        super().accept()
        self.level_chosen.emit(int(self._levels.currentData()), self._show_unknown.isChecked())


class KnownLevel(QObject):
    """The menu item and the first-run question of one window."""

    def __init__(self, window: MainWindow, features: VocabularyFeatures) -> None:
        super().__init__(window)
        self._window = window
        self._features = features
        self._dialog: KnownLevelDialog | None = None
        self._action = QAction("I Know HSK &Levels…", window)
        self._action.setObjectName("vocabulary_known_level")
        self._action.triggered.connect(self.ask)
        menu = features.menu()
        mark = features.action("vocabulary_mark_known")
        actions = menu.actions()
        after = actions.index(mark) + 1 if mark in actions else len(actions)
        if after < len(actions):
            menu.insertAction(actions[after], self._action)
        else:
            menu.addAction(self._action)

    def action(self) -> QAction:
        return self._action

    def dialog(self) -> KnownLevelDialog | None:
        return self._dialog

    def ask(self) -> KnownLevelDialog:
        """Open the question (not modal); answering marks the words."""
        if self._dialog is None:
            self._dialog = KnownLevelDialog(self._window.settings().known_hsk_level(), self._window)
            self._dialog.level_chosen.connect(self.apply)
            self._dialog.finished.connect(self._asked)
        self._dialog.open()
        return self._dialog

    def offer_on_first_run(self) -> bool:
        """Ask once, at a first start with an empty vocabulary; whether it asked."""
        settings = self._window.settings()
        if settings.known_hsk_level() is not None or self._features.session().store() is None:
            return False
        if self._features.session().statuses():
            return False
        QTimer.singleShot(0, self.ask)
        return True

    def apply(self, level: int, show_unknown: bool) -> int:
        """Mark the words of HSK 1-``level`` known (one undo step); how many words."""
        settings = self._window.settings()
        settings.set_known_hsk_level(level)
        saved = self._features.session().statuses()  # words being learned stay so
        words = [word for word in words_up_to(level) if word not in saved] if level else []
        if words and not self._features.saving().mark_known_undoably(words):
            return 0
        if show_unknown:
            self._window.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
        if words:
            self._window.statusBar().showMessage(
                f"Marked the {counted(len(words), 'word')} of {level_label(level)} as known "
                "(Edit ▸ Undo takes it back)",
                8000,
            )
        return len(words)

    def _asked(self) -> None:
        settings = self._window.settings()
        if settings.known_hsk_level() is None:
            settings.set_known_hsk_level(0)  # "Not now" is an answer: not asked again


def install_known_level(window: MainWindow, features: VocabularyFeatures) -> KnownLevel:
    """Add Vocabulary ▸ I Know HSK Levels… to ``window`` (kept alive by the window)."""
    return KnownLevel(window, features)
