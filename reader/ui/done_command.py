"""Undo commands for changes that are made first and pushed onto the undo stack after.

``QUndoStack.push`` calls ``redo`` at once; for a change already made (saved to
its store, shown on screen) that call must not make it a second time.  Later
redos, after an undo, make it again.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


class DoneCommand(QUndoCommand):
    """A change already made: ``redo`` does nothing when pushed, then ``do_again``."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.do_again()

    def do_again(self) -> None:
        """Make the change once more, after an undo."""
        raise NotImplementedError
