"""The sidebar's Vocabulary tab: the saved words in a table, with filters and in-place edits."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.vocabulary_model import Column, VocabularyQuery, VocabularyTableModel
from reader.vocab.word import Status, VocabWord
from reader.wording import counted

ALL = "__all__"


class StatusDelegate(QStyledItemDelegate):
    """Edits the Status column with a combo box of the four statuses."""

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("statusEditor")
        for status in Status:
            combo.addItem(status.value, status.value)
        return combo

    def setEditorData(  # noqa: N802
        self, editor: QWidget, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(  # noqa: N802
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentData() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class VocabularyTab(QWidget):
    """Lists the words of a ``VocabularyTableModel``; edits go through the model to the store."""

    context_requested = Signal(object)
    """A word was double-clicked (or "Show in article" chosen): show where it was saved from."""
    delete_requested = Signal(list)
    """Delete was pressed on these words (``VocabWord`` list)."""

    def __init__(self, model: VocabularyTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

        self._search = QLineEdit(self)
        self._search.setObjectName("vocabularySearch")
        self._search.setPlaceholderText("Filter: characters, pinyin (tones optional), English")
        self._search.setClearButtonEnabled(True)
        self._status = QComboBox(self)
        self._status.setObjectName("vocabularyStatusFilter")
        self._status.setToolTip("Show words with this status")
        self._status.addItem("All statuses", ALL)
        for status in Status:
            self._status.addItem(status.value.capitalize(), status.value)
        self._tag = QComboBox(self)
        self._tag.setObjectName("vocabularyTagFilter")
        self._tag.setToolTip("Show words with this tag")
        self._article = QComboBox(self)
        self._article.setObjectName("vocabularyArticleFilter")
        self._article.setToolTip("Show words saved from this article")
        self._count = QLabel(self)
        self._count.setTextFormat(Qt.TextFormat.PlainText)
        self._count.setObjectName("vocabularyCount")

        self._table = QTableView(self)
        self._table.setObjectName("vocabularyTable")
        self._table.setModel(model)
        # The indicator first: enabling sorting sorts by it, and the model's own order
        # (newest first) is the one sort that needs no word read in full.
        self._table.horizontalHeader().setSortIndicator(Column.ADDED, Qt.SortOrder.DescendingOrder)
        self._table.setSortingEnabled(True)
        self._table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures 50,000 rows.
        self._table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._table.setWordWrap(False)
        self._table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(self._table))
        self._table.horizontalHeader().setStretchLastSection(True)
        for column, width in ((Column.WORD, 80), (Column.PINYIN, 90), (Column.DEFINITION, 180)):
            self._table.setColumnWidth(column, width)
        self._table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._table.customContextMenuRequested.connect(self._show_context_menu)
        self._table.doubleClicked.connect(self._double_clicked)

        self._delete_action = QAction("Delete", self._table)
        self._delete_action.setObjectName("vocabulary_delete")
        self._delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self._delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._delete_action.triggered.connect(self._delete_selected)
        self._table.addAction(self._delete_action)

        filters = QHBoxLayout()
        filters.addWidget(self._status)
        filters.addWidget(self._tag)
        filters.addWidget(self._article, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._search)
        layout.addLayout(filters)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._count)

        self._search.textChanged.connect(self._apply_filters)
        for combo in (self._status, self._tag, self._article):
            combo.currentIndexChanged.connect(self._apply_filters)
        model.words_replaced.connect(self._words_changed)
        model.dataChanged.connect(self._update_count)
        self._words_changed()

    # -- accessors (the features module and tests) ------------------------------

    def table(self) -> QTableView:
        return self._table

    def search_box(self) -> QLineEdit:
        return self._search

    def tag_filter(self) -> QComboBox:
        return self._tag

    def article_filter(self) -> QComboBox:
        return self._article

    def count_text(self) -> str:
        return self._count.text()

    def set_status_filter(self, status: Status | None) -> None:
        self._status.setCurrentIndex(self._status.findData(status.value if status else ALL))

    def selected_words(self) -> list[VocabWord]:
        rows = sorted({index.row() for index in self._table.selectionModel().selectedRows()})
        return [self._model.word_at(row) for row in rows]

    # -- filters ---------------------------------------------------------------

    def _apply_filters(self) -> None:
        status = self._status.currentData()
        tag = self._tag.currentData()
        article = self._article.currentData()
        self._model.set_query(
            VocabularyQuery(
                status=None if status in (ALL, None) else Status(status),
                tag=None if tag in (ALL, None) else tag,
                article=None if article in (ALL, None) else article,
                text=self._search.text(),
            )
        )
        self._update_count()

    def _words_changed(self) -> None:
        """Offer the tags and articles the words have now, keeping the current choices."""
        self._refill(self._tag, "All tags", self._model.tags())
        self._refill(self._article, "All articles", self._model.articles())
        self._update_count()

    def _refill(self, combo: QComboBox, everything: str, values: list[str]) -> None:
        current = combo.currentData()
        wanted = [ALL, *values]
        if [combo.itemData(i) for i in range(combo.count())] == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)
        if combo.currentData() != current:
            self._apply_filters()

    def _update_count(self) -> None:
        shown = self._model.rowCount()
        total = self._model.word_count()
        self._count.setText(
            f"{shown:,} of {counted(total, 'word')}" if shown != total else counted(total, "word")
        )

    # -- actions -----------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.context_requested.emit(self._model.word_at(index.row()))

    def _delete_selected(self) -> None:
        words = self.selected_words()
        if words:
            self.delete_requested.emit(words)

    def _show_context_menu(self, point: QPoint) -> None:
        index = self._table.indexAt(point)
        if not index.isValid():
            return
        menu = self.build_context_menu(index)
        menu.popup(self._table.viewport().mapToGlobal(point))

    def build_context_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu for the row at ``index`` (status, show in article, delete)."""
        if not self._table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self._table.selectRow(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        status_menu = menu.addMenu("Set &Status")
        for number, status in enumerate(Status, start=1):
            action = status_menu.addAction(f"&{number} {status.value.capitalize()}")
            action.setObjectName(f"set_status_{status.value}")
            action.triggered.connect(lambda _checked=False, s=status: self._set_status(s))
        show = menu.addAction("Show in &Article")
        show.setObjectName("show_in_article")
        show.triggered.connect(
            lambda: self.context_requested.emit(self._model.word_at(index.row()))
        )
        menu.addSeparator()
        menu.addAction(self._delete_action)
        return menu

    def _set_status(self, status: Status) -> None:
        rows = sorted({index.row() for index in self._table.selectionModel().selectedRows()})
        keys = [self._model.word_at(row).key for row in rows]
        for key in keys:  # rows may move as the model changes; find each word again
            row = self._model.row_of(key)
            if row is not None:
                self._model.setData(self._model.index(row, Column.STATUS), status.value)
