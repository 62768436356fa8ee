"""Starting the window: the QApplication, the first paint, screenshot mode, start-up timing.

Start-up is ordered for speed: the window is shown with the article's plain
text first, and only after that first paint is the annotator (jieba, the
CC-CEDICT index, the glossaries) created in the worker.

``READER_STARTUP_TIMING=1`` makes the app print, on stdout, the wall-clock
times (``time.time()``) at which Qt was imported and the application made
(``qt_ready``), the article started opening (``open_started``), the window
was painted with the article (``window_painted``) and hover became ready
(``hover_ready``), then quit; benchmarks/bench_ui_startup.py
reads them and subtracts the moment it started the process.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from reader import paths
from reader.ui import fonts
from reader.ui.pinyin_mode import PinyinMode

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from reader.window_options import WindowOptions

TIMING_ENV = "READER_STARTUP_TIMING"
SCREENSHOT_TIMEOUT_MS = 180_000
EXIT_OK = 0
EXIT_FAILED = 2


class FirstPaintWatcher(QObject):
    """Emits ``painted`` once, just after ``widget`` (or its scroll area's viewport, where
    a scroll area draws its content) has first been painted.

    It watches those two widgets only: a filter on the whole application would run
    Python for every event of the start-up.
    """

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        viewport = widget.viewport() if isinstance(widget, QAbstractScrollArea) else None
        self._watched = [w for w in (widget, viewport) if w is not None]
        self._done = False
        for watched in self._watched:
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            for other in self._watched:
                other.removeEventFilter(self)
            # Queued, so that it fires once this paint has been drawn.
            QTimer.singleShot(0, self.painted.emit)
        return False


def application_icon() -> QIcon:
    from PySide6.QtGui import QIcon  # here: creating its Python type takes 2 ms

    return QIcon(str(paths.bundled_resources_dir() / "icons" / "duzhe-reader.svg"))


def _quiet_offscreen_warnings(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Drop the offscreen platform's notes that it cannot resize or raise windows.

    They mean nothing to a user taking a screenshot; everything else is printed.
    """
    if "does not support propagateSizeHints" in message or "does not support raise" in message:
        return
    print(message, file=sys.stderr)


