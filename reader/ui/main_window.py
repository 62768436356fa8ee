"""The main window: the article view in the middle, the library and the sidebar around it.

Opening an article shows its plain text at once; segmentation (the slow
part) runs in the worker, and the view is given the tokens when they are
ready.  The annotator is created once, in the worker, right after the window
is first shown, and shared by everything.  When the annotation cache holds
the open article (it usually does: every article the full annotator reads is
saved there), a ``CachedAnnotator`` answers hover at once and the full
annotator, which loads jieba and pypinyin, takes over quietly about a second
later.  Files the core cannot read leave the open article as it is and say
why in a message box and the status bar.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from reader import articles
from reader.errors import ReaderError
from reader.textio.reading import decode_bytes, read_document
from reader.ui import fonts
from reader.ui.about import show_about
from reader.ui.annotation_worker import AnnotationWorker
from reader.ui.article_view import ArticleView
from reader.ui.find_bar import FindBar
from reader.ui.library_panel import LibraryItem, LibraryPanel
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.settings import Settings
from reader.ui.sidebar import Sidebar
from reader.ui.theme import Theme, apply_theme
from reader.ui.tone_colours import ToneLegend

DEFAULT_FONT_POINT_SIZE = 16.0
OPEN_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
CLIPBOARD_NAME = "clipboard.txt"
_Choice = TypeVar("_Choice", PinyinMode, Theme)  # a setting picked from a View menu


@dataclass(frozen=True, slots=True)
class OpenArticle:
    """The article on screen: ``path`` is None for one pasted from the clipboard."""

    title: str
    text: str
    path: str | None


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """What the worker hands back for one article."""

    segmented: Any  # SegmentedText
    stats: Any  # ArticleStats


def _create_annotator(cedict_source: Path | None) -> Any:
    # Imported here, in the worker, so that jieba and the dictionary load after
    # the window has been painted.  The cyclic collector is paused meanwhile:
    # loading makes a million objects and no cycles, and each collection it
    # would set off walks all of them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from reader.annotation.annotator import Annotator

        return Annotator.create(cedict_source)
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True)
class CachedStart:
    """The open article annotated from the cache, before the full annotator exists."""

    annotator: Any  # CachedAnnotator
    article: AnnotatedArticle


def _start_from_cache(cedict_source: Path | None, text: str) -> CachedStart | None:
    from reader.annotation.cached_annotator import load_cached_annotator

    try:
        annotator = load_cached_annotator(text, cedict_source)
    except ReaderError:
        return None  # the full annotator meets the same problem and reports it
    if annotator is None:
        return None
    return CachedStart(annotator, _annotate(annotator, text))


def _full_annotator_for(cached: Any) -> Any:
    """The full annotator over the cached one's dictionary and glossaries (same results)."""
    collecting = gc.isenabled()
    gc.disable()  # as in _create_annotator
    try:
        return cached.with_glossaries(cached.glossaries)
    finally:
        if collecting:
            gc.enable()


def _save_annotation(annotator: Any, segmented: Any) -> None:
    from reader.annotation.cache import save_annotation

    annotator.read_ahead(segmented)  # so that no hover or paint waits for the polyphone model
    save_annotation(annotator, segmented)


def _annotate(annotator: Any, text: str) -> AnnotatedArticle:
    from reader.annotation.stats import compute_article_stats
    from reader.language.hsk import hsk_level

    segmented = annotator.segment(text)
    dictionary = annotator.dictionary
    glossaries = annotator.glossaries

    def in_dictionary(word: str) -> bool:
        return word in dictionary or glossaries.lookup(word) is not None

    stats = compute_article_stats(segmented, hsk_level=hsk_level, in_dictionary=in_dictionary)
    return AnnotatedArticle(segmented, stats)


