"""The Article tab's Comprehension section: how much of the open article the learner knows."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from reader.vocab.comprehension import Comprehension


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
