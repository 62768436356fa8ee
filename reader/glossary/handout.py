"""What a glossary handout says, whatever it is printed with.

A handout has a title block, one entry per term (the term with its pinyin,
English, explanation and one short example sentence with the term marked),
and optionally the article with pinyin over every character and the terms
underlined, and a quiz with its answer key.  ``handout_html`` and
``handout_pdf`` print the same ``Handout``; nothing here knows about either.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from reader.glossary.matching import TermMatch, TermMatcher
from reader.glossary.sentences import SentenceFinder
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.tokens import SegmentedText

EXAMPLE_MAX_CHARS = 60
"""Longer sentences are cut to the clauses around the term: a learner reads one line."""

QUIZ_MAX_ITEMS = 20
"""A quiz fits on one page; a longer list gets a sample of its terms."""

QUIZ_PROMPT_MAX_CHARS = 48
"""An English prompt longer than this wraps; twenty two-line prompts overflow the page,
so the sample prefers terms whose English fits one line."""

_CLAUSE_END = re.compile(r"[，,、：:；;]")


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class QuizKind(StrEnum):
    NONE = "none"
    ENGLISH = "english"  # the terms are given, the learner writes the English
    TERMS = "terms"  # the English is given, the learner writes the term


@dataclass(frozen=True, slots=True)
class MarkedText:
    """A piece of text with the spans (start, end) to highlight in it."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class HandoutEntry:
    term: GlossaryTerm
    count: int = 0  # occurrences in the article, 0 without one
    example: MarkedText = MarkedText("")  # one short sentence, the term marked in it


@dataclass(frozen=True, slots=True)
class RubyPiece:
    """Characters read together: a word, or the part of a word inside or outside a term."""

    text: str
    syllables: tuple[str, ...]  # one per character, "" over characters that are not Han
    in_term: bool  # part of a glossary term: underlined
    starts_word: bool  # a new word begins here: the layout leaves a little space before it


RubyParagraph = tuple[RubyPiece, ...]


@dataclass(frozen=True, slots=True)
class QuizItem:
    prompt: str
    prompt_pinyin: str  # the term's pinyin when the prompt is the term, else ""
    answer: str


@dataclass(frozen=True, slots=True)
class Handout:
    title: str
    source: str = ""
    date: str = ""
    teacher: str = ""  # the teacher's name or the class, as the teacher wrote it
    paper: Paper = Paper.A4
    entries: tuple[HandoutEntry, ...] = ()
    article: tuple[RubyParagraph, ...] = ()  # empty: no article section
    quiz_kind: QuizKind = QuizKind.NONE
    quiz: tuple[QuizItem, ...] = ()


class PinyinReader(Protocol):
    """What the article section needs of the annotator: words and their pinyin in context."""

    def segment(self, text: str) -> SegmentedText: ...

    def pinyin(self, segmented: SegmentedText, index: int) -> tuple[str, ...]: ...


def entries_for_terms(terms: Iterable[GlossaryTerm]) -> list[HandoutEntry]:
    """Entries for terms without an article; the example is the term's own, if it has one."""
    return [HandoutEntry(term, 0, mark_term(term.example, term)) for term in terms]


def entries_for_article(text: str, matches: Sequence[TermMatch]) -> list[HandoutEntry]:
    """The terms found in an article, in order of first occurrence, with counts and examples."""
    counts = Counter(match.term.term for match in matches)
    sentences = SentenceFinder(text)
    entries: dict[str, HandoutEntry] = {}
    for match in matches:
        if match.term.term not in entries:
            sentence = sentences.sentence_at(match.start) or match.term.example
            example = mark_term(sentence, match.term)
            entries[match.term.term] = HandoutEntry(match.term, counts[match.term.term], example)
    return list(entries.values())


