"""The vocabulary's undo commands: what Edit ▸ Undo and Redo do to saved words.

Each command is pushed after its action is done (``DoneCommand``) and calls
back into ``VocabularySession``, which owns the store and keeps the table,
colours and counts in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from reader.ui.done_command import DoneCommand
from reader.vocab.word import VocabWord, WordState
from reader.wording import counted

if TYPE_CHECKING:
    from reader.ui.vocabulary_session import VocabularySession


class SaveWordCommand(DoneCommand):
    """Saving a word from the article (A, or a status key 1-4): undo puts back what was
    there before, so a word that was not saved leaves the vocabulary again.

    A status key pressed right after A on the same word merges into the one
    command: Undo then takes the whole save back.
    """

    MERGE_ID = 1

    def __init__(
        self,
        session: VocabularySession,
        before: VocabWord | None,
        after: VocabWord,
        text: str = "",
    ) -> None:
        super().__init__(text)
        self._session = session
        self._before = before
        self._after = after
        self._from_article = not text  # a save from the article (A or a status key)
        if not text:
            self._name()

    def _name(self) -> None:
        word = self._after.simplified
        if self._before is None:
            self.setText(f"Save {word} ({self._after.status.value})")
        else:
            self.setText(f"Mark {word} as {self._after.status.value}")

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802  (Qt's name)
        """A status key on the word just saved with A: one save, one undo."""
        if not (isinstance(other, SaveWordCommand) and self._from_article):
            return False
        if not other._from_article or other._before is None:
            return False
        if self._before is not None or other._before.key != self._after.key:
            return False
        self._after = other._after
        self._name()
        return True

    def do_again(self) -> None:
        self._session.replace_word(self._before, self._after)

    def undo(self) -> None:
        self._session.replace_word(self._after, self._before)


class RemoveWordsCommand(DoneCommand):
    """Undo puts the removed words back whole (contexts, tags, note, dates)."""

    def __init__(self, session: VocabularySession, removed: list[VocabWord]) -> None:
        names = ", ".join(word.simplified for word in removed[:3])
        super().__init__(f"Delete {names}" + ("…" if len(removed) > 3 else ""))
        self._session = session
        self._removed = removed

    def do_again(self) -> None:
        self._session.remove_words(self._removed)

    def undo(self) -> None:
        self._session.restore_words(self._removed)


class MarkKnownCommand(DoneCommand):
    def __init__(self, session: VocabularySession, words: list[str], states: list[WordState]):
        super().__init__(f"Mark {counted(len(words), 'word')} as known")
        self._session = session
        self._words = words
        self._states = states

    def do_again(self) -> None:
        self._states = self._session.mark_known(self._words) or []

    def undo(self) -> None:
        self._session.restore_states(self._states)
