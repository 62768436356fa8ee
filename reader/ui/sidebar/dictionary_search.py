"""The sidebar's Dictionary tab: search CC-CEDICT by characters, pinyin or English.

The kind of query is detected (characters when it has any Chinese
character; pinyin when it has tone marks or numbers, or when it splits into
pinyin syllables; English otherwise) and can be forced with the combo box.
A query that reads both as pinyin and as English (``he``, ``fang``) shows the
pinyin matches first, then the English ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.dictionary.entry import Entry
from reader.language.notation import split_syllables, strip_tones
from reader.ui.plain_text import as_rich_text

AnyIndex = QModelIndex | QPersistentModelIndex
RESULT_LIMIT = 50
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TONE_MARKS = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", re.IGNORECASE)
_NUMBERED = re.compile(r"[a-zü:]+[1-5]", re.IGNORECASE)

BackgroundRunner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[str], None]], int]


class QueryKind(StrEnum):
    AUTO = "auto"
    CHARACTERS = "characters"
    PINYIN = "pinyin"
    ENGLISH = "english"
    PINYIN_OR_ENGLISH = "pinyin_or_english"


def detect_query_kind(query: str) -> QueryKind:
    """How an automatic search reads ``query``."""
    text = query.strip()
    if _HAN.search(text):
        return QueryKind.CHARACTERS
    if _TONE_MARKS.search(text) or _NUMBERED.search(text):
        return QueryKind.PINYIN
    letters = re.sub(r"[\s']+", "", strip_tones(text))
    if letters.isascii() and letters.isalpha() and split_syllables(letters):
        return QueryKind.PINYIN_OR_ENGLISH
    return QueryKind.ENGLISH


def search_dictionary(dictionary: Any, query: str, kind: QueryKind) -> tuple[Entry, ...]:
    """Entries matching ``query`` read as ``kind`` (AUTO detects), best first, no repeats."""
    if kind is QueryKind.AUTO:
        kind = detect_query_kind(query)
    text = query.strip()
    if not text:
        return ()
    found: list[Entry] = []
    if kind is QueryKind.CHARACTERS:
        found.extend(dictionary.lookup(text))
        found.extend(dictionary.prefix_search(text, limit=RESULT_LIMIT))
    if kind in (QueryKind.PINYIN, QueryKind.PINYIN_OR_ENGLISH):
        found.extend(dictionary.search_pinyin(text, limit=RESULT_LIMIT))
    if kind in (QueryKind.ENGLISH, QueryKind.PINYIN_OR_ENGLISH):
        found.extend(dictionary.search_english(text, limit=RESULT_LIMIT))
    return tuple(dict.fromkeys(found))[:RESULT_LIMIT]


def entry_summary(entry: Entry) -> str:
    """One line for the results list: characters, pinyin and the first senses."""
    characters = entry.simplified
    if entry.traditional != entry.simplified:
        characters += f" [{entry.traditional}]"
    senses = "; ".join(entry.senses[:2])
    return f"{characters}  {entry.pinyin}  —  {senses}"


class SearchResultsModel(QAbstractListModel):
    """Dictionary entries as rows; the Entry itself under ``EntryRole``."""

    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[Entry, ...] = ()

    def set_entries(self, entries: tuple[Entry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entries(self) -> tuple[Entry, ...]:
        return self._entries

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_summary(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_rich_text("\n".join(entry.senses))
        if role == self.EntryRole:
            return entry
        return None


def entry_details_html(word: str, annotator: Any) -> str:
    """Rich text for the details pane: every entry, the glossary term, HSK level.

    Everything from the data is escaped; cross-references and classifiers are
    ``word:`` links that search for that word.
    """
    info = annotator.describe(word)
    entries: tuple[Entry, ...] = info.entries or annotator.dictionary.lookup(word)
    parts = [f"<h2>{html.escape(word)}</h2>"]
    if info.hsk is not None:
        parts.append(f"<p>{'HSK 7-9' if info.hsk == 7 else f'HSK {info.hsk}'}</p>")
    if info.glossary is not None:
        term = info.glossary
        parts.append(
            f"<p><b>Glossary:</b> {html.escape(term.pinyin)} — {html.escape(term.english)}</p>"
        )
        if term.explanation:
            parts.append(f"<p>{html.escape(term.explanation)}</p>")
    for entry in entries:
        heading = html.escape(entry.simplified)
        if entry.traditional != entry.simplified:
            heading += f" [{html.escape(entry.traditional)}]"
        parts.append(f"<h3>{heading} {html.escape(entry.pinyin)}</h3><ol>")
        parts.extend(f"<li>{html.escape(sense)}</li>" for sense in entry.senses)
        parts.append("</ol>")
        if entry.classifiers:
            links = ", ".join(
                f'<a href="word:{html.escape(c.simplified, quote=True)}">'
                f"{html.escape(c.simplified)}</a> {html.escape(c.pinyin)}"
                for c in entry.classifiers
            )
            parts.append(f"<p>Measure words: {links}</p>")
        for reference in entry.references:
            parts.append(
                f"<p>{html.escape(reference.relation)} "
                f'<a href="word:{html.escape(reference.simplified, quote=True)}">'
                f"{html.escape(reference.simplified)}</a> {html.escape(reference.pinyin)}</p>"
            )
    if not entries and info.glossary is None:
        parts.append("<p>Not in CC-CEDICT.</p>")
    return "".join(parts)


class DictionarySearch(QWidget):
    """Search box, results list and the chosen entry's details."""

    results_shown = Signal(str)
    """A search finished and its results are listed (the query)."""
    search_failed = Signal(str)

    _KIND_CHOICES = (
        (QueryKind.AUTO, "Auto"),
        (QueryKind.CHARACTERS, "Characters"),
        (QueryKind.PINYIN, "Pinyin"),
        (QueryKind.ENGLISH, "English"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotator: Any = None
        self._run_in_background: BackgroundRunner | None = None
        self._generation = 0

        self._query = QLineEdit(self)
        self._query.setPlaceholderText("Loading the dictionary…")
        self._query.setClearButtonEnabled(True)
        self._query.setEnabled(False)
        self._kind = QComboBox(self)
        for kind, label in self._KIND_CHOICES:
            self._kind.addItem(label, kind.value)
        self._kind.setToolTip("Read the query as characters, pinyin or English")
        self._status = QLabel("", self)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        self._model = SearchResultsModel(self)
        self._results = QListView(self)
        self._results.setModel(self._model)
        self._results.setUniformItemSizes(True)
        self._details = QTextBrowser(self)
        self._details.setOpenLinks(False)
        self._details.setOpenExternalLinks(False)
        self._details.anchorClicked.connect(self._follow_link)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self._search_now)
        self._query.textChanged.connect(lambda _text: self._debounce.start())
        self._query.returnPressed.connect(self._search_now)
        self._kind.currentIndexChanged.connect(lambda _index: self._search_now())
        self._results.clicked.connect(self._show_details)
        self._results.activated.connect(self._show_details)
        self._results.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_details(current)
        )

        row = QHBoxLayout()
        row.addWidget(self._query, 1)
        row.addWidget(self._kind)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self._results)
        splitter.addWidget(self._details)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self._status)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self._query)

    def set_annotator(
        self, annotator: Any, run_in_background: BackgroundRunner | None = None
    ) -> None:
        """Enable searching; ``run_in_background`` keeps slow first searches off the UI thread."""
        self._annotator = annotator
        self._run_in_background = run_in_background
        self._query.setEnabled(True)
        self._query.setPlaceholderText("Search: 河长制, hezhangzhi, river…")
        if self._query.text().strip():
            self._search_now()

    def search_for(self, query: str) -> None:
        self._query.setText(query)
        self._search_now()

    def query_edit(self) -> QLineEdit:
        return self._query

    def results_model(self) -> SearchResultsModel:
        return self._model

    def results_view(self) -> QListView:
        return self._results

    def details_browser(self) -> QTextBrowser:
        return self._details

    def details_text(self) -> str:
        return self._details.toPlainText()

    def set_query_kind(self, kind: QueryKind) -> None:
        self._kind.setCurrentIndex(self._kind.findData(kind.value))

    def status_text(self) -> str:
        return self._status.text()

    def _search_now(self) -> None:
        self._debounce.stop()
        query = self._query.text().strip()
        if self._annotator is None or not query:
            return
        self._generation += 1
        generation = self._generation
        kind = QueryKind(self._kind.currentData())
        dictionary = self._annotator.dictionary

        def job() -> tuple[Entry, ...]:
            return search_dictionary(dictionary, query, kind)

        def shown(entries: tuple[Entry, ...]) -> None:
            if generation == self._generation:
                self._show_results(query, kind, entries)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._status.setText(message)
                self.search_failed.emit(message)

        if self._run_in_background is None:
            try:
                shown(job())
            except Exception as error:  # a search must never take the window down
                failed(f"Search failed: {error}")
        else:
            self._status.setText("Searching…")
            self._run_in_background(job, shown, failed)

    def _show_results(self, query: str, kind: QueryKind, entries: tuple[Entry, ...]) -> None:
        self._model.set_entries(entries)
        read_as = detect_query_kind(query) if kind is QueryKind.AUTO else kind
        how = {
            QueryKind.CHARACTERS: "characters",
            QueryKind.PINYIN: "pinyin",
            QueryKind.ENGLISH: "English",
            QueryKind.PINYIN_OR_ENGLISH: "pinyin or English",
        }[read_as]
        count = len(entries)
        self._status.setText(f"{count} result{'s' if count != 1 else ''} ({how})")
        if entries:
            self._results.setCurrentIndex(self._model.index(0, 0))
        else:
            self._details.clear()
        self.results_shown.emit(query)

    def _show_details(self, index: QModelIndex) -> None:
        entry = index.data(SearchResultsModel.EntryRole) if index.isValid() else None
        if isinstance(entry, Entry) and self._annotator is not None:
            self._details.setHtml(entry_details_html(entry.simplified, self._annotator))

    def _follow_link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("word:"):
            self.search_for(target.removeprefix("word:"))
