"""Opening files in the window: bad files leave the article open; HTML shows only its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCharFormat
from PySide6.QtWidgets import QMessageBox

from reader.articles import default_article
from reader.textio.reading import read_document
from reader.ui.main_window import MainWindow

from .conftest import ANNOTATION_TIMEOUT_MS

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>河长制简介</title>
<style>body { background: url(file:///etc/passwd); } p::before { content: "注入"; }</style>
<script>document.write("<h1>被注入</h1>"); alert("x");</script>
<link rel="stylesheet" href="file:///etc/passwd">
</head><body>
<h1>河长制</h1>
<p>广州全面推行<a href="file:///etc/passwd">河长制</a>，<b>河湖</b>变清了。</p>
<img src="file:///etc/passwd" alt="图片">
<img src="http://example.com/tracker.png">
<!-- 隐藏的注释 -->
<p>市民满意度&gt;90%&amp;持续提升。</p>
</body></html>
"""


def open_and_wait(qtbot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        assert window.open_path(str(path))


def close_error_boxes(window: MainWindow) -> list[str]:
    texts = []
    for box in window.findChildren(QMessageBox, "errorBox"):
        texts.append(box.text())
        box.close()
    return texts


def bad_files(tmp_path: Path) -> dict[str, Path]:
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t \n", encoding="utf-8")
    folder = tmp_path / "a-folder.txt"
    folder.mkdir()
    return {
        "missing": tmp_path / "no-such-file.txt",
        "binary": png,
        "empty": empty,
        "blank": blank,
        "directory": folder,
    }


@pytest.mark.parametrize("kind", ["missing", "binary", "empty", "blank", "directory"])
def test_a_file_the_core_cannot_read_leaves_the_article_open(
    qtbot, window: MainWindow, tmp_path: Path, kind: str
) -> None:
    path = bad_files(tmp_path)[kind]
    before_text = window.view().text()
    before = window.current_article()

    with qtbot.waitSignal(window.error_reported) as failure:
        assert not window.open_path(str(path))

    message = failure.args[0]
    assert path.name in message
    assert "\n" not in message and "Traceback" not in message
    assert window.current_article() == before
    assert window.view().text() == before_text
    assert window.is_annotated()
    assert message in window.statusBar().currentMessage()
    assert close_error_boxes(window) == [message]


def test_hostile_html_shows_only_its_text(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    decoded = read_document(path).text

    open_and_wait(qtbot, window, path)
    view = window.view()

    assert view.text() == decoded
    assert "".join(view.toPlainText().split()) == "".join(decoded.split())
    for forbidden in ("<", "script", "alert", "passwd", "被注入", "注入", "隐藏的注释", "tracker"):
        assert forbidden not in view.toPlainText()
    assert "市民满意度>90%&持续提升。" in view.toPlainText()
    assert window.current_article().title == "河长制简介"
    assert_plain_document(view)


def assert_plain_document(view) -> None:
    """No images, anchors or HTML in the document: only text with the view's own formats."""
    document = view.document()
    assert not view.acceptRichText()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            char_format: QTextCharFormat = fragment.charFormat()
            assert not char_format.isImageFormat()
            assert not char_format.isAnchor()
            assert not char_format.anchorHref()
            iterator += 1
        block = block.next()
    assert "<img" not in document.toHtml()
    assert "file:///" not in document.toHtml()


def test_html_text_is_hoverable_like_any_article(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    open_and_wait(qtbot, window, path)

    words = [t.text for t in window.view().segmented()]
    assert "河长制" in words


def test_dropping_a_file_opens_it(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "dropped.txt"
    path.write_text("广州的河长制让河湖变清了。", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        window.dropEvent(drop)

    assert drop.isAccepted()
    assert window.view().text() == "广州的河长制让河湖变清了。"
    assert window.current_article().path == str(path.resolve())


def test_dropping_something_that_is_not_a_file_is_refused(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("just text")
    drop = QDropEvent(
        QPointF(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    before = window.current_article()

    window.dropEvent(drop)

    assert not drop.isAccepted()
    assert window.current_article() == before


def test_new_article_from_the_clipboard(qtbot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("城市治理\n\n广州推行河长制，河湖变清了。")

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        qtbot.keyClick(
            window,
            Qt.Key.Key_V,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )

    assert window.view().text() == "城市治理\n\n广州推行河长制，河湖变清了。"
    assert window.current_article().title == "城市治理"
    # Kept as a file of the library, listed there (issue 10: pasted texts were lost).
    saved = window.current_article().path
    assert Path(saved).read_text(encoding="utf-8") == "城市治理\n\n广州推行河长制，河湖变清了。"
    model = window.library().model()
    assert model.row_of(saved) is not None


def test_an_empty_clipboard_is_reported(qtbot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("   ")
    before = window.current_article()

    with qtbot.waitSignal(window.error_reported):
        window.action("open_clipboard").trigger()

    assert window.current_article() == before
    close_error_boxes(window)


def test_opened_files_appear_in_the_recent_menu(qtbot, window: MainWindow, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("第一篇文章。", encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("# 第二篇\n\n文章内容。", encoding="utf-8")
    open_and_wait(qtbot, window, first)
    open_and_wait(qtbot, window, second)

    menu = window.recent_menu()
    menu.aboutToShow.emit()
    paths = [action.text() for action in menu.actions()]

    assert paths[:2] == [str(second.resolve()), str(first.resolve())]
    assert str(default_article().path) not in paths  # bundled articles live in the library

    with qtbot.waitSignal(window.annotation_finished, timeout=ANNOTATION_TIMEOUT_MS):
        menu.actions()[1].trigger()
    assert window.view().text() == "第一篇文章。"
