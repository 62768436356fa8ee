"""The glossary features of the reading window, installed with ``install_glossary_features``.

They add a Glossary tab to the sidebar (the open article's terms by category,
with their occurrences highlighted on demand), a Glossary menu (manage
glossaries, suggest terms, import, export a handout) and View ▸ Underline
Glossary Terms (persisted).

After any change to the glossaries the annotator is rebuilt in the window's
worker with ``Annotator.with_glossaries`` (the dictionary is shared, not
reloaded) and handed to the window, which annotates the open article again
where it is scrolled to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.errors import ReaderError
from reader.glossary.article_terms import CategoryGroup, group_by_category, occurrences_of
from reader.glossary.exchange import read_terms_file
from reader.glossary.store import GlossarySet, GlossaryStore
from reader.ui.main_window import MainWindow
from reader.ui.prompts import Prompts
from reader.ui.sidebar.glossary_tab import GlossaryTab
from reader.wording import counted

if TYPE_CHECKING:  # the dialogs are imported when first opened, not at start-up
    from reader.glossary.suggest import Suggestion
    from reader.ui.dialogs.glossary_import import GlossaryImportDialog
    from reader.ui.dialogs.glossary_manager import GlossaryManagerDialog
    from reader.ui.dialogs.handout_export import HandoutExportDialog
    from reader.ui.dialogs.term_suggestions import TermSuggestionsDialog

SYNC_LISTING_MAX_CHARS = 50_000
"""Longer articles are matched in the worker (about 3 ms per 10,000 characters)."""


class GlossaryFeatures(QObject):
    terms_listed = Signal()
    """The Glossary tab shows the terms of the open, annotated article."""
    glossaries_reloaded = Signal()
    """The annotator was rebuilt for changed glossaries and the article re-annotated."""
    suggestions_shown = Signal(object)
    """The Suggest Terms dialog is open (the dialog)."""

    def __init__(self, window: MainWindow, prompts: Prompts | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._prompts = prompts or Prompts()
        self._store = GlossaryStore()
        self._reload_generation = 0
        self._reannotating = False
        self._listing_generation = 0
        self._manager: GlossaryManagerDialog | None = None
        self._suggestions: TermSuggestionsDialog | None = None
        self._import: GlossaryImportDialog | None = None
        self._handout: HandoutExportDialog | None = None
        self._settings = window.settings()

        self._tab = GlossaryTab(window.sidebar())
        self._tab.setObjectName("glossaryTab")
        window.sidebar().add_tab(self._tab, "Glossary")
        self._tab.occurrences_selected.connect(self._show_occurrences)
        self._tab.selection_cleared.connect(lambda: window.view().set_highlights([], None))

        self._build_actions()
        window.article_loaded.connect(lambda _title: self._tab.clear())
        window.annotation_finished.connect(self._article_annotated)
        self.set_underlined_terms(self._underline_setting())
        if window.is_annotated():
            self._article_annotated()

    # Accessors

    def tab(self) -> GlossaryTab:
        return self._tab

    def store(self) -> GlossaryStore:
        return self._store

    def annotator(self) -> Any:
        """The annotator with the current glossaries (the window's until glossaries change)."""
        return self._window.annotator()

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def manager(self) -> GlossaryManagerDialog | None:
        return self._manager

    def suggestions(self) -> TermSuggestionsDialog | None:
        return self._suggestions

    def import_dialog(self) -> GlossaryImportDialog | None:
        return self._import

    # Underlining

    def set_underlined_terms(self, on: bool) -> None:
        self._window.view().set_underlined_terms(on)
        self._settings.set_underline_glossary_terms(on)
        action = self._actions["underline_glossary_terms"]
        if action.isChecked() != on:
            action.setChecked(on)

    def underlined_terms(self) -> bool:
        return self._actions["underline_glossary_terms"].isChecked()

    def _underline_setting(self) -> bool:
        return self._settings.underline_glossary_terms()

    # The Glossary tab

    def _article_annotated(self) -> None:
        self._list_terms()
        if self._reannotating:
            self._reannotating = False
            self.glossaries_reloaded.emit()

    def _list_terms(self) -> None:
        view = self._window.view()
        annotator = view.annotator()
        if annotator is None or view.segmented() is None:
            return
        self._listing_generation += 1
        generation = self._listing_generation
        text = view.text()
        glossaries = annotator.glossaries

        def find() -> list[CategoryGroup]:
            return group_by_category(occurrences_of(glossaries.find_terms(text)))

        def listed(groups: list[CategoryGroup]) -> None:
            if generation == self._listing_generation and self._window.view().text() == text:
                self._tab.set_groups(groups)
                self.terms_listed.emit()

        if len(text) <= SYNC_LISTING_MAX_CHARS:
            listed(find())  # a few milliseconds: quicker than a round trip through the worker
        else:
            self._window.worker().submit(find, listed, self._tell_failure("Glossary"))

    def _show_occurrences(self, ranges: list[tuple[int, int]], current: int) -> None:
        self._window.view().set_highlights(ranges, current)

    # Re-annotating after glossary changes

    def reload_glossaries(self) -> None:
        """Rebuild the annotator from the active glossaries, in the worker, and re-annotate."""
        base = self.annotator()
        if base is None:
            return  # the window will create its annotator from the active glossaries
        self._reload_generation += 1
        generation = self._reload_generation

        def rebuilt(annotator: Any) -> None:
            if generation != self._reload_generation:
                return  # a later change is on its way
            # announced once the open article has been annotated with it
            self._reannotating = self._window.current_article() is not None
            self._window.set_annotator(annotator)
            if not self._reannotating:
                self.glossaries_reloaded.emit()

        self._window.worker().submit(
            lambda: base.with_glossaries(GlossarySet.load_active()),
            rebuilt,
            self._tell_failure("Glossaries"),
        )

    # Menu actions

    def open_manager(self) -> GlossaryManagerDialog:
        if self._manager is None:
            from reader.ui.dialogs.glossary_manager import GlossaryManagerDialog

            self._manager = GlossaryManagerDialog(
                self._store, self._pinyin_of, self._prompts, self._window
            )
            self._manager.glossaries_changed.connect(self.reload_glossaries)
        self._manager.refresh()
        self._manager.open()
        return self._manager

    def suggest_terms(self) -> bool:
        """Compute suggestions in the worker, then show them; False if the article is not ready."""
        view = self._window.view()
        annotator, segmented = view.annotator(), view.segmented()
        if annotator is None or segmented is None:
            self._prompts.inform(
                self._window, "Suggest terms", "Wait until the article is annotated."
            )
            return False

        def job() -> list[Suggestion]:
            from reader.glossary.suggest import suggest_terms

            return suggest_terms(
                segmented,
                annotator.dictionary.__contains__,
                annotator.glossaries,
                reading=lambda word: annotator.describe(word).pinyin,
            )

        self._window.worker().submit(job, self._show_suggestions, self._tell_failure("Suggest"))
        return True

    def _show_suggestions(self, suggestions: list[Suggestion]) -> None:
        if self._suggestions is not None:
            self._suggestions.close()
        from reader.ui.dialogs.term_suggestions import TermSuggestionsDialog

        dialog = TermSuggestionsDialog(
            suggestions, self._store, self._pinyin_of, self._prompts, self._window
        )
        dialog.term_added.connect(lambda _glossary, _term: self.reload_glossaries())
        self._suggestions = dialog
        dialog.open()
        self.suggestions_shown.emit(dialog)

    def choose_import_file(self) -> None:
        from reader.ui.dialogs.glossary_import import IMPORT_FILTER

        path = self._prompts.open_file(self._window, "Import glossary", IMPORT_FILTER)
        if path:
            self.import_file(path)

    def import_file(self, path: str | Path) -> GlossaryImportDialog | None:
        """Check every row of ``path`` and show the preview; nothing is written yet."""
        source = Path(path)
        try:
            result = read_terms_file(source)
        except ReaderError as error:
            self._prompts.inform(self._window, "Import glossary", str(error))
            return None
        from reader.ui.dialogs.glossary_import import GlossaryImportDialog

        dialog = GlossaryImportDialog(source, result, self._store, self._prompts, self._window)
        dialog.imported.connect(self._imported)
        self._import = dialog
        dialog.open()
        return dialog

    def _imported(self, glossary: str, added: int, replaced: int) -> None:
        self._window.statusBar().showMessage(
            f"Imported into “{glossary}”: {counted(added, 'new term')}, {replaced} replaced", 10000
        )
        self.reload_glossaries()

    def export_handout(self) -> HandoutExportDialog | None:
        annotator = self.annotator()
        try:
            active = annotator.glossaries if annotator is not None else self._store.active_set()
        except ReaderError as error:
            self._prompts.inform(self._window, "Export handout", str(error))
            return None
        article = self._window.current_article()
        from reader.ui.dialogs.handout_export import HandoutExportDialog

        dialog = HandoutExportDialog(
            active,
            article.title if article is not None else "",
            article.text if article is not None else None,
            self._window.worker(),
            self._prompts,
            self._window,
            reader=annotator,
            article_path=article.path if article is not None else None,
            settings=self._window.settings(),
        )
        dialog.exported.connect(
            lambda path, terms: self._window.statusBar().showMessage(
                f"Wrote a handout of {terms} terms to {path}", 10000
            )
        )
        self._handout = dialog
        dialog.open()
        return dialog

    # Helpers

    def _pinyin_of(self, word: str) -> tuple[str, ...]:
        annotator = self.annotator()
        return annotator.describe(word).pinyin if annotator is not None and word else ()

    def _tell_failure(self, title: str) -> Callable[[str], None]:
        return lambda message: self._window.report_error(f"{title}: {message}")

    def _build_actions(self) -> None:
        window = self._window
        specs: list[tuple[str, str, Callable[[], object]]] = [
            ("manage_glossaries", "&Manage Glossaries…", self.open_manager),
            ("suggest_glossary_terms", "&Suggest Terms from This Article…", self.suggest_terms),
            ("import_glossary", "&Import Glossary…", self.choose_import_file),
            ("export_handout", "Export &Handout…", self.export_handout),
        ]
        self._actions: dict[str, QAction] = {}
        menu = QMenu("&Glossary", window)
        menu.setObjectName("glossaryMenu")
        for name, text, handler in specs:
            action = QAction(text, window)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False, h=handler: h())
            menu.addAction(action)
            self._actions[name] = action
        underline = QAction("&Underline Glossary Terms", window)
        underline.setObjectName("underline_glossary_terms")
        underline.setCheckable(True)
        underline.setChecked(True)
        underline.toggled.connect(self.set_underlined_terms)
        self._actions[underline.objectName()] = underline

        window.menus().add_feature_menu(menu)
        window.menus().add_view_option(underline)
        self._menu = menu


def install_glossary_features(
    window: MainWindow, prompts: Prompts | None = None
) -> GlossaryFeatures:
    """Add the Glossary tab, menu and View option to ``window``; ``prompts`` for tests."""
    return GlossaryFeatures(window, prompts)