class MainWindow(QMainWindow):
    """The reading window.  Call ``start()`` after ``show()`` to load the annotator."""

    article_loaded = Signal(str)
    """An article's plain text is on screen (its title)."""
    annotation_finished = Signal()
    """The open article is segmented, its statistics shown and hover ready."""
    annotation_failed = Signal(str)
    annotator_ready = Signal()
    open_failed = Signal(str)
    """A file could not be opened (the one-line reason); the previous article stays."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        annotator: Any = None,
        cedict_source: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings or Settings()
        self._annotator = annotator
        # the annotator is a CachedAnnotator until the full one has loaded
        self._provisional = False
        chosen = self._settings.cedict_path()
        # --cedict and READER_CEDICT win over the setting (they are given for this run)
        self._cedict_source = cedict_source or (
            Path(chosen) if chosen and not os.environ.get("READER_CEDICT") else None
        )
        self._worker = AnnotationWorker(self)
        self._article: OpenArticle | None = None
        self._generation = 0
        self._awaiting_view_generation: int | None = None
        self._annotated_generation: int | None = None
        self._last_error = ""
        self._pending_error = ""
        self._restore_fraction: float | None = None
        self._started = False

        self.setWindowTitle("Duzhe Reader")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self._view = ArticleView(self)
        self._find_bar = FindBar(self._view, self)
        self._find_bar.hide()
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self._view, 1)
        centre_layout.addWidget(self._find_bar)
        self.setCentralWidget(centre)

        self._library = LibraryPanel(self)
        self._library_dock = self._dock(self._library, "Library", "libraryDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._library_dock)
        self._sidebar = Sidebar(self)
        self._sidebar_dock = self._dock(self._sidebar, "Sidebar", "sidebarDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._sidebar_dock)
        self.setTabOrder(self._view, self._sidebar)
        self.setTabOrder(self._sidebar, self._library)

        self._legend = ToneLegend(self)
        self._pinyin_combo = QComboBox(self)
        self._pinyin_combo.setToolTip("Pinyin display (Ctrl+P cycles)")
        for mode in PinyinMode:
            self._pinyin_combo.addItem(mode.label, mode.value)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()

        self._library.article_chosen.connect(self._open_from_library)
        self._view.annotation_applied.connect(self._view_applied_annotation)
        self._view.dictionary_search_requested.connect(self.show_dictionary_search)

        self._restore_preferences()
        self._refresh_library()

    # Public accessors (tests and other features)

    def view(self) -> ArticleView:
        return self._view

    def find_bar(self) -> FindBar:
        return self._find_bar

    def sidebar(self) -> Sidebar:
        return self._sidebar

    def library(self) -> LibraryPanel:
        return self._library

    def settings(self) -> Settings:
        return self._settings

    def worker(self) -> AnnotationWorker:
        return self._worker

    def annotator(self) -> Any:
        return self._annotator

    def current_article(self) -> OpenArticle | None:
        return self._article

    def is_annotated(self) -> bool:
        """Whether the open article's annotation is in the view (hover works)."""
        return self._article is not None and self._annotated_generation == self._generation

    def last_error(self) -> str:
        return self._last_error

    def action(self, name: str) -> QAction:
        """One of the window's actions by object name (``open``, ``cycle_pinyin``, ...)."""
        found = self.findChild(QAction, name)
        if found is None:
            raise KeyError(name)
        return found

    # Start-up

    def open_initial(self, path: str | None = None) -> None:
        """Show ``path``, else the last article at its scroll position, else the bundled one."""
        if path is not None and self.open_path(path):
            return
        last = self._settings.last_article()
        if last is not None and os.path.isfile(last[0]) and self.open_path(last[0], last[1]):
            return
        try:
            default = articles.default_article()
        except ReaderError as error:
            self._report_error(str(error))
            return
        self.open_path(str(default.path))

    def start(self) -> None:
        """Create the shared annotator in the worker (once), then annotate the open article."""
        if self._started:
            return
        self._started = True
        family = fonts.pick_cjk_family()
        if family is None:
            self.statusBar().showMessage(fonts.missing_font_message(), 30000)
        if self._annotator is not None:
            self._annotator_created(self._annotator)
            return
        self.statusBar().showMessage("Loading the dictionary…")
        if self._article is None:
            self._create_full_annotator()
            return
        source, text = self._cedict_source, self._article.text
        self._worker.submit(
            lambda: _start_from_cache(source, text),
            self._cached_start_ready,
            lambda _message: self._create_full_annotator(),
        )

    def _create_full_annotator(self) -> None:
        source = self._cedict_source
        self._worker.submit(
            lambda: _create_annotator(source), self._annotator_created, self._annotator_failed
        )

    def _cached_start_ready(self, start: CachedStart | None) -> None:
        article = self._article
        if (
            start is None
            or self._annotator is not None
            or article is None
            or not start.annotator.covers(article.text)
        ):
            self._create_full_annotator()
            return
        cached = start.annotator
        self._annotator = cached
        self._provisional = True
        self._sidebar.dictionary_search().set_annotator(cached, self._worker.submit)
        self._annotation_ready(self._generation, start.article)
        self._worker.submit(
            lambda: _full_annotator_for(cached),
            lambda full: self._full_annotator_loaded(cached, full),
            self._annotator_failed,
        )

    def _full_annotator_loaded(self, cached: Any, full: Any) -> None:
        if self._annotator is cached:  # else a newer annotator (glossaries, dictionary) took over
            self.set_annotator(full)

    # Opening articles

    def open_path(self, path: str, scroll_fraction: float | None = None) -> bool:
        """Open the file at ``path``; False (with a message) when the core cannot read it."""
        try:
            document = read_document(path)
        except ReaderError as error:
            self._report_error(str(error))
            return False
        resolved = str(document.path.resolve()) if document.path is not None else path
        if scroll_fraction is None:
            scroll_fraction = self._settings.progress(resolved)
        self._show_article(OpenArticle(document.title, document.text, resolved), scroll_fraction)
        if articles.article_for_path(resolved) is None:
            self._settings.remember_opened(resolved, document.title)
        self._refresh_library()
        return True

    def _open_from_library(self, path: str) -> None:
        # A click can also count as activation: open once, and not again if already open.
        if self._article is None or self._article.path != path:
            self.open_path(path)

    def open_text(self, text: str, name: str = CLIPBOARD_NAME) -> bool:
        """Show ``text`` as an article without a file (clipboard, drops of text)."""
        try:
            document = decode_bytes(text.encode("utf-8"), name)
        except ReaderError as error:
            self._report_error(str(error))
            return False
        self._show_article(OpenArticle(document.title, document.text, None), 0.0)
        return True

    def open_from_clipboard(self) -> bool:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self._report_error("The clipboard holds no text to read.")
            return False
        return self.open_text(text)

    def choose_file(self) -> None:
        start_dir = ""
        if self._article is not None and self._article.path is not None:
            start_dir = str(Path(self._article.path).parent)
        path, _filter = QFileDialog.getOpenFileName(self, "Open article", start_dir, OPEN_FILTER)
        if path:
            self.open_path(path)

    def cedict_source(self) -> Path | None:
        """The CC-CEDICT file in use or to be loaded; None for the bundled one."""
        return self._cedict_source

    def choose_dictionary_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Use a CC-CEDICT file", "", "CC-CEDICT (*.u8 *.txt *.gz);;All files (*)"
        )
        if path:
            self.use_dictionary_file(path)

    def use_dictionary_file(self, path: str | None) -> None:
        """Switch to the CC-CEDICT file at ``path`` (None: the bundled one) and remember it.

        The index is built in the worker; a file that cannot be read is
        reported and the current dictionary stays.
        """
        current = self._annotator
        if current is None:
            self._report_error("The dictionary is still loading; try again in a moment.")
            return
        source = Path(path) if path else None

        def load() -> Any:
            from reader.annotation.annotator import Annotator
            from reader.dictionary.index import CedictIndex

            return Annotator(CedictIndex.load(source), current.glossaries)

        def loaded(annotator: Any) -> None:
            self._settings.set_cedict_path(str(source) if source else None)
            self._cedict_source = source
            self.set_annotator(annotator)
            entries = annotator.dictionary.entry_count
            self.statusBar().showMessage(f"Dictionary: {entries:,} CC-CEDICT entries", 10000)

        self.statusBar().showMessage("Loading the dictionary…")
        self._worker.submit(
            load, loaded, lambda message: self._report_error(f"Dictionary not changed: {message}")
        )

    def _show_article(self, article: OpenArticle, scroll_fraction: float) -> None:
        self._save_progress()
        self._generation += 1
        self._article = article
        self._view.set_text(article.text)
        self._view.set_scroll_fraction(scroll_fraction)
        # A long document is still being laid out, so the fraction is applied
        # again once the annotation arrives.
        self._restore_fraction = scroll_fraction
        self.setWindowTitle(f"{article.title} — Duzhe Reader")
        self._sidebar.article_tab().set_title(article.title)
        self._sidebar.article_tab().clear_stats()
        self._library.model().set_current_path(article.path or "")
        if article.path is not None:  # a pasted text cannot come back next time
            self._settings.set_last_article(article.path, scroll_fraction)
        self.article_loaded.emit(article.title)
        self._annotate_open_article()

    def _annotate_open_article(self) -> None:
        if self._article is None:
            return
        annotator = self._annotator
        text = self._article.text
        if annotator is None or (self._provisional and not annotator.covers(text)):
            self.statusBar().showMessage("Loading the dictionary…")
            return  # set_annotator comes back here
        self.statusBar().showMessage("Annotating…")
        generation = self._generation
        saving = not self._provisional

        def annotated(result: AnnotatedArticle) -> None:
            if saving:  # after the text is shown: reading every token takes a moment
                self._worker.submit(lambda: _save_annotation(annotator, result.segmented))
            self._annotation_ready(generation, result)

        self._worker.submit(
            lambda: _annotate(annotator, text),
            annotated,
            lambda message: self._annotation_error(generation, message),
        )

    def _annotation_ready(self, generation: int, result: AnnotatedArticle) -> None:
        if generation != self._generation:
            return  # another article was opened meanwhile
        self._sidebar.article_tab().set_stats(result.stats)
        self.statusBar().showMessage(f"Ready: {result.stats.words:,} words")
        fraction = self._restore_fraction
        if fraction is None:
            fraction = self._view.scroll_fraction()
        self._restore_fraction = None
        self._awaiting_view_generation = generation
        self._view.set_annotation(result.segmented, self._annotator)
        self._view.set_scroll_fraction(fraction)
        if self._awaiting_view_generation == generation:
            # The view said nothing yet: it applies annotation synchronously.
            QTimer.singleShot(0, lambda: self._finish_annotation(generation))

    def _view_applied_annotation(self) -> None:
        if self._awaiting_view_generation is not None:
            self._finish_annotation(self._awaiting_view_generation)

    def _finish_annotation(self, generation: int) -> None:
        if generation != self._generation or self._annotated_generation == generation:
            return
        self._awaiting_view_generation = None
        self._annotated_generation = generation
        self.annotation_finished.emit()

    def _annotation_error(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._report_error(f"Could not annotate the article: {message}")
        self.annotation_failed.emit(message)

    def _annotator_created(self, annotator: Any) -> None:
        self.set_annotator(annotator)

    def set_annotator(self, annotator: Any) -> None:
        """Use ``annotator`` from now on (e.g. rebuilt for changed glossaries).

        The open article is annotated again at the place it is scrolled to,
        and its statistics recomputed; but the full annotator that replaces a
        ``CachedAnnotator`` over the same dictionary and glossaries would find
        the same tokens and readings, so it is swapped in without a re-read.
        """
        provisional = self._annotator if self._provisional else None
        self._provisional = False
        self._annotator = annotator
        self._sidebar.dictionary_search().set_annotator(annotator, self._worker.submit)
        self.annotator_ready.emit()
        segmented = self._view.segmented()
        if (
            provisional is not None
            and segmented is not None
            and self.is_annotated()
            and provisional.covers(segmented.text)
            and annotator.dictionary is provisional.dictionary
            and annotator.glossaries is provisional.glossaries
        ):
            self._view.set_annotation(segmented, annotator)
            return
        if self._article is not None:
            self._generation += 1  # results of the old annotator are stale
            if self._restore_fraction is None:  # else a saved position is still to come back
                self._restore_fraction = self._view.scroll_fraction()
        self._annotate_open_article()

    def _annotator_failed(self, message: str) -> None:
        self._report_error(f"The dictionary could not be loaded: {message}")
        self.annotation_failed.emit(message)

    def _report_error(self, message: str) -> None:
        """Say what went wrong without blocking: status bar plus a window-modal box."""
        self._last_error = message
        self.statusBar().showMessage(message, 15000)
        self.open_failed.emit(message)
        if self.isVisible():
            self._show_error_box(message)
        else:
            self._pending_error = message  # shown with the window

    def _show_error_box(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Duzhe Reader", message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("errorBox")
        box.open()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_error:
            message, self._pending_error = self._pending_error, ""
            QTimer.singleShot(0, lambda: self._show_error_box(message))

    # Library and progress

    def _refresh_library(self) -> None:
        items = [
            LibraryItem(str(info.path), info.title, self._settings.progress(str(info.path)), True)
            for info in articles.bundled_articles()
        ]
        bundled = {item.path for item in items}
        items += [
            LibraryItem(opened.path, opened.title, opened.progress, False)
            for opened in self._settings.opened_articles()
            if opened.path not in bundled
        ]
        current = self._article.path if self._article is not None else ""
        self._library.set_items(items, current or "")

    def _save_progress(self) -> None:
        if self._article is None or self._article.path is None:
            return
        fraction = self._view.scroll_fraction()
        self._settings.set_progress(self._article.path, fraction)
        self._settings.set_last_article(self._article.path, fraction)

    # Reading preferences

    def set_pinyin_mode(self, mode: PinyinMode) -> None:
        self._view.set_pinyin_mode(mode)
        self._settings.set_pinyin_mode(mode)
        self._pinyin_actions[mode].setChecked(True)
        combo_index = self._pinyin_combo.findData(mode.value)
        if self._pinyin_combo.currentIndex() != combo_index:
            self._pinyin_combo.setCurrentIndex(combo_index)
        self.statusBar().showMessage(mode.label, 2000)

    def cycle_pinyin_mode(self) -> None:
        self.set_pinyin_mode(self._view.pinyin_mode().next())

    def set_tone_colours(self, on: bool) -> None:
        self._view.set_tone_colours(on)
        self._settings.set_tone_colours(on)
        self._legend.setVisible(on)
        if self._tone_action.isChecked() != on:
            self._tone_action.setChecked(on)

    def set_theme(self, theme: Theme) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            dark = apply_theme(app, theme)
            self._legend.set_dark(dark)
        self._settings.set_theme(theme)
        self._theme_actions[theme].setChecked(True)

    def show_dictionary_search(self, query: str) -> None:
        self._sidebar_dock.show()
        self._sidebar.show_dictionary_search(query)

    def show_find_bar(self) -> None:
        self._find_bar.show()
        self._find_bar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _zoom(self, how: str) -> None:
        getattr(self._view, how)()
        self._settings.set_font_point_size(self._view.font_point_size())

    def _restore_preferences(self) -> None:
        geometry = self._settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        state = self._settings.window_state()
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks(
                [self._library_dock, self._sidebar_dock], [220, 300], Qt.Orientation.Horizontal
            )
        size = self._settings.font_point_size() or DEFAULT_FONT_POINT_SIZE
        self._view.set_font_point_size(size)
        self.set_pinyin_mode(self._settings.pinyin_mode())
        self.set_tone_colours(self._settings.tone_colours())
        theme = self._settings.theme()
        self.set_theme(theme)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self._settings.theme() is Theme.SYSTEM:
            self.set_theme(Theme.SYSTEM)

    # Actions, menus, toolbar

    def _dock(self, widget: QWidget, title: str, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        return dock

    def _new_action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _new_choice_actions(
        self, prefix: str, choices: type[_Choice], choose: Callable[[_Choice], None]
    ) -> dict[_Choice, QAction]:
        """One checkable action per choice, only one checked at a time, named ``prefix_value``."""
        group = QActionGroup(self)
        actions: dict[_Choice, QAction] = {}
        choice: _Choice
        for choice in choices:
            action = self._new_action(f"{prefix}_{choice.value}", choice.label)
            action.setCheckable(True)
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked=False, c=choice: choose(c))
            actions[choice] = action
        return actions

    def _build_actions(self) -> None:
        self._open_action = self._new_action("open", "&Open…", QKeySequence.StandardKey.Open)
        self._open_action.triggered.connect(self.choose_file)
        self._clipboard_action = self._new_action(
            "open_clipboard", "New Article from &Clipboard", "Ctrl+Shift+V"
        )
        self._clipboard_action.triggered.connect(self.open_from_clipboard)
        self._quit_action = self._new_action("quit", "&Quit", QKeySequence.StandardKey.Quit)
        self._dictionary_file_action = self._new_action("dictionary_file", "Use CC-CEDICT &File…")
        self._dictionary_file_action.triggered.connect(self.choose_dictionary_file)
        self._bundled_dictionary_action = self._new_action(
            "bundled_dictionary", "Use the &Bundled CC-CEDICT"
        )
        self._bundled_dictionary_action.triggered.connect(lambda: self.use_dictionary_file(None))
        self._quit_action.triggered.connect(self.close)

        self._cycle_action = self._new_action("cycle_pinyin", "Cycle &Pinyin Display", "Ctrl+P")
        self._cycle_action.triggered.connect(self.cycle_pinyin_mode)
        self._pinyin_actions = self._new_choice_actions("pinyin", PinyinMode, self.set_pinyin_mode)
        self._pinyin_combo.activated.connect(
            lambda index: self.set_pinyin_mode(PinyinMode(self._pinyin_combo.itemData(index)))
        )

        self._tone_action = self._new_action("tone_colours", "&Tone Colours")
        self._tone_action.setCheckable(True)
        self._tone_action.toggled.connect(self.set_tone_colours)

        self._zoom_in_action = self._new_action(
            "zoom_in", "Zoom &In", QKeySequence.StandardKey.ZoomIn
        )
        self._zoom_in_action.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self._zoom_in_action.triggered.connect(lambda: self._zoom("zoom_in"))
        self._zoom_out_action = self._new_action(
            "zoom_out", "Zoom &Out", QKeySequence.StandardKey.ZoomOut
        )
        self._zoom_out_action.setShortcuts([QKeySequence("Ctrl+-")])
        self._zoom_out_action.triggered.connect(lambda: self._zoom("zoom_out"))
        self._zoom_reset_action = self._new_action("zoom_reset", "&Reset Zoom", "Ctrl+0")
        self._zoom_reset_action.triggered.connect(lambda: self._zoom("reset_zoom"))

        self._theme_actions = self._new_choice_actions("theme", Theme, self.set_theme)

        self._find_action = self._new_action("find", "&Find…", QKeySequence.StandardKey.Find)
        self._find_action.triggered.connect(self.show_find_bar)
        self._about_action = self._new_action("about", "&About Duzhe Reader")
        self._about_action.triggered.connect(self._show_about)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._open_action)
        self._recent_menu = QMenu("Open &Recent", self)
        self._recent_menu.setObjectName("recentMenu")
        self._recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self._recent_menu)
        file_menu.addAction(self._clipboard_action)
        file_menu.addSeparator()
        file_menu.addAction(self._dictionary_file_action)
        file_menu.addAction(self._bundled_dictionary_action)
        file_menu.addSeparator()
        file_menu.addAction(self._quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self._find_action)

        view_menu = self.menuBar().addMenu("&View")
        pinyin_menu = view_menu.addMenu("&Pinyin")
        for action in self._pinyin_actions.values():
            pinyin_menu.addAction(action)
        pinyin_menu.addSeparator()
        pinyin_menu.addAction(self._cycle_action)
        view_menu.addAction(self._tone_action)
        view_menu.addSeparator()
        view_menu.addAction(self._zoom_in_action)
        view_menu.addAction(self._zoom_out_action)
        view_menu.addAction(self._zoom_reset_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("T&heme")
        for action in self._theme_actions.values():
            theme_menu.addAction(action)
        view_menu.addSeparator()
        library_toggle = self._library_dock.toggleViewAction()
        library_toggle.setText("Show &Library")
        library_toggle.setObjectName("show_library")
        view_menu.addAction(library_toggle)
        sidebar_toggle = self._sidebar_dock.toggleViewAction()
        sidebar_toggle.setText("Show &Sidebar")
        sidebar_toggle.setObjectName("show_sidebar")
        view_menu.addAction(sidebar_toggle)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._about_action)

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self._open_action)
        toolbar.addAction(self._clipboard_action)
        toolbar.addSeparator()
        toolbar.addWidget(self._pinyin_combo)
        toolbar.addAction(self._tone_action)
        toolbar.addWidget(self._legend)
        toolbar.addSeparator()
        toolbar.addAction(self._zoom_out_action)
        toolbar.addAction(self._zoom_in_action)
        toolbar.addAction(self._find_action)

    def recent_menu(self) -> QMenu:
        return self._recent_menu

    def _fill_recent_menu(self) -> None:
        self._recent_menu.clear()
        recent = self._settings.recent_files()
        for path in recent:
            action = self._recent_menu.addAction(path)
            action.setEnabled(os.path.isfile(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not recent:
            empty = self._recent_menu.addAction("No recent files")
            empty.setEnabled(False)

    def _show_about(self) -> None:
        metadata = self._annotator.dictionary.metadata if self._annotator is not None else None
        show_about(self, metadata)

    # Drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])
        else:
            event.ignore()

    # Closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_progress()
        self._settings.set_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.set_font_point_size(self._view.font_point_size())
        self._settings.sync()
        self._worker.shutdown()
        super().closeEvent(event)


def _local_files(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]
