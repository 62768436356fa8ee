"""What to say when reading aloud: the text cut into sentences, each with its place.

Engines are given one sentence at a time, so that pausing, stopping and
highlighting follow the article and a word the engine reports (by its offset in
the sentence) maps back to its offset in the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.glossary.sentences import sentence_bounds


@dataclass(frozen=True, slots=True)
class Utterance:
    """``text`` is the article's ``[start, end)``."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def utterances_from(text: str, offset: int) -> list[Utterance]:
    """The sentences of ``text`` from the one holding ``offset`` to the end."""
    return [
        Utterance(text[start:end], start) for start, end in sentence_bounds(text) if end > offset
    ]


def sentence_utterance(text: str, offset: int) -> Utterance | None:
    """The sentence holding ``offset`` (or the next one after blank space); None at the end."""
    following = utterances_from(text, offset)
    return following[0] if following else None
