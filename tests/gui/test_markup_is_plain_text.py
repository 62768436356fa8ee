"""No field of an article, a glossary or the vocabulary can make the window read a file.

Every field below is markup pointing at a canary file.  The window opens the article,
every sidebar tab is shown, every label is painted and every item view's tooltip is
shown; a Linux inotify watch (no strace) proves the canary was never opened.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTabWidget, QToolTip

from reader.glossary.store import GlossaryStore
from reader.glossary.term import GlossaryTerm
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, VocabWord
from tests.gui.conftest import ANNOTATION_TIMEOUT_MS

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the canary watch uses Linux inotify"
)

_IN_ACCESS = 0x001
_IN_OPEN = 0x020


class Canary:
    """A file whose every open or read is recorded by the kernel (inotify)."""

    def __init__(self, path: Path) -> None:
        path.write_bytes(b"\x89PNG\r\n\x1a\n canary")
        self.path = path
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if (
            self._fd < 0
            or libc.inotify_add_watch(self._fd, str(path).encode(), _IN_OPEN | _IN_ACCESS) < 0
        ):
            pytest.skip("inotify is not available here")

    def touched(self) -> bool:
        try:
            return bool(os.read(self._fd, 4096))
        except BlockingIOError:
            return False

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def canary() -> Iterator[Canary]:
    # A short path, so the markup is whole even in a title cut to its maximum length.
    folder = Path(tempfile.mkdtemp(prefix="c", dir="/tmp"))
    watched = Canary(folder / "c.png")
    yield watched
    watched.close()
    shutil.rmtree(folder)


def _markup(canary: Canary, words: str) -> str:
    return f"<img src={canary.path}><b>{words}</b>"


def _every_index(model, parent: QModelIndex = QModelIndex()) -> Iterator[QModelIndex]:  # noqa: B008
    for row in range(model.rowCount(parent)):
        column = 0
        while (index := model.index(row, column, parent)).isValid():
            yield index
            if column == 0 and model.rowCount(index) > 0:
                yield from _every_index(model, index)
            column += 1


def test_no_field_of_an_article_glossary_or_word_is_read_as_markup(
    qtbot, data_dir: Path, tmp_path: Path, canary: Canary, open_glossary_window
) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(
        _markup(canary, "广州城市治理") + "\n\n" + _markup(canary, "广州推进城市治理现代化。"),
        encoding="utf-8",
    )
    glossaries = GlossaryStore()
    glossaries.create(
        "hostile",
        [
            GlossaryTerm(
                term="城市治理",
                pinyin="chéng shì zhì lǐ",
                english=_markup(canary, "urban governance"),
                explanation=_markup(canary, "how a city is run"),
                category="governance",
                example=_markup(canary, "广州推进城市治理现代化。"),
            )
        ],
    )
    glossaries.set_active(["hostile", *glossaries.active_names()])
    with VocabularyStore.open() as vocabulary:
        vocabulary.add(
            VocabWord("城市", definition=_markup(canary, "city"), note=_markup(canary, "n")),
            Context(_markup(canary, "城市治理。"), _markup(canary, "广州")),
        )

    window, features = open_glossary_window()
    with qtbot.waitSignal(features.terms_listed, timeout=ANNOTATION_TIMEOUT_MS):
        assert window.open_path(str(article))
    assert not canary.touched(), "opening the article read the canary"

    for tabs in window.findChildren(QTabWidget):
        for tab in range(tabs.count()):
            tabs.setCurrentIndex(tab)
            QApplication.processEvents()
    for label in window.findChildren(QLabel):
        if str(canary.path) in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText or not QtGui.mightBeRichText(
                label.text()
            ), f"{label.objectName() or label} shows file text as rich text"
        label.grab()
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for index in _every_index(model):
            tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tooltip, str) and tooltip:
                assert "<img" not in tooltip, f"{type(model).__name__} tooltip is raw markup"
                QToolTip.showText(view.mapToGlobal(QPoint(5, 5)), tooltip, view)
                QApplication.processEvents()
        QToolTip.hideText()
    assert window.windowTitle().startswith("<img src=")  # the title was shown, as typed
    assert not canary.touched(), "showing the window's widgets read the canary"