def mark_term(sentence: str, term: GlossaryTerm) -> MarkedText:
    """``sentence`` cut to at most about EXAMPLE_MAX_CHARS around ``term``, the term marked.

    The cut falls between clauses (after ，、：；) and is shown with "…"; the
    term is found as the glossary matcher finds it, so "双区”建设 counts.
    """
    found = TermMatcher([term]).find(sentence)
    if not found:
        return MarkedText(sentence)
    start, end = _clause_window(sentence, found[0].start, found[0].end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(sentence) else ""
    shift = len(prefix) - start
    marks = tuple(
        (match.start + shift, match.end + shift)
        for match in found
        if start <= match.start and match.end <= end
    )
    return MarkedText(prefix + sentence[start:end] + suffix, marks)


def _clause_window(sentence: str, term_start: int, term_end: int) -> tuple[int, int]:
    """The widest run of whole clauses around the term that fits EXAMPLE_MAX_CHARS."""
    if len(sentence) <= EXAMPLE_MAX_CHARS:
        return 0, len(sentence)
    cuts = [0, *(m.end() for m in _CLAUSE_END.finditer(sentence)), len(sentence)]
    start = max(cut for cut in cuts if cut <= term_start)
    end = min(cut for cut in cuts if cut >= term_end)
    while True:
        earlier = [cut for cut in cuts if cut < start]
        later = [cut for cut in cuts if cut > end]
        grown = False
        if later and later[0] - start <= EXAMPLE_MAX_CHARS:
            end, grown = later[0], True
        if earlier and end - earlier[-1] <= EXAMPLE_MAX_CHARS:
            start, grown = earlier[-1], True
        if not grown:
            return start, end


def article_with_ruby(
    text: str, matches: Sequence[TermMatch], reader: PinyinReader
) -> tuple[RubyParagraph, ...]:
    """``text`` as paragraphs of pieces, each character with its pinyin in context."""
    in_term = bytearray(len(text))
    for match in matches:
        in_term[match.start : match.end] = b"\1" * (match.end - match.start)
    segmented = reader.segment(text)
    paragraphs: list[RubyParagraph] = []
    pieces: list[RubyPiece] = []
    for index, token in enumerate(segmented):
        if "\n" in token.text:
            if pieces:
                paragraphs.append(tuple(pieces))
            pieces = []
            continue
        if not token.text.strip():
            continue
        readings = iter(reader.pinyin(segmented, index) if any(map(is_han, token.text)) else ())
        syllables = tuple(next(readings, "") if is_han(char) else "" for char in token.text)
        offset = 0
        for length, marked in _runs(in_term[token.start : token.end]):
            pieces.append(
                RubyPiece(
                    token.text[offset : offset + length],
                    syllables[offset : offset + length],
                    marked,
                    starts_word=offset == 0,
                )
            )
            offset += length
    if pieces:
        paragraphs.append(tuple(pieces))
    return tuple(paragraphs)


CLOSING_PUNCTUATION = frozenset("，。、；：？！,.;:?!）)」』》〉”’…—")
"""Never starts a line: it stays with the word before it."""
OPENING_PUNCTUATION = frozenset("（(「『《〈“‘")
"""Never ends a line: it stays with the word after it."""


def line_units(paragraph: RubyParagraph) -> list[list[RubyPiece]]:
    """The paragraph's pieces grouped into what a line never breaks: a word with its punctuation."""
    units: list[list[RubyPiece]] = []
    opening_pending = False
    for piece in paragraph:
        attach = piece.text[0] in CLOSING_PUNCTUATION or not piece.starts_word or opening_pending
        if not units or not attach:
            units.append([])
        units[-1].append(piece)
        opening_pending = piece.text[-1] in OPENING_PUNCTUATION
    return units


def _runs(flags: bytes | bytearray) -> list[tuple[int, bool]]:
    runs: list[tuple[int, bool]] = []
    for flag in flags:
        if runs and runs[-1][1] == bool(flag):
            runs[-1] = (runs[-1][0] + 1, bool(flag))
        else:
            runs.append((1, bool(flag)))
    return runs


def quiz_items(entries: Sequence[HandoutEntry], kind: QuizKind, seed: str) -> tuple[QuizItem, ...]:
    """Up to QUIZ_MAX_ITEMS terms in an order unlike the list's (the same for the same ``seed``)."""
    if kind is QuizKind.NONE:
        return ()
    shuffled = random.Random(seed).sample(list(entries), len(entries))
    if kind is QuizKind.TERMS:
        shuffled.sort(key=lambda entry: len(entry.term.english) > QUIZ_PROMPT_MAX_CHARS)
    shuffled = shuffled[:QUIZ_MAX_ITEMS]
    if kind is QuizKind.ENGLISH:
        return tuple(QuizItem(e.term.term, e.term.pinyin, e.term.english) for e in shuffled)
    return tuple(QuizItem(e.term.english, "", f"{e.term.term} {e.term.pinyin}") for e in shuffled)


# Wording both printers use, so the PDF and the web page say the same.

ARTICLE_HEADING = "The article, with pinyin"
ANSWER_KEY_HEADING = "Answer key"
QUIZ_WORDING = {
    QuizKind.ENGLISH: ("Quiz: the English", "Write the English for each term."),
    QuizKind.TERMS: ("Quiz: the terms", "Write the Chinese term for each meaning."),
}


def title_facts(handout: Handout) -> str:
    """The line under the title: source, date, teacher or class (those given)."""
    facts = [
        f"Source: {handout.source}" if handout.source else "",
        f"Date: {handout.date}" if handout.date else "",
        handout.teacher,
    ]
    return "   ·   ".join(fact for fact in facts if fact)


def footer_title(title: str) -> str:
    """The title at the foot of every page, cut to 40 characters."""
    return title if len(title) <= 40 else title[:39] + "…"


def terms_label(count: int) -> str:
    return f"{count} term{'s' if count != 1 else ''}"


def times_label(count: int) -> str:
    """How often a term occurs in the article, under its pinyin."""
    return "once in the article" if count == 1 else f"{count} times in the article"
