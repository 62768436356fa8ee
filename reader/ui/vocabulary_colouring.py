"""Words coloured by status in the article (View ▸ Colour Words by Status).

Unsaved and new words one tint, learning words a second, known words a
third, ignored words plain; a legend in the status bar says which is which.
Off until asked for: with few words saved, nearly every word is "unknown"
and a tinted page reads like one big highlight.  Off or on, "Pinyin above
unknown words" hides the pinyin of words saved as known or ignored and shows
it for every other word.  The rule is in ``status_colouring``; this feature
gives the view the session's statuses whenever they change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from reader.ui.status_colouring import StatusLookup, status_lookup
from reader.ui.status_legend import StatusLegend
from reader.ui.vocabulary_session import VocabularySession

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class StatusColouring(QObject):
    """The View menu's option, the legend and the view's status lookup of one window."""

    def __init__(self, window: MainWindow, session: VocabularySession) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self.colour_action = QAction("&Colour Words by Status", window)
        self.colour_action.setObjectName("vocabulary_colour")
        self.colour_action.setCheckable(True)
        self.colour_action.setChecked(window.settings().colour_by_status())
        self.colour_action.toggled.connect(self.set_colouring)
        window.menus().add_view_option(self.colour_action)
        self._legend = StatusLegend(window)
        window.statusBar().addPermanentWidget(self._legend)
        self._legend.setVisible(self.colour_action.isChecked())
        self.colour_action.toggled.connect(self._legend.setVisible)
        session.statuses_changed.connect(self._apply_lookup)
        self._apply_lookup()

    def set_colouring(self, on: bool) -> None:
        """Colour words by status (persisted); off keeps pinyin hidden for known words."""
        if self.colour_action.isChecked() != on:
            self.colour_action.setChecked(on)
            return  # toggled() comes back here
        self._window.settings().set_colour_by_status(on)
        self._apply_lookup()

    def status_lookup(self) -> StatusLookup:
        """The function given to the view: characters -> status name, or None."""
        return status_lookup(self._session.live_statuses(), self.colour_action.isChecked())

    def _apply_lookup(self) -> None:
        self._window.view().set_word_status_lookup(self.status_lookup())
