"""Vocabulary ▸ Restore from Backup…: the backups, newest first, and a Restore button.

Restoring asks for confirmation through the caller's ``confirm`` function (so
tests need no blocking message box); the store backs up the current vocabulary
first, so a restore can itself be undone by restoring that backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.errors import VocabularyError
from reader.vocab.backups import BackupKind
from reader.vocab.store import VocabularyStore

KIND_LABELS = {
    BackupKind.AUTOMATIC: "automatic",
    BackupKind.MANUAL: "made by you",
    BackupKind.BEFORE_MIGRATION: "before an update",
    BackupKind.BEFORE_RESTORE: "before a restore",
}


class VocabularyBackupsDialog(QDialog):
    restored = Signal(str)
    """The vocabulary was replaced by this backup file."""

    def __init__(
        self,
        store: VocabularyStore,
        confirm: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore Vocabulary from a Backup")
        self.setObjectName("vocabularyBackupsDialog")
        self._store = store
        self._confirm = confirm
        self._list = QListWidget(self)
        self._list.setObjectName("backupList")
        self._message = QLabel(self)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        self._message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self._restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.ActionRole)
        self._restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        folder = QLabel(f"Backups in {store.backups_dir}:", self)
        folder.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(folder)
        layout.addWidget(self._list, 1)
        layout.addWidget(self._message)
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self._list.clear()
        try:
            found = self._store.list_backups()
        except VocabularyError as error:
            found = []
            self._message.setText(str(error))
        for backup in found:
            when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            item = QListWidgetItem(f"{when} — {KIND_LABELS.get(backup.kind, backup.kind.value)}")
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
            self._list.addItem(item)
        if self._list.count():
            self._list.setCurrentRow(0)
        else:
            self._message.setText(self._message.text() or "There are no backups yet.")
        self._restore_button.setEnabled(self._list.count() > 0)

    def select(self, row: int) -> None:
        self._list.setCurrentRow(row)

    def restore_selected(self) -> Path | None:
        item = self._list.currentItem()
        if item is None:
            return None
        path = Path(item.data(Qt.ItemDataRole.UserRole))
        if not self._confirm(
            f"Replace the vocabulary with the backup of {item.text()}? "
            "The current vocabulary is backed up first."
        ):
            return None
        try:
            restored = self._store.restore(path)
        except VocabularyError as error:
            self._message.setText(str(error))
            return None
        self.restored.emit(str(restored))
        self.accept()
        return restored
