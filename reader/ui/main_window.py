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

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader import articles, paths
from reader.annotation.startup import (
    AnnotatedArticle,
    AnnotatorStartup,
    CachedStart,
    StartPhase,
    StartStep,
    annotate_article,
    full_annotator_for,
    load_full_annotator,
    save_article_annotation,
    start_from_cache,
)
from reader.errors import ReaderError
from reader.textio.reading import decode_bytes, is_book_path, read_document
from reader.ui import fonts
from reader.ui.article_view import ArticleView
from reader.ui.background_worker import BackgroundWorker
from reader.ui.book_shelf import BookShelf
from reader.ui.dock_collapse import DockCollapse
from reader.ui.library_panel import LibraryPanel
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.prompts import Prompts
from reader.ui.settings import Settings
from reader.ui.sidebar import Sidebar
from reader.ui.tab_order import follow_in_tab_order
from reader.ui.theme import Theme, apply_theme
from reader.ui.window_menus import WindowMenus
from reader.wording import counted

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

    from reader.annotation.word_info import WordAnnotator
    from reader.ui.find_bar import FindBar
    from reader.ui.glossary_features import GlossaryFeatures
    from reader.ui.known_level import KnownLevel
    from reader.ui.reading_correction_features import ReadingCorrectionFeatures
    from reader.ui.speech_features import SpeechFeatures
    from reader.ui.vocabulary_features import VocabularyFeatures

DEFAULT_FONT_POINT_SIZE = 16.0
OPEN_FILTER = (
    "Articles, books and documents (*.txt *.md *.markdown *.html *.htm *.epub *.pdf);;"
    "Books (*.epub);;Documents (*.pdf);;All files (*)"
)
CLIPBOARD_NAME = "clipboard.txt"


@dataclass(frozen=True, slots=True)
class OpenArticle:
    """The article on screen: ``path`` is None for a text that could not be saved."""

    title: str
    text: str
    path: str | None
    chapter: int | None = None
    """The chapter (from 0) when the text is a chapter of the book at ``path``."""


