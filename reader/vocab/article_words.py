"""From a word met in an article to a saved word, and back from a saved word to the article.

The reading window saves words with what the learner saw: the reading in
context, the matching dictionary definition and the sentence around the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from reader.language.han import has_han
from reader.language.script import to_simplified, to_traditional
from reader.vocab.word import Context, Status, VocabWord

if TYPE_CHECKING:
    # the annotator loads jieba and pypinyin: not for the window's start-up path
    from reader.annotation.word_info import WordInfo

STATUS_KEYS: dict[int, Status] = {
    1: Status.NEW,
    2: Status.LEARNING,
    3: Status.KNOWN,
    4: Status.IGNORED,
}
"""The number keys of the reading window and the status each one sets."""


def word_from_info(info: WordInfo, status: Status = Status.NEW) -> VocabWord:
    """The word as the learner met it: reading in context and the definition for that reading.

    The definition is the senses of the first CC-CEDICT entry whose reading is the
    one in context; without such an entry, the glossary's English; without either,
    the first entry's senses.  A word met in traditional characters is saved under
    its simplified form with the traditional as written.
    """
    pinyin = " ".join(info.pinyin)
    matching = [entry for entry in info.entries if entry.pinyin.lower() == pinyin.lower()]
    definition = ""
    traditional = ""
    if matching:
        definition = "; ".join(matching[0].senses)
        traditional = matching[0].traditional
    elif info.glossary is not None:
        definition = info.glossary.english
    elif info.entries:
        definition = "; ".join(info.entries[0].senses)
        traditional = info.entries[0].traditional
    if not pinyin and info.entries:
        pinyin = info.entries[0].pinyin
    written = info.token.text
    simplified = to_simplified(written)
    if not traditional:
        # a word CC-CEDICT lacks (a glossary term such as 河长制): the text's own
        # traditional form, or OpenCC's
        traditional = written if written != simplified else to_traditional(simplified)
    return VocabWord(
        simplified=simplified,
        pinyin=pinyin,
        traditional="" if traditional == simplified else traditional,
        definition=definition,
        status=status,
        hsk=info.hsk,
    )


def context_for(sentence: str, article_title: str) -> Context | None:
    """The context to save with a word, or None when there is no sentence."""
    return Context(sentence, article_title) if sentence.strip() else None


def remaining_words(words: Iterable[str], statuses: Mapping[str, Status]) -> list[str]:
    """The Chinese words, in order and without repeats, that are not saved with any status.

    These are what "mark all remaining words as known" marks: words already saved
    (new, learning, known or ignored) keep the status the learner gave them.
    """
    return [word for word in dict.fromkeys(words) if word not in statuses and has_han(word)]


def find_context(text: str, sentence: str, word: str) -> tuple[int, int] | None:
    """Where ``word`` is inside ``sentence`` in ``text``: its (start, end), or None.

    Stored sentences have their whitespace collapsed to single spaces, so the
    sentence is matched with any run of whitespace where it has a space.  When the
    word is not inside the sentence found, the sentence's range is returned; when
    the sentence is not found, the first occurrence of the word.
    """
    if not word:
        return None
    start = -1
    parts = [re.escape(part) for part in sentence.split(" ") if part]
    if parts:
        found = re.search(r"\s+".join(parts), text)
        if found is not None:
            within = text.find(word, found.start(), found.end())
            start = within if within >= 0 else found.start()
            if within < 0:
                return (start, start + len(found.group(0)))
    if start < 0:
        start = text.find(word)
    return None if start < 0 else (start, start + len(word))
