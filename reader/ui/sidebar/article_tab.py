"""The sidebar's Article tab: how big and how hard the open article is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from reader.language.hsk import hsk_label

if TYPE_CHECKING:
    from reader.annotation.stats import ArticleStats


class ArticleTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel("No article", self)
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setWordWrap(True)
        self._title.setObjectName("articleTitle")
        self._characters = QLabel("–", self)
        self._han_characters = QLabel("–", self)
        self._words = QLabel("–", self)
        self._distinct = QLabel("–", self)
        counts = QFormLayout()
        counts.addRow("Characters:", self._characters)
        counts.addRow("Chinese characters:", self._han_characters)
        counts.addRow("Words:", self._words)
        counts.addRow("Distinct words:", self._distinct)

        self._hsk_labels: dict[int | None, QLabel] = {}
        hsk = QFormLayout()
        for level in (1, 2, 3, 4, 5, 6, 7, None):
            label = QLabel("–", self)
            self._hsk_labels[level] = label
            hsk.addRow(f"{hsk_label(level)}:", label)

        self._unknown_heading = QLabel("Words not in any dictionary", self)
        self._unknown = QListWidget(self)
        self._unknown.setFrameShape(QListWidget.Shape.NoFrame)  # the sidebar is its frame
        self._unknown.setToolTip("Words of this article that neither CC-CEDICT nor a glossary has")

        layout = QVBoxLayout(self)
        self._layout = layout
        self._sections: list[QWidget] = []
        layout.addWidget(self._title)
        layout.addLayout(counts)
        layout.addWidget(QLabel("Distinct words by HSK 3.0 level", self))
        layout.addLayout(hsk)
        layout.addWidget(self._unknown_heading)
        layout.addWidget(self._unknown, 1)
        self._stats: ArticleStats | None = None

    def add_section(self, section: QWidget) -> None:
        """Show a feature's section (a group box) under the title, above the counts.

        Sections stay in the order they were added; the tab takes ownership.
        """
        section.setParent(self)
        self._layout.insertWidget(1 + len(self._sections), section)
        self._sections.append(section)

    def set_title(self, title: str) -> None:
        self._title.setText(title)

    def clear_stats(self) -> None:
        """Forget the previous article's numbers while the new one is annotated."""
        self._stats = None
        for label in (self._characters, self._han_characters, self._words, self._distinct):
            label.setText("…")
        for label in self._hsk_labels.values():
            label.setText("…")
        self._unknown.clear()
        self._unknown_heading.setText("Words not in any dictionary")

    def set_stats(self, stats: ArticleStats) -> None:
        self._stats = stats
        self._characters.setText(f"{stats.characters:,}")
        self._han_characters.setText(f"{stats.han_characters:,}")
        self._words.setText(f"{stats.words:,}")
        self._distinct.setText(f"{stats.distinct_words:,}")
        for level, count in stats.hsk_levels:
            share = count / stats.distinct_words if stats.distinct_words else 0.0
            self._hsk_labels[level].setText(f"{count:,} ({share:.0%})")
        self._unknown.clear()
        self._unknown.addItems(list(stats.not_in_dictionary))
        self._unknown_heading.setText(
            f"Words not in any dictionary ({len(stats.not_in_dictionary):,})"
        )

    def stats(self) -> ArticleStats | None:
        return self._stats

    def shown_values(self) -> dict[str, str]:
        """The numbers as displayed (what a user reads; used by tests)."""
        values = {
            "characters": self._characters.text(),
            "han_characters": self._han_characters.text(),
            "words": self._words.text(),
            "distinct_words": self._distinct.text(),
        }
        values.update({hsk_label(level): label.text() for level, label in self._hsk_labels.items()})
        return values

    def unknown_words_shown(self) -> list[str]:
        return [self._unknown.item(row).text() for row in range(self._unknown.count())]
