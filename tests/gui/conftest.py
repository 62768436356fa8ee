"""Fixtures shared by the window tests: the annotator and windows that have finished loading.

Building an ``Annotator`` reads CC-CEDICT and jieba's lexicon, so each test module
builds one and its windows share it.  A window counts as open once its first
article is annotated (or, with the glossary features, once its terms are listed),
so a test never looks at a half-loaded window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.annotation.annotator import Annotator
from reader.ui.glossary_features import GlossaryFeatures, install_glossary_features
from reader.ui.main_window import MainWindow
from reader.ui.prompts import Prompts

ANNOTATION_TIMEOUT_MS = 60_000

OpenWindow = Callable[..., MainWindow]
OpenGlossaryWindow = Callable[..., tuple[MainWindow, GlossaryFeatures]]


class RecordingPrompts:
    """Stand-ins for message boxes, questions and file choosers: record, answer as told.

    Texts and file names are taken from the front of ``texts`` and ``files``; a
    question nobody prepared an answer for fails the test instead of blocking it.
    """

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.answer = True
        self.texts: list[str | None] = []
        self.files: list[str | None] = []

    def prompts(self) -> Prompts:
        return Prompts(
            inform=lambda _parent, _title, message: self.messages.append(message),
            confirm=lambda _parent, _title, _question: self.answer,
            ask_text=lambda *_args: self.texts.pop(0),
            open_file=lambda *_args: self.files.pop(0),
            save_file=lambda *_args: self.files.pop(0),
        )


def start_window(qtbot, window: MainWindow, path: str | None = None) -> MainWindow:
    """Open ``path`` (None: what start-up would show) in ``window`` and show it, in the
    order the app does, and wait until that first article is annotated."""
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.open_initial(path)
        window.show()
        window.start()
    return window


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


@pytest.fixture
def open_window(qtbot, annotator: Annotator) -> OpenWindow:
    """Opens a shown window on ``path`` (None: what start-up would show), once annotated."""

    def open_(path: str | None = None) -> MainWindow:
        return start_window(qtbot, MainWindow(annotator=annotator), path)

    return open_


@pytest.fixture
def window(data_dir: Path, open_window: OpenWindow) -> MainWindow:
    """A window on the start-up article, with a fresh data directory."""
    return open_window()


@pytest.fixture
def open_glossary_window(qtbot, annotator: Annotator) -> OpenGlossaryWindow:
    """Opens a shown window with the glossary features, once its article's terms are listed."""

    def open_(prompts: Prompts | None = None) -> tuple[MainWindow, GlossaryFeatures]:
        window = MainWindow(annotator=annotator)
        qtbot.addWidget(window)
        features = install_glossary_features(window, prompts)
        with qtbot.waitSignal(features.terms_listed, timeout=ANNOTATION_TIMEOUT_MS):
            window.open_initial()
            window.show()
            window.start()
        return window, features

    return open_


@pytest.fixture
def recorder() -> RecordingPrompts:
    """Prompts for the glossary features that record what they said and never block."""
    return RecordingPrompts()
