"""The library: the bundled articles and the files the user opened, with progress.

A book (EPUB or PDF) is one row; the open book's chapters follow it as
indented rows, each with its own progress, so the list stays short however
many books there are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.plain_text import as_rich_text

AnyIndex = QModelIndex | QPersistentModelIndex
CHAPTER_INDENT = 16


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """One row of the library list."""

    path: str
    title: str
    progress: float  # 0.0 to 1.0
    bundled: bool
    chapter: int | None = None
    """The chapter (from 0) a chapter row opens; None for an article's or a book's row."""
    detail: str = ""
    """The second line, when more than the progress is to be said."""


class LibraryModel(QAbstractListModel):
    """One row per article: title and progress; the path under ``PathRole``."""

    PathRole = Qt.ItemDataRole.UserRole + 1
    ProgressRole = Qt.ItemDataRole.UserRole + 2
    BundledRole = Qt.ItemDataRole.UserRole + 3
    ProgressTextRole = Qt.ItemDataRole.UserRole + 4
    ChapterRole = Qt.ItemDataRole.UserRole + 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[LibraryItem] = []
        self._current_path = ""
        self._current_chapter: int | None = None

    def set_items(self, items: list[LibraryItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[LibraryItem]:
        return list(self._items)

    def set_current_path(self, path: str, chapter: int | None = None) -> None:
        """Mark the open article, or the open book and chapter (shown in bold)."""
        self._current_path = path
        self._current_chapter = chapter
        if self._items:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._items) - 1, 0), [Qt.ItemDataRole.FontRole]
            )

    def row_of(self, path: str, chapter: int | None = None) -> int | None:
        return next(
            (
                row
                for row, item in enumerate(self._items)
                if item.path == path and item.chapter == chapter
            ),
            None,
        )

    def update_item(self, item: LibraryItem) -> None:
        """Show ``item`` in place of the row with its path and chapter (if there is one)."""
        row = self.row_of(item.path, item.chapter)
        if row is not None and self._items[row] != item:
            self._items[row] = item
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == self.ProgressTextRole:
            return item.detail or progress_label(item.progress)
        if role == Qt.ItemDataRole.ToolTipRole:
            origin = "Bundled article" if item.bundled else item.path
            return as_rich_text(
                f"{item.title}\n{origin}\n{item.detail or progress_label(item.progress)}"
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.title}, {item.detail or progress_label(item.progress)}"
        if role == self.ChapterRole:
            return item.chapter
        if (
            role == Qt.ItemDataRole.FontRole
            and item.path == self._current_path
            and item.chapter in (None, self._current_chapter)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == self.PathRole:
            return item.path
        if role == self.ProgressRole:
            return item.progress
        if role == self.BundledRole:
            return item.bundled
        return None


def progress_label(progress: float) -> str:
    """How far something was read, in words."""
    if progress <= 0.0:
        return "Not started"
    if progress >= 0.995:
        return "Finished"
    return f"{round(progress * 100)}% read"


class _TwoLineDelegate(QStyledItemDelegate):
    """Draws the title (elided) with the progress on a second, smaller line."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        line = option.fontMetrics.height()
        return QSize(option.rect.width(), 2 * line + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        title_option = QStyleOptionViewItem(option)
        self.initStyleOption(title_option, index)
        title_option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, title_option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        indent = CHAPTER_INDENT if index.data(LibraryModel.ChapterRole) is not None else 0
        rect = option.rect.adjusted(6 + indent, 4, -6, -4)
        line = option.fontMetrics.height()
        painter.save()
        painter.setPen(option.palette.color(role))
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        painter.setFont(font)
        title = QFontMetrics(font).elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect.x(), rect.y(), rect.width(), line, 0, title)
        painter.setFont(option.font)
        painter.setOpacity(0.7)
        painter.drawText(
            rect.x(),
            rect.y() + line,
            rect.width(),
            line,
            0,
            str(index.data(LibraryModel.ProgressTextRole)),
        )
        painter.restore()


class LibraryPanel(QWidget):
    """The library list; choosing a row emits ``article_chosen`` with its path, or
    ``chapter_chosen`` with the book's path and the chapter (from 0)."""

    article_chosen = Signal(str)
    chapter_chosen = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = LibraryModel(self)
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setItemDelegate(_TwoLineDelegate(self._list))
        self._list.setAlternatingRowColors(True)
        self._list.setFrameShape(QListView.Shape.NoFrame)  # the dock is its frame
        self._list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self._list.activated.connect(self._choose)
        self._list.clicked.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._list)
        self.setFocusProxy(self._list)

    def model(self) -> LibraryModel:
        return self._model

    def list_view(self) -> QListView:
        return self._list

    def set_items(
        self, items: list[LibraryItem], current_path: str = "", current_chapter: int | None = None
    ) -> None:
        self._model.set_items(items)
        self._model.set_current_path(current_path, current_chapter)

    def _choose(self, index: QModelIndex) -> None:
        path = index.data(LibraryModel.PathRole)
        chapter = index.data(LibraryModel.ChapterRole)
        if isinstance(path, str) and path:
            if isinstance(chapter, int):
                self.chapter_chosen.emit(path, chapter)
            else:
                self.article_chosen.emit(path)