class MainWindow(QMainWindow):
    """The reading window.  Call ``start()`` after ``show()`` to load the annotator."""

    article_loaded = Signal(str)
    """An article's plain text is on screen (its title)."""
    annotation_finished = Signal()
    """The open article is segmented, its statistics shown and hover ready."""
    annotation_failed = Signal(str)
    annotator_ready = Signal()
    """A full annotator answers from now on (loaded, given, or rebuilt for new glossaries)."""
    error_reported = Signal(str)
    """Something went wrong and the learner was told (the one-line message)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        annotator: WordAnnotator | None = None,
        cedict_source: Path | None = None,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings or Settings()
        # The style, palette and style sheet are set before any widget is made:
        # set afterwards, every widget would be polished a second time.
        self._dark = self._apply_theme(self._settings.theme())
        self._prompts = prompts or Prompts()
        self._startup = AnnotatorStartup(annotator)
        self._cedict_source = paths.chosen_cedict(cedict_source, self._settings.cedict_path())
        self._worker = BackgroundWorker(self)
        self._shelf = BookShelf(self._worker, self)
        # Progress is saved (and the library row updated) once scrolling pauses.
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(400)
        self._progress_timer.timeout.connect(self._save_progress_live)
        self._article: OpenArticle | None = None
        self._generation = 0
        self._awaiting_view_generation: int | None = None
        self._annotated_generation: int | None = None
        self._last_error = ""
        self._pending_error = ""
        self._restore_fraction: float | None = None
        self._glossary_features: GlossaryFeatures | None = None
        self._vocabulary_features: VocabularyFeatures | None = None
        self._known_level: KnownLevel | None = None
        self._reading_corrections: ReadingCorrectionFeatures | None = None
        self._speech_features: SpeechFeatures | None = None

        self.setWindowTitle("Duzhe Reader")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self._view = ArticleView(self)
        self._find_bar: FindBar | None = None  # built when first asked for
        centre = QWidget(self)
        self._centre_layout = QVBoxLayout(centre)
        self._centre_layout.setContentsMargins(0, 0, 0, 0)
        self._centre_layout.setSpacing(0)
        self._centre_layout.addWidget(self._view, 1)
        self.setCentralWidget(centre)

        self._library = LibraryPanel(self)
        self._library_dock = self._dock(self._library, "Library", "libraryDock")
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._library_dock)
        self._sidebar = Sidebar(self)
        self._sidebar_dock = self._dock(self._sidebar, "Sidebar", "sidebarDock")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._sidebar_dock)
        # Folds the panels away in a narrow window, so the text keeps a readable column.
        self._dock_collapse = DockCollapse(
            self, self._view, [self._library_dock, self._sidebar_dock], self._settings
        )
        self.setTabOrder(self._view, self._sidebar)
        self.setTabOrder(self._sidebar, self._library)

        self._menus = WindowMenus(self)

        self._library.article_chosen.connect(self._open_from_library)
        self._library.chapter_chosen.connect(self._open_chapter_from_library)
        self._shelf.library_failed.connect(lambda text: self.statusBar().showMessage(text, 15000))
        self._shelf.chapters_prepared.connect(self._update_library_rows)
        self.statusBar().setContentsMargins(4, 0, 0, 0)  # messages not against the edge
        self.statusBar().addPermanentWidget(self._shelf.progress_bar())
        self._view.verticalScrollBar().valueChanged.connect(lambda _: self._progress_timer.start())
        self.annotation_finished.connect(self._read_book_ahead)
        self._view.annotation_applied.connect(self._view_applied_annotation)
        self._view.dictionary_search_requested.connect(self.show_dictionary_search)

        self._restore_preferences()
        self._refresh_library()

    # Public accessors (tests and other features)

    def view(self) -> ArticleView:
        return self._view

    def find_bar(self) -> FindBar:
        """The find bar under the article (hidden until asked for), built on first use."""
        if self._find_bar is None:
            from reader.ui.find_bar import FindBar

            self._find_bar = FindBar(self._view, self._worker, self)
            self._find_bar.hide()
            self._centre_layout.addWidget(self._find_bar)
            # Where it was when the window made it: after the sidebar, before the library.
            follow_in_tab_order(self._sidebar, self._find_bar)
        return self._find_bar

    def sidebar(self) -> Sidebar:
        return self._sidebar

    def library(self) -> LibraryPanel:
        return self._library

    def settings(self) -> Settings:
        return self._settings

    def worker(self) -> BackgroundWorker:
        return self._worker

    def annotator(self) -> WordAnnotator | None:
        return self._startup.annotator

    def current_article(self) -> OpenArticle | None:
        return self._article

    def is_annotated(self) -> bool:
        """Whether the open article's annotation is in the view (hover works)."""
        return self._article is not None and self._annotated_generation == self._generation

    def prompts(self) -> Prompts:
        """How this window asks and tells; features use the same."""
        return self._prompts

    def last_error(self) -> str:
        return self._last_error

    def install_features(self) -> None:
        """Add the glossary and vocabulary features (once); the window keeps them."""
        if self._glossary_features is not None:
            return
        # Imported here: they are not needed for the first paint.
        from reader.ui.glossary_features import install_glossary_features
        from reader.ui.known_level import install_known_level
        from reader.ui.reading_correction_features import install_reading_corrections
        from reader.ui.speech_features import install_speech_features
        from reader.ui.vocabulary_features import install_vocabulary_features

        self._glossary_features = install_glossary_features(self)
        self._vocabulary_features = install_vocabulary_features(self)
        self._known_level = install_known_level(self, self._vocabulary_features)
        # Edit ▸ Undo is the vocabulary's undo stack: a correction is undone there too
        self._reading_corrections = install_reading_corrections(
            self, self._vocabulary_features.saving().undo_stack()
        )
        self._speech_features = install_speech_features(self)

    def loading_behind_cache(self) -> bool:
        """Whether a cached annotator answers while the full one loads (``AnnotatorStartup``)."""
        return self._startup.loading_behind_cache()

    def features_installed(self) -> bool:
        return self._glossary_features is not None

    def speech_features(self) -> SpeechFeatures | None:
        """Hearing the article, once ``install_features`` ran."""
        return self._speech_features

    def offer_known_level(self) -> None:
        """Ask once, at first start, which HSK levels the reader knows (see KnownLevel)."""
        if self._known_level is not None:
            self._known_level.offer_on_first_run()

    def menus(self) -> WindowMenus:
        """The menus and the places where features add their own."""
        return self._menus

    def readable_column(self) -> float:
        """The least width the article view keeps by folding the side panels away."""
        return self._dock_collapse.min_column()

    def library_dock(self) -> QDockWidget:
        return self._library_dock

    def sidebar_dock(self) -> QDockWidget:
        return self._sidebar_dock

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
            self.report_error(str(error))
            return
        self.open_path(str(default.path))

    def start(self) -> None:
        """Create the shared annotator in the worker (once), then annotate the open article."""
        open_text = self._article.text if self._article is not None else None
        step = self._startup.start(open_text)
        if step is StartStep.ALREADY_STARTED:
            return
        if fonts.pick_cjk_family() is None:
            self._show_missing_font_notice()
        given = self._startup.annotator
        if step is StartStep.USE_GIVEN and given is not None:
            self.set_annotator(given)
            return
        self.statusBar().showMessage("Loading the dictionary…")
        if step is StartStep.FULL or open_text is None:
            self._create_full_annotator()
            return
        source = self._cedict_source
        self._worker.submit(
            lambda: start_from_cache(source, open_text),
            self._cached_start_ready,
            lambda _message: self._create_full_annotator(),
        )

    def _create_full_annotator(self) -> None:
        source = self._cedict_source
        self._worker.submit(
            lambda: load_full_annotator(source), self.set_annotator, self._annotator_failed
        )

    def _cached_start_ready(self, start: CachedStart | None) -> None:
        open_text = self._article.text if self._article is not None else None
        if start is None or not self._startup.cached_start_arrived(start, open_text):
            self._create_full_annotator()
            return
        cached = start.annotator
        self._sidebar.set_dictionary_annotator(cached, self._worker)
        self._annotation_ready(self._generation, start.article)
        self._worker.submit(
            lambda: full_annotator_for(cached),
            lambda full: self.set_annotator(full) if self._startup.full_arrived(cached) else None,
            self._annotator_failed,
        )

    # Opening articles

    def open_path(
        self, path: str, scroll_fraction: float | None = None, chapter: int | None = None
    ) -> bool:
        """Open the file at ``path`` (of a book: ``chapter``, else where the reader stopped);
        False (with a message) when the core cannot read it.  A PDF is read in the worker:
        True then means it is being read, and ``error_reported`` says if it cannot be."""
        if is_book_path(path):
            return self._open_book(path, chapter, scroll_fraction)
        try:
            document = read_document(path)
        except ReaderError as error:
            self.report_error(str(error))
            return False
        resolved = str(document.path.resolve()) if document.path is not None else path
        if scroll_fraction is None:
            scroll_fraction = self._settings.progress(resolved)
        self._show_article(OpenArticle(document.title, document.text, resolved), scroll_fraction)
        if articles.article_for_path(resolved) is None:
            self._settings.remember_opened(resolved, document.title)
        self._shelf.record_article(resolved, document.title, document.format.value)
        self._refresh_library()
        return True

    def _open_book(self, path: str, chapter: int | None, scroll_fraction: float | None) -> bool:
        resolved = str(Path(path).resolve())
        if self._shelf.needs_loading(resolved):  # a long PDF must not freeze the window
            self.statusBar().showMessage(f"Reading {Path(resolved).name}…")
            self._shelf.load(
                resolved,
                lambda: self._open_book(resolved, chapter, scroll_fraction),
                self._book_failed,
            )
            return True
        try:
            opened = self._shelf.open_chapter(resolved, chapter)
        except ReaderError as error:
            self.report_error(str(error))
            return False
        fraction = opened.fraction if scroll_fraction is None else scroll_fraction
        article = OpenArticle(opened.title, opened.text, resolved, opened.chapter)
        self._show_article(article, fraction)
        self._settings.remember_opened(resolved, opened.book.title)
        self._refresh_library()
        return True

    def _book_failed(self, message: str) -> None:
        self.report_error(message)
        if self._article is None:  # it was to be the first thing shown: show the bundled one
            with contextlib.suppress(ReaderError):  # nothing to show; the window says so already
                self.open_path(str(articles.default_article().path))

    def _open_chapter_from_library(self, path: str, chapter: int) -> None:
        article = self._article
        if article is None or article.path != path or article.chapter != chapter:
            self.open_path(path, chapter=chapter)

    def _open_from_library(self, path: str) -> None:
        # A click can also count as activation: open once, and not again if already open.
        if self._article is None or self._article.path != path:
            self.open_path(path)

    def open_text(self, text: str, name: str = CLIPBOARD_NAME) -> bool:
        """Show ``text`` as an article without a file (clipboard, drops of text)."""
        try:
            document = decode_bytes(text.encode("utf-8"), name)
        except ReaderError as error:
            self.report_error(str(error))
            return False
        # Saved as a file of the library, so that it can be read again after a restart.
        saved = self._shelf.add_pasted(document.text, document.title)
        self._show_article(OpenArticle(document.title, document.text, saved), 0.0)
        self._refresh_library()
        return True

    def open_from_clipboard(self) -> bool:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error("The clipboard holds no text to read.")
            return False
        return self.open_text(text)

    def choose_file(self) -> None:
        start_dir = ""
        if self._article is not None and self._article.path is not None:
            start_dir = str(Path(self._article.path).parent)
        from PySide6.QtWidgets import QFileDialog  # here: not needed for the first paint

        path, _filter = QFileDialog.getOpenFileName(self, "Open article", start_dir, OPEN_FILTER)
        if path:
            self.open_path(path)

    def cedict_source(self) -> Path | None:
        """The CC-CEDICT file in use or to be loaded; None for the bundled one."""
        return self._cedict_source

    def choose_dictionary_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

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
        current = self._startup.annotator
        if current is None:
            self.report_error("The dictionary is still loading; try again in a moment.")
            return
        source = Path(path) if path else None

        def load() -> WordAnnotator:
            from reader.annotation.annotator import Annotator
            from reader.dictionary.index import CedictIndex

            return Annotator(CedictIndex.load(source), current.glossaries, current.corrections)

        def loaded(annotator: WordAnnotator) -> None:
            self._settings.set_cedict_path(str(source) if source else None)
            self._cedict_source = source
            self.set_annotator(annotator)
            entries = annotator.dictionary.entry_count
            self.statusBar().showMessage(f"Dictionary: {entries:,} CC-CEDICT entries", 10000)

        self.statusBar().showMessage("Loading the dictionary…")
        self._worker.submit(
            load, loaded, lambda message: self.report_error(f"Dictionary not changed: {message}")
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
        self._library.model().set_current_path(article.path or "", article.chapter)
        self._shelf.stop_reading_ahead()
        if article.path is not None:  # a text that could not be saved cannot come back
            self._settings.set_last_article(article.path, scroll_fraction)
        self.article_loaded.emit(article.title)
        self._annotate_open_article()

    def _annotate_open_article(self) -> None:
        if self._article is None:
            return
        annotator = self._startup.annotator
        text = self._article.text
        if annotator is None or not self._startup.can_annotate(text):
            self.statusBar().showMessage("Loading the dictionary…")
            return  # set_annotator comes back here
        self.statusBar().showMessage("Annotating…")
        generation = self._generation
        saving = self._startup.saves_annotations()

        def annotated(result: AnnotatedArticle) -> None:
            if saving:  # after the text is shown: reading every token takes a moment
                self._worker.submit(
                    lambda: save_article_annotation(annotator, result),
                    finish_before_exit=True,  # closing at once must not lose the quick start
                )
            self._annotation_ready(generation, result)

        self._worker.submit(
            lambda: annotate_article(annotator, text),
            annotated,
            lambda message: self._annotation_error(generation, message),
        )

    def _annotation_ready(self, generation: int, result: AnnotatedArticle) -> None:
        if generation != self._generation:
            return  # another article was opened meanwhile
        self._sidebar.article_tab().set_stats(result.stats)
        self.statusBar().showMessage(f"Ready: {counted(result.stats.words, 'word')}")
        fraction = self._restore_fraction
        if fraction is None:
            fraction = self._view.scroll_fraction()
        self._restore_fraction = None
        self._awaiting_view_generation = generation
        annotator = self._startup.annotator
        assert annotator is not None  # results come only from an annotator
        self._view.set_annotation(result.segmented, annotator)
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
        self.report_error(f"Could not annotate the article: {message}")
        self.annotation_failed.emit(message)

    def set_annotator(self, annotator: WordAnnotator) -> None:
        """Use ``annotator`` from now on (e.g. rebuilt for changed glossaries).

        The open article is annotated again at the place it is scrolled to,
        and its statistics recomputed, unless ``AnnotatorStartup.use`` says
        the new annotator would read it exactly as shown.
        """
        segmented = self._view.segmented()
        on_screen = segmented if self.is_annotated() else None
        replacement = self._startup.use(annotator, on_screen)
        self._sidebar.set_dictionary_annotator(annotator, self._worker)
        self.annotator_ready.emit()
        if not replacement.reannotate and segmented is not None:
            self._view.set_annotation(segmented, annotator)
            return
        if self._article is not None:
            self._generation += 1  # results of the old annotator are stale
            if self._restore_fraction is None:  # else a saved position is still to come back
                self._restore_fraction = self._view.scroll_fraction()
        self._annotate_open_article()

    def _annotator_failed(self, message: str) -> None:
        self.report_error(f"The dictionary could not be loaded: {message}")
        self.annotation_failed.emit(message)

    def report_error(self, message: str) -> None:
        """Tell the learner what went wrong: the one path for problems, from the window
        and from every feature.  The status bar shows it, ``error_reported`` carries it,
        and a box that does not block says it (once the window is shown)."""
        self._last_error = message
        self.statusBar().showMessage(message, 15000)
        self.error_reported.emit(message)
        if self.isVisible():
            self._prompts.warn(self, message)
        else:
            self._pending_error = message  # shown with the window

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_error:
            message, self._pending_error = self._pending_error, ""
            QTimer.singleShot(0, lambda: self._prompts.warn(self, message))

    # Library and progress

    def _refresh_library(self) -> None:
        article = self._article
        path, chapter = (article.path, article.chapter) if article is not None else (None, None)
        items = self._shelf.items(self._settings, path, chapter)
        self._library.set_items(items, path or "", chapter)

    def _save_progress(self) -> None:
        if self._article is None or self._article.path is None:
            return
        fraction = self._view.scroll_fraction()
        if self._article.chapter is None:  # a chapter's place is the library's to keep
            self._settings.set_progress(self._article.path, fraction)
        self._settings.set_last_article(self._article.path, fraction)
        self._shelf.save_progress(self._article.path, self._article.chapter, fraction)

    def _save_progress_live(self) -> None:
        article = self._article
        if article is None or article.path is None or self._restore_fraction is not None:
            return  # nothing to keep, or the saved place is still to be restored
        self._save_progress()
        self._update_library_rows(article.path)

    def _update_library_rows(self, path: str) -> None:
        article = self._article
        chapter = article.chapter if article is not None else None
        for item in self._shelf.items(self._settings, path, chapter):
            if item.path == path:
                self._library.model().update_item(item)

    def _read_book_ahead(self) -> None:
        article = self._article
        if article is None or not article.path or article.chapter is None:
            return
        annotator = self._startup.annotator
        if self._startup.phase is StartPhase.READY and annotator is not None:
            # only a full annotator reads any text (a cached one knows the open chapter)
            self._shelf.read_ahead(article.path, article.chapter, annotator)

    # Reading preferences

    def set_pinyin_mode(self, mode: PinyinMode, remember: bool = True) -> None:
        """Show pinyin as ``mode`` says; saved in the settings unless ``remember`` is False."""
        self._view.set_pinyin_mode(mode)
        if remember:
            self._settings.set_pinyin_mode(mode)
        self._menus.pinyin_actions[mode].setChecked(True)
        combo_index = self._menus.pinyin_combo.findData(mode.value)
        if self._menus.pinyin_combo.currentIndex() != combo_index:
            self._menus.pinyin_combo.setCurrentIndex(combo_index)
        self.statusBar().showMessage(mode.label, 2000)

    def cycle_pinyin_mode(self) -> None:
        self.set_pinyin_mode(self._view.pinyin_mode().next())

    def set_tone_colours(self, on: bool) -> None:
        self._view.set_tone_colours(on)
        self._settings.set_tone_colours(on)
        self._menus.legend.setVisible(on)
        if self._menus.tone_action.isChecked() != on:
            self._menus.tone_action.setChecked(on)

    def set_theme(self, theme: Theme) -> None:
        self._dark = self._apply_theme(theme)
        self._settings.set_theme(theme)
        self._show_theme(theme)

    @staticmethod
    def _apply_theme(theme: Theme) -> bool:
        """Give the application ``theme``; True when it is dark."""
        app = QApplication.instance()
        return isinstance(app, QApplication) and apply_theme(app, theme)

    def _show_theme(self, theme: Theme) -> None:
        self._menus.legend.set_dark(self._dark)
        self._menus.theme_actions[theme].setChecked(True)

    def _show_missing_font_notice(self) -> None:
        """Say, for as long as the window is open, why characters show as boxes.

        A permanent part of the status bar: a status message would be replaced at
        once by the next one ("Loading the dictionary…").
        """
        if self.findChild(QLabel, "missingFontNotice") is not None:
            return
        notice = QLabel(fonts.missing_font_message(), self)
        notice.setObjectName("missingFontNotice")
        notice.setTextFormat(Qt.TextFormat.PlainText)
        notice.setToolTip(fonts.missing_font_message())
        self.statusBar().addPermanentWidget(notice, 1)

    def show_dictionary_search(self, query: str) -> None:
        self._sidebar_dock.show()
        self._sidebar.show_dictionary_search(query)

    def show_find_bar(self) -> None:
        bar = self.find_bar()
        bar.show()
        bar.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def zoom_in(self) -> None:
        self._view.zoom_in()
        self._settings.set_font_point_size(self._view.font_point_size())

    def zoom_out(self) -> None:
        self._view.zoom_out()
        self._settings.set_font_point_size(self._view.font_point_size())

    def reset_zoom(self) -> None:
        self._view.reset_zoom()
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
        self._show_theme(self._settings.theme())  # applied when the window was made
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

    def recent_menu(self) -> QMenu:
        return self._menus.recent_menu()

    def show_about(self) -> None:
        annotator = self._startup.annotator
        metadata = annotator.dictionary.metadata if annotator is not None else None
        from reader.ui.about import show_about  # a dialog: not needed for the first paint

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
        # Read the file again first: a setting is saved only when it differs from
        # the saved one, and another window may have saved its own since; the
        # window closed last is the one the next start restores.
        self._settings.sync()
        self._save_progress()
        self._settings.set_geometry(self.saveGeometry())
        self._settings.set_window_state(self.saveState())
        self._settings.set_font_point_size(self._view.font_point_size())
        self._settings.sync()
        self._worker.shutdown()
        super().closeEvent(event)


def _local_files(urls: list[QUrl]) -> list[str]:
    return [url.toLocalFile() for url in urls if url.isLocalFile() and url.toLocalFile()]
