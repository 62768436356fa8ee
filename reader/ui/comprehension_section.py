"""The Article tab's Comprehension section: how much of the open article the learner knows.

``ArticleComprehension`` puts the section in the Article tab, under the
title (the number a learner looks for), and keeps it up to date as the
article is annotated and words are saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from reader.vocab.comprehension import Comprehension, estimate_comprehension

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow
    from reader.ui.vocabulary_session import VocabularySession


class ComprehensionSection(QGroupBox):
    """Running and distinct words known, as shares and counts; "…" before annotation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Comprehension", parent)
        self.setObjectName("comprehensionBox")
        self.setToolTip(
            "Share of this article's Chinese words you marked as known "
            "(words marked ignored are left out)"
        )
        self._words = QLabel("–", self)
        self._distinct = QLabel("–", self)
        form = QFormLayout(self)
        form.addRow("Running words known:", self._words)
        form.addRow("Distinct words known:", self._distinct)

    def show_estimate(self, estimate: Comprehension | None) -> None:
        if estimate is None:
            self._words.setText("…")
            self._distinct.setText("…")
            return
        self._words.setText(
            f"{estimate.word_share:.0%} ({estimate.known_words:,} of {estimate.words:,})"
        )
        self._distinct.setText(
            f"{estimate.distinct_share:.0%} "
            f"({estimate.known_distinct_words:,} of {estimate.distinct_words:,})"
        )

    def shown_text(self) -> tuple[str, str]:
        """The two lines as displayed (running words, distinct words)."""
        return self._words.text(), self._distinct.text()


class ArticleComprehension(QObject):
    """The open article's estimate, shown in the Article tab's Comprehension section."""

    def __init__(self, window: MainWindow, session: VocabularySession) -> None:
        super().__init__(window)
        self._session = session
        self._section = ComprehensionSection()
        window.sidebar().article_tab().add_section(self._section)
        window.annotation_finished.connect(self._update)
        window.article_loaded.connect(lambda _title: self._update())
        session.statuses_changed.connect(self._update)
        self._update()

    def comprehension(self) -> Comprehension | None:
        """The open article's estimate, or None before it is annotated."""
        counts = self._session.article_counts()
        if counts is None:
            return None
        return estimate_comprehension(counts, self._session.live_statuses())

    def comprehension_text(self) -> tuple[str, str]:
        """The two lines shown in the Article tab (running words, distinct words)."""
        return self._section.shown_text()

    def _update(self) -> None:
        self._section.show_estimate(self.comprehension())
