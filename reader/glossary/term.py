"""One glossary term."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    term: str  # simplified characters, as the term appears in texts
    pinyin: str  # tone marks, one syllable per character, space-separated
    english: str  # a concise rendering
    explanation: str = ""  # 1 to 3 sentences in English for a learner
    category: str = ""
    related: tuple[str, ...] = ()
    in_cedict: bool = False
    example: str = ""  # a sentence from an article, added by teachers' tools
    glossary: str = ""  # name of the glossary this term comes from ("bundled" or a user's)
    variants: tuple[str, ...] = ()  # other spellings found in texts (a misprint, an older form)
    source: str = ""  # the publication a fact or an official English rendering comes from

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its variant spellings: every form a text may write it in."""
        return (self.term, *self.variants)
