"""What the learner saves: words, the sentences they met them in, and filters over them.

A word is identified by its characters *and* its reading (``WordKey``): 行 saved
as háng (a trade, a row) and as xíng (to go, OK) are two different things to
learn, with different definitions and different progress.  A word saved with no
reading at all (pinyin ``""``, e.g. by "mark all as known") takes the first
reading it is later saved with instead of becoming a second word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from enum import StrEnum

from reader.glossary.validate import is_tone_marked_syllable
from reader.language.han import is_han

_WHITESPACE = re.compile(r"\s+")


class Status(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    KNOWN = "known"
    IGNORED = "ignored"


def one_line(text: str) -> str:
    """Text as stored for a single-line field: NFC, whitespace runs collapsed, no ends."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def clean_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Tags without blanks or repeats, in the order first given.

    Whitespace inside a tag becomes ``_`` because Anki and Pleco separate tags
    by spaces; keeping tags space-free lets every export carry them unchanged.
    """
    cleaned: list[str] = []
    for tag in tags:
        tidy = one_line(tag).replace(" ", "_")
        if tidy and tidy not in cleaned:
            cleaned.append(tidy)
    return tuple(cleaned)


@dataclass(frozen=True, slots=True)
class WordKey:
    """The identity of a saved word: characters plus reading (tone marks, as stored)."""

    simplified: str
    pinyin: str = ""

    def __str__(self) -> str:
        return f"{self.simplified} ({self.pinyin})" if self.pinyin else self.simplified


@dataclass(frozen=True, slots=True)
class Context:
    """A sentence the word was saved from, and the article it came from (one per article)."""

    sentence: str
    article_title: str = ""


@dataclass(frozen=True, slots=True)
class VocabWord:
    simplified: str
    pinyin: str = ""  # tone marks, syllables separated by spaces, as in CC-CEDICT entries
    traditional: str = ""  # "" means the same as simplified
    definition: str = ""
    note: str = ""
    status: Status = Status.NEW
    tags: tuple[str, ...] = ()
    contexts: tuple[Context, ...] = ()
    hsk: int | None = None
    created: datetime | None = None  # set by the store (UTC) when first saved
    updated: datetime | None = None

    @property
    def key(self) -> WordKey:
        return WordKey(self.simplified, self.pinyin)

    @property
    def traditional_or_simplified(self) -> str:
        return self.traditional or self.simplified


@dataclass(frozen=True, slots=True)
class WordState:
    """A word's status before a bulk change, so the change can be undone.

    ``status`` is ``None`` when the word was not saved at all before.
    """

    key: WordKey
    status: Status | None
    updated: datetime | None


@dataclass(frozen=True, slots=True)
class WordFilter:
    """Which words to list or export; every given condition must hold."""

    statuses: frozenset[Status] = field(default_factory=frozenset)  # empty: any status
    tag: str | None = None
    article: str | None = None  # exact article title of one of the word's contexts
    added_since: date | None = None  # created on or after this day (UTC)

    def matches(self, word: VocabWord) -> bool:
        if self.statuses and word.status not in self.statuses:
            return False
        if self.tag is not None and self.tag not in word.tags:
            return False
        if self.article is not None and all(c.article_title != self.article for c in word.contexts):
            return False
        return not (
            self.added_since is not None
            and word.created is not None
            and word.created.astimezone(UTC).date() < self.added_since
        )


def utc_now() -> datetime:
    return datetime.now(UTC)


def merge_words(saved: VocabWord, incoming: VocabWord) -> VocabWord:
    """The saved word with what ``incoming`` adds; the learner's own text is never replaced."""
    articles = {c.article_title for c in saved.contexts}
    created_times = [t for t in (saved.created, incoming.created) if t is not None]
    return replace(
        saved,
        pinyin=saved.pinyin or incoming.pinyin,
        traditional=saved.traditional or incoming.traditional,
        definition=saved.definition or incoming.definition,
        note=saved.note or incoming.note,
        hsk=saved.hsk if saved.hsk is not None else incoming.hsk,
        status=incoming.status if incoming.status is not Status.NEW else saved.status,
        tags=clean_tags(saved.tags + incoming.tags),
        contexts=saved.contexts
        + tuple(c for c in incoming.contexts if c.article_title not in articles),
        created=min(created_times) if created_times else None,
    )


MAX_WORD_CHARACTERS = 32
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Besides syllables, readings in CC-CEDICT use these: "r" for 儿 (一点儿 yī diǎn r),
# the middle dot and comma of names and sayings, "xx" for a reading nobody knows.
_READING_PUNCTUATION = frozenset({"r", "·", ",", "xx"})


def word_problem(word: VocabWord) -> str | None:
    """Why ``word`` cannot be saved, or None: the one check for every way a word gets in.

    A word is Chinese and word-sized; its reading is pinyin with tone marks, as in
    CC-CEDICT; every field is valid Unicode text
    without control characters (NUL would cut the text short in other programs).
    """
    texts = [word.simplified, word.pinyin, word.traditional, word.definition, word.note]
    texts += [*word.tags, *(t for c in word.contexts for t in (c.sentence, c.article_title))]
    for text in texts:
        if not _is_valid_unicode(text):
            return f"the text {text[:20]!r} is not valid Unicode (a lone surrogate)"
        if _CONTROL.search(text.replace("\n", "").replace("\t", "")):
            return f"the text {text[:20]!r} contains a control character"
    characters = word.simplified.strip()
    if not any(is_han(char) for char in characters):
        return f"'{characters[:40]}' has no Chinese characters"
    if len(characters) > MAX_WORD_CHARACTERS:
        return (
            f"a word of {len(characters)} characters is more than a word "
            f"(at most {MAX_WORD_CHARACTERS}); save a sentence as its context instead"
        )
    if not _is_reading_of(word.pinyin, characters):
        return f"'{word.pinyin[:40]}' is not pinyin with tone marks (write hé zhǎng zhì)"
    return None


def _is_valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_reading_of(pinyin: str, characters: str) -> bool:
    """Whether every syllable is pinyin; how many there are is not checked, as CC-CEDICT
    reads some single characters as two syllables (兛 qiān kè)."""
    latin = characters.lower()
    return all(
        # Latin letters in a word (卡拉OK kǎ lā O K) are read as themselves.
        is_tone_marked_syllable(syllable)
        or syllable in _READING_PUNCTUATION
        or syllable.lower() in latin
        for syllable in pinyin.split()
    )
