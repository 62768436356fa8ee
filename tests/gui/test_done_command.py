"""Undo commands for changes made before they are pushed (reader/ui/done_command.py)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from reader.ui.done_command import DoneCommand


class _Count(DoneCommand):
    def __init__(self, made: list[str]) -> None:
        super().__init__("count")
        self._made = made

    def do_again(self) -> None:
        self._made.append("again")

    def undo(self) -> None:
        self._made.append("undone")


def test_pushing_does_not_make_the_change_twice_and_redo_makes_it_again(qapp) -> None:
    made: list[str] = []
    stack = QUndoStack()
    stack.push(_Count(made))
    assert made == []  # already made before the push

    stack.undo()
    stack.redo()
    stack.undo()
    stack.redo()
    assert made == ["undone", "again", "undone", "again"]
