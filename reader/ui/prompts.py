"""How the window, its features and their dialogs talk to the learner.

One ``Prompts`` for all of them: a problem is shown in a box that does not
block (the window carries on; the box is window-modal), information inside
a dialog and questions wait for the answer.  Every text is plain text, never
Qt markup.  Tests pass their own functions, so nothing blocks a test run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# The dialogs' classes are imported where a dialog is shown: the window makes its
# Prompts before its first paint, and building those classes' Python types (with
# their enums) would delay it.

APP_TITLE = "Duzhe Reader"


def _show_problem(parent: QWidget | None, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_TITLE, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorBox")
    box.open()


def _show_information(parent: QWidget | None, title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def _ask_for_text(parent: QWidget | None, title: str, label: str, initial: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, initial)
    return text if ok else None


def _choose_file_to_open(parent: QWidget | None, title: str, filters: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def _choose_file_to_save(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


@dataclass(frozen=True, slots=True)
class Prompts:
    """Message boxes, questions and file choosers; tests pass their own functions."""

    warn: Callable[[QWidget | None, str], None] = field(default=_show_problem)
    """Show a problem without blocking (``MainWindow.report_error`` is the one caller)."""
    inform: Callable[[QWidget | None, str, str], None] = field(default=_show_information)
    """Tell something inside a dialog (parent, title, message)."""
    confirm: Callable[[QWidget | None, str, str], bool] = field(default=_ask_yes_no)
    """Ask a yes/no question (parent, title, question); True means go ahead."""
    ask_text: Callable[[QWidget | None, str, str, str], str | None] = field(default=_ask_for_text)
    open_file: Callable[[QWidget | None, str, str], str | None] = field(
        default=_choose_file_to_open
    )
    save_file: Callable[[QWidget | None, str, str, str], str | None] = field(
        default=_choose_file_to_save
    )
