"""The vocabulary as files: Vocabulary ▸ Export…, Import…, Back Up Now, Restore from Backup….

The dialogs are in ``reader/ui/dialogs/`` and are imported when first opened,
not at start-up; they are shown non-modally and deleted when closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from reader.errors import VocabularyError
from reader.ui.prompts import Prompts
from reader.ui.vocabulary_session import VocabularySession
from reader.vocab.store import ImportOutcome
from reader.wording import counted

if TYPE_CHECKING:
    from reader.ui.dialogs.vocabulary_backups import VocabularyBackupsDialog
    from reader.ui.dialogs.vocabulary_export import VocabularyExportDialog
    from reader.ui.dialogs.vocabulary_import import VocabularyImportDialog
    from reader.ui.main_window import MainWindow


class VocabularyFiles(QObject):
    """Export, import, back up and restore the vocabulary of one window."""

    restored = Signal(str)
    """The vocabulary was replaced by a backup (its path)."""

    def __init__(self, window: MainWindow, session: VocabularySession, prompts: Prompts) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._prompts = prompts
        self._dialogs: list[QWidget] = []
        self.export_action = self._new_action(
            "vocabulary_export", "&Export…", self.open_export_dialog
        )
        self.import_action = self._new_action(
            "vocabulary_import", "&Import…", self.open_import_dialog
        )
        self.backup_action = self._new_action("vocabulary_backup", "&Back Up Now", self.back_up_now)
        self.restore_action = self._new_action(
            "vocabulary_restore", "&Restore from Backup…", self.open_backups_dialog
        )
        self._set_enabled(session.store() is not None)
        session.closed.connect(lambda: self._set_enabled(False))

    def _new_action(self, name: str, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _set_enabled(self, on: bool) -> None:
        for action in (
            self.export_action,
            self.import_action,
            self.backup_action,
            self.restore_action,
        ):
            action.setEnabled(on)

    def _keep(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda _object=None, d=dialog: self._dialogs.remove(d) if d in self._dialogs else None
        )
        dialog.show()

    def open_export_dialog(self) -> VocabularyExportDialog | None:
        store = self._session.store()
        if store is None:
            return None
        from reader.ui.dialogs.vocabulary_export import VocabularyExportDialog

        model = self._session.model()
        dialog = VocabularyExportDialog(
            store,
            model.tags(),
            model.articles(),
            self._window.worker(),
            self._window,
            settings=self._window.settings(),
        )
        dialog.exported.connect(
            lambda path, count: self._window.statusBar().showMessage(
                f"Exported {counted(count, 'word')} to {path}", 8000
            )
        )
        self._keep(dialog)
        return dialog

    def open_import_dialog(self) -> VocabularyImportDialog | None:
        store = self._session.store()
        if store is None:
            return None
        from reader.ui.dialogs.vocabulary_import import VocabularyImportDialog

        dialog = VocabularyImportDialog(store, self._window)
        dialog.imported.connect(self._imported)
        self._keep(dialog)
        return dialog

    def _imported(self, outcome: ImportOutcome) -> None:
        self._session.reload()
        self._window.statusBar().showMessage(
            f"Imported: {counted(outcome.added, 'word')} added, {outcome.merged:,} merged", 8000
        )

    def back_up_now(self) -> str | None:
        store = self._session.store()
        if store is None:
            return None
        try:
            path = store.backup()
        except VocabularyError as error:
            self._session.report_error(str(error))
            return None
        self._window.statusBar().showMessage(f"Vocabulary backed up to {path}", 8000)
        return str(path)

    def open_backups_dialog(self) -> VocabularyBackupsDialog | None:
        store = self._session.store()
        if store is None:
            return None
        from reader.ui.dialogs.vocabulary_backups import VocabularyBackupsDialog

        dialog = VocabularyBackupsDialog(
            store,
            lambda question: self._prompts.confirm(self._window, "Vocabulary", question),
            self._window,
        )
        dialog.restored.connect(self._restored)
        self._keep(dialog)
        return dialog

    def _restored(self, path: str) -> None:
        self._session.reload()
        self.restored.emit(path)
        self._window.statusBar().showMessage(f"Vocabulary restored from {path}", 8000)