def create_application(arguments: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        qInstallMessageHandler(_quiet_offscreen_warnings)
    app = QApplication(arguments if arguments is not None else sys.argv[:1])
    app.setApplicationName("Duzhe Reader")
    app.setApplicationDisplayName("Duzhe Reader")
    return app


def run(options: WindowOptions) -> int:
    """Show the window as ``options`` ask and run until it closes; the exit status."""
    app = create_application()
    fonts.start_reading_font_list()  # beside the imports below
    from reader.ui.main_window import MainWindow

    timing = os.environ.get(TIMING_ENV) == "1"
    if timing:
        print(f"qt_ready {time.time():.6f}", flush=True)
    window = MainWindow(cedict_source=options.cedict)
    if timing:
        print(f"open_started {time.time():.6f}", flush=True)
    outcome = {"status": EXIT_OK}

    def fail(message: str) -> None:
        print(f"reader: {message}", file=sys.stderr)
        outcome["status"] = EXIT_FAILED
        window.close()
        app.exit(EXIT_FAILED)

    if options.size is not None:
        window.resize(*options.size)
    if options.pinyin is not None:
        window.set_pinyin_mode(PinyinMode(options.pinyin), remember=False)
    watcher = FirstPaintWatcher(window.view())
    if options.screenshot is not None and options.path is not None:
        # A screenshot of some other article would mislead: fail instead, before
        # any window or message box shows.
        if not window.open_path(options.path):
            print(f"reader: {window.last_error()}", file=sys.stderr)
            window.close()  # stops the worker thread cleanly
            return EXIT_FAILED
        window.show()
    else:
        # Shown, and its layout settled, before the article is put in: the view then
        # has its final size when the text is laid out, so a long article is laid out
        # once and not again for each resize of the docks around it.  Nothing is
        # painted before the event loop runs, so the first paint shows the article.
        window.show()
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        window.open_initial(options.path)

    def begin() -> None:
        # Once the article is on screen the worker starts on the annotator.  The
        # glossary and vocabulary features (their menus, tabs and the vocabulary
        # store) are not needed to read or hover: they are added once hover
        # answers, so this thread is free to show the first annotation at once,
        # and, when the saved annotation answered first, once the full annotator
        # has taken over, so that building them does not slow its load in the
        # worker.  Both take an article that is already annotated into account.
        window.start()

    def install_features() -> None:
        first_time = not window.features_installed()
        window.install_features()
        # Only a reader at the window is asked; a screenshot or a timed run never waits
        # on the question.
        if first_time and options.screenshot is None and not timing:
            window.offer_known_level()

    def install_soon() -> None:
        # After the events already queued (the first hover, a paint) are handled.
        QTimer.singleShot(0, install_features)

    def install_once_loaded() -> None:
        if window.is_annotated() and not window.loading_behind_cache():
            install_soon()  # else annotator_ready comes back here

    window.annotation_finished.connect(install_once_loaded)
    window.annotator_ready.connect(install_once_loaded)
    window.annotation_failed.connect(lambda _message: install_soon())
    window.error_reported.connect(lambda _message: install_soon())

    def show_icon() -> None:
        if app.windowIcon().isNull():
            app.setWindowIcon(application_icon())

    # The command line starts the window with the garbage collector off (reader.cli.run).
    watcher.painted.connect(gc.enable)
    if timing:
        watcher.painted.connect(lambda: print(f"window_painted {time.time():.6f}", flush=True))
    watcher.painted.connect(begin)
    # The icon (title bar, task bar) follows the first paint: loading it, the SVG
    # plugin and the Python types it needs would delay the article by a few ms.
    watcher.painted.connect(show_icon)
    # In case no paint event arrives (hidden platforms, a window started minimised):
    QTimer.singleShot(500, gc.enable)
    QTimer.singleShot(500, begin)
    QTimer.singleShot(500, show_icon)

    if timing:
        # Two milestones: hover answers (perhaps from the saved annotation), and
        # the full annotator has taken over; the window closes after both.
        reached: set[str] = set()

        def milestone(name: str) -> None:
            if name in reached:
                return
            reached.add(name)
            print(f"{name} {time.time():.6f}", flush=True)
            close_once_idle()

        def close_once_idle(*_args: object) -> None:
            # A first opening saves its annotation in the worker after hover answers;
            # closing drops queued jobs, and the next timed run would then not start
            # from the saved annotation as a reader's next start does.
            done = reached >= {"hover_ready", "full_annotator_ready"}
            if done and window.worker().pending() == 0 and window.isVisible():
                window.close()

        window.worker().job_finished.connect(close_once_idle)
        window.worker().job_failed.connect(close_once_idle)

        window.annotation_finished.connect(lambda: milestone("hover_ready"))
        window.annotator_ready.connect(lambda: milestone("full_annotator_ready"))
        window.annotation_failed.connect(fail)

    if options.screenshot is not None:
        target = options.screenshot

        def take_screenshot() -> None:
            window.install_features()  # the shot shows every menu and tab
            app.processEvents()
            image = window.grab()
            if image.isNull() or not image.save(str(target)):
                fail(f"cannot write the screenshot to {target}")
                return
            window.close()

        window.annotation_finished.connect(lambda: QTimer.singleShot(0, take_screenshot))
        window.annotation_failed.connect(fail)
        QTimer.singleShot(
            SCREENSHOT_TIMEOUT_MS, lambda: fail("timed out waiting for the article's annotation")
        )

    status = app.exec()
    return outcome["status"] if outcome["status"] != EXIT_OK else status
