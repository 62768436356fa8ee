"""The sidebar's Dictionary tab: search CC-CEDICT and the glossaries.

The search itself is ``reader.dictionary.search`` (the command line's too).
The kind of query is detected (characters when it has any Chinese
character; pinyin when it has tone marks or numbers, or when it splits into
pinyin syllables; English otherwise) and can be forced with the combo box.
A query that reads both as pinyin and as English (``he``, ``fang``) shows the
pinyin matches first, then the English ones.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

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
from reader.dictionary.entry_html import entry_html
from reader.dictionary.search import QueryKind, SearchResults, detect_query_kind, search
from reader.glossary.term import GlossaryTerm
from reader.language.hsk import hsk_label
from reader.ui.plain_text import as_rich_text
from reader.ui.word_popup import word_from_link, word_link

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator
    from reader.ui.background_worker import BackgroundWorker

AnyIndex = QModelIndex | QPersistentModelIndex
Found = GlossaryTerm | Entry
"""One row of the results: a glossary term or a CC-CEDICT entry."""


def entry_summary(entry: Found) -> str:
    """One line for the results list: characters, pinyin and the first senses."""
    if isinstance(entry, GlossaryTerm):
        return f"{entry.term}  {entry.pinyin}  —  {entry.english}  (glossary)"
    characters = entry.simplified
    if entry.traditional != entry.simplified:
        characters += f" [{entry.traditional}]"
    senses = "; ".join(entry.senses[:2])
    return f"{characters}  {entry.pinyin}  —  {senses}"


class SearchResultsModel(QAbstractListModel):
    """Glossary terms and dictionary entries as rows; the item itself under ``EntryRole``."""

    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[Found, ...] = ()

    def set_results(self, results: SearchResults) -> None:
        self.beginResetModel()
        self._entries = results.found
        self.endResetModel()

    def items(self) -> tuple[Found, ...]:
        """Every row, best match first."""
        return self._entries

    def entries(self) -> tuple[Entry, ...]:
        """The CC-CEDICT rows."""
        return tuple(item for item in self._entries if isinstance(item, Entry))

    def terms(self) -> tuple[GlossaryTerm, ...]:
        """The glossary rows."""
        return tuple(item for item in self._entries if isinstance(item, GlossaryTerm))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry_summary(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(entry, GlossaryTerm):
                return as_rich_text(entry.explanation or entry.english)
            return as_rich_text("\n".join(entry.senses))
        if role == self.EntryRole:
            return entry
        return None


def entry_details_html(word: str, annotator: WordAnnotator) -> str:
    """Rich text for the details pane: the glossary term, HSK level, every entry.

    Everything from the data is escaped; cross-references and classifiers are
    ``word:`` links that search for that word.
    """
    info = annotator.describe(word)
    entries: tuple[Entry, ...] = info.entries or annotator.dictionary.lookup(word)
    parts = [f"<h2>{html.escape(word)}</h2>"]
    if info.hsk is not None:
        parts.append(f"<p>{hsk_label(info.hsk)}</p>")
    if info.glossary is not None:
        term = info.glossary
        parts.append(
            f"<p><b>Glossary:</b> {html.escape(term.pinyin)} — {html.escape(term.english)}</p>"
        )
        if term.explanation:
            parts.append(f"<p>{html.escape(term.explanation)}</p>")
    parts.extend(entry_html(entry, html.escape(entry.pinyin), _link) for entry in entries)
    if not entries and info.glossary is None:
        parts.append("<p>Not in CC-CEDICT.</p>")
    return "".join(parts)


def _link(word: str, label: str) -> str:
    return f'<a href="{html.escape(word_link(word), quote=True)}">{html.escape(label)}</a>'


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
        self._annotator: WordAnnotator | None = None
        self._worker: BackgroundWorker | None = None
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
        self._results.setFrameShape(QListView.Shape.NoFrame)  # the sidebar is its frame
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
        self, annotator: WordAnnotator, worker: BackgroundWorker | None = None
    ) -> None:
        """Enable searching; the ``worker`` keeps slow first searches off the UI thread."""
        self._annotator = annotator
        self._worker = worker
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
        dictionary, glossaries = self._annotator.dictionary, self._annotator.glossaries

        def job() -> SearchResults:
            return search(dictionary, glossaries, query, kind)

        def shown(results: SearchResults) -> None:
            if generation == self._generation:
                self._show_results(query, kind, results)

        def failed(message: str) -> None:
            if generation == self._generation:
                self._status.setText(message)
                self.search_failed.emit(message)

        if self._worker is None:
            try:
                shown(job())
            except Exception as error:  # a search must never take the window down
                failed(f"Search failed: {error}")
        else:
            self._status.setText("Searching…")
            self._worker.submit(job, shown, failed)

    def _show_results(self, query: str, kind: QueryKind, results: SearchResults) -> None:
        self._model.set_results(results)
        read_as = detect_query_kind(query) if kind is QueryKind.AUTO else kind
        how = {
            QueryKind.CHARACTERS: "characters",
            QueryKind.PINYIN: "pinyin",
            QueryKind.ENGLISH: "English",
            QueryKind.PINYIN_OR_ENGLISH: "pinyin or English",
        }[read_as]
        count = len(results.found)
        self._status.setText(f"{count} result{'s' if count != 1 else ''} ({how})")
        if results:
            self._results.setCurrentIndex(self._model.index(0, 0))
        else:
            self._details.clear()
        self.results_shown.emit(query)

    def _show_details(self, index: QModelIndex) -> None:
        entry = index.data(SearchResultsModel.EntryRole) if index.isValid() else None
        if self._annotator is None:
            return
        if isinstance(entry, Entry):
            self._details.setHtml(entry_details_html(entry.simplified, self._annotator))
        elif isinstance(entry, GlossaryTerm):
            self._details.setHtml(entry_details_html(entry.term, self._annotator))

    def _follow_link(self, url: QUrl) -> None:
        word = word_from_link(url)
        if word:
            self.search_for(word)
