"""How saved words' statuses reach the article view: the rule, without widgets.

With View ▸ Colour Words by Status on, every Chinese word gets a status name
(unsaved words count as new); off, only the statuses that hide a word's
pinyin in "Pinyin above unknown words" (known, ignored) are given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reader.language.han import has_han
from reader.vocab.word import Status

StatusLookup = Callable[[str], "str | None"]
"""Characters -> the status name the view draws, or None (drawn plain)."""

PINYIN_HIDDEN = frozenset({Status.KNOWN, Status.IGNORED})


def status_lookup(statuses: Mapping[str, Status], colour_all: bool) -> StatusLookup:
    """The function the view is given; it reads ``statuses`` as they are when called."""
    if colour_all:

        def coloured(word: str) -> str | None:
            status = statuses.get(word)
            if status is not None:
                return status.value
            return Status.NEW.value if has_han(word) else None

        return coloured

    def pinyin_only(word: str) -> str | None:
        status = statuses.get(word)
        return status.value if status in PINYIN_HIDDEN else None

    return pinyin_only
