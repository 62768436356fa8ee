"""Managing glossaries: the bundled one and the user's, which are active, create, rename, delete.

The bundled glossary is listed (it can be switched off) but cannot be renamed,
deleted or edited.  Every change is saved through ``GlossaryStore`` at once;
``glossaries_changed`` tells the window to rebuild its annotator.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.errors import GlossaryError
from reader.glossary.store import BUNDLED_NAME, GlossaryStore
from reader.ui.dialogs.glossary_editor import GlossaryEditorDialog, PinyinOf
from reader.ui.prompts import Prompts
from reader.wording import counted

_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class GlossaryManagerDialog(QDialog):
    glossaries_changed = Signal()
    """The active set, a glossary's name or a glossary's terms changed (saved already)."""

    def __init__(
        self,
        store: GlossaryStore,
        pinyin_of: PinyinOf,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryManager")
        self.setWindowTitle("Manage Glossaries")
        self.resize(520, 380)
        self._store = store
        self._pinyin_of = pinyin_of
        self._prompts = prompts or Prompts()
        self._editor: GlossaryEditorDialog | None = None

        explanation = QLabel(
            "Ticked glossaries are used for reading. When several have the same term, "
            "your own glossaries win over the built-in one.",
            self,
        )
        explanation.setWordWrap(True)
        self._list = QListWidget(self)
        self._list.setObjectName("glossaryList")
        self._list.itemChanged.connect(self._item_changed)
        self._list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._list.itemDoubleClicked.connect(lambda item: self.open_editor(item.data(_NAME_ROLE)))

        self._new = QPushButton("&New…", self)
        self._new.clicked.connect(lambda: self.create_glossary())
        self._edit = QPushButton("&Edit Terms…", self)
        self._edit.clicked.connect(lambda: self.open_editor(self.selected_name()))
        self._rename = QPushButton("&Rename…", self)
        self._rename.clicked.connect(lambda: self.rename_glossary(self.selected_name()))
        self._delete = QPushButton("&Delete", self)
        self._delete.clicked.connect(lambda: self.delete_glossary(self.selected_name()))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self._new, self._edit, self._rename, self._delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self._list, 1)
        layout.addLayout(buttons)
        self.refresh()

    # Listing

    def refresh(self, select: str | None = None) -> None:
        select = select or self.selected_name()
        try:
            names = self._store.names()
            active = set(self._store.active_names())
            counts = {BUNDLED_NAME: len(self._store.load(BUNDLED_NAME))}
            for name in names:
                counts[name] = len(self._store.load(name))
        except GlossaryError as error:
            self._prompts.inform(self, "Glossaries", str(error))
            return
        self._list.blockSignals(True)
        self._list.clear()
        for name in [BUNDLED_NAME, *names]:
            built_in = name == BUNDLED_NAME
            label = (
                f"Built-in policy glossary ({counted(counts[name], 'term')}, read-only)"
                if built_in
                else f"{name} ({counted(counts[name], 'term')})"
            )
            item = QListWidgetItem(label)
            item.setData(_NAME_ROLE, name)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if name in active else Qt.CheckState.Unchecked)
            self._list.addItem(item)
            if name == select:
                self._list.setCurrentItem(item)
        self._list.blockSignals(False)
        self._update_buttons()

    def names(self) -> list[str]:
        """Every listed glossary, the bundled one first."""
        return [self._list.item(row).data(_NAME_ROLE) for row in range(self._list.count())]

    def is_checked(self, name: str) -> bool:
        item = self._item(name)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def selected_name(self) -> str | None:
        item = self._list.currentItem()
        return item.data(_NAME_ROLE) if item is not None else None

    def select(self, name: str) -> None:
        item = self._item(name)
        if item is not None:
            self._list.setCurrentItem(item)

    def editor(self) -> GlossaryEditorDialog | None:
        return self._editor

    # Changes

    def create_glossary(self, name: str | None = None) -> bool:
        if name is None:
            name = self._prompts.ask_text(self, "New glossary", "Name of the new glossary:", "")
            if name is None:
                return False
        try:
            self._store.create(name)
        except GlossaryError as error:
            self._prompts.inform(self, "New glossary", str(error))
            return False
        self.refresh(select=name)
        self.glossaries_changed.emit()
        return True

    def rename_glossary(self, old: str | None, new: str | None = None) -> bool:
        if old is None or old == BUNDLED_NAME:
            return False
        if new is None:
            new = self._prompts.ask_text(self, "Rename glossary", f"New name for “{old}”:", old)
            if new is None or new == old:
                return False
        try:
            self._store.rename(old, new)
        except GlossaryError as error:
            self._prompts.inform(self, "Rename glossary", str(error))
            return False
        self.refresh(select=new)
        self.glossaries_changed.emit()
        return True

    def delete_glossary(self, name: str | None) -> bool:
        if name is None or name == BUNDLED_NAME:
            return False
        question = f"Delete glossary “{name}” and all its terms? This cannot be undone."
        if not self._prompts.confirm(self, "Delete glossary", question):
            return False
        try:
            self._store.delete(name)
        except GlossaryError as error:
            self._prompts.inform(self, "Delete glossary", str(error))
            return False
        self.refresh()
        self.glossaries_changed.emit()
        return True

    def set_glossary_active(self, name: str, active: bool) -> None:
        item = self._item(name)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if active else Qt.CheckState.Unchecked)

    def open_editor(self, name: str | None) -> GlossaryEditorDialog | None:
        """The term editor of a user glossary (non-blocking); None for the bundled one."""
        if name is None or name == BUNDLED_NAME:
            return None
        editor = GlossaryEditorDialog(self._store, name, self._pinyin_of, self._prompts, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.terms_changed.connect(lambda _name: self._terms_changed())
        editor.finished.connect(lambda _result: self._editor_closed(editor))
        self._editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: GlossaryEditorDialog) -> None:
        if self._editor is editor:
            self._editor = None

    def _terms_changed(self) -> None:
        self.refresh()
        self.glossaries_changed.emit()

    def _item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(_NAME_ROLE)
        active = self._store.active_names()
        if item.checkState() == Qt.CheckState.Checked:
            chosen = [*active, name] if name not in active else active
        else:
            chosen = [other for other in active if other != name]
        try:
            self._store.set_active(chosen)
        except GlossaryError as error:
            self._prompts.inform(self, "Glossaries", str(error))
            self.refresh()
            return
        self.glossaries_changed.emit()

    def _item(self, name: str) -> QListWidgetItem | None:
        for row in range(self._list.count()):
            item = self._list.item(row)
            if item.data(_NAME_ROLE) == name:
                return item
        return None

    def _update_buttons(self) -> None:
        user_glossary = self.selected_name() not in (None, BUNDLED_NAME)
        for button in (self._edit, self._rename, self._delete):
            button.setEnabled(user_glossary)
