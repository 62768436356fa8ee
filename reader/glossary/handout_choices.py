"""What goes into a handout, as the Export Handout dialog or the command line chooses it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reader.errors import GlossaryError
from reader.glossary.handout import (
    Handout,
    Paper,
    PinyinReader,
    QuizKind,
    RubyParagraph,
    article_with_ruby,
    entries_for_article,
    entries_for_terms,
    quiz_items,
)
from reader.glossary.store import GlossarySet


@dataclass(frozen=True, slots=True)
class HandoutChoices:
    title: str
    source: str = ""
    date: str = ""
    teacher: str = ""  # the teacher's name or the class
    paper: Paper = Paper.A4
    only_in_article: bool = True  # only the terms the article has, with counts and examples
    include_article: bool = False  # the article with pinyin over every character
    quiz: QuizKind = QuizKind.NONE


def compose_handout(
    glossaries: GlossarySet,
    choices: HandoutChoices,
    article_text: str | None = None,
    reader: PinyinReader | None = None,
) -> Handout:
    """The handout for ``glossaries``; without ``article_text`` every term is listed.

    ``reader`` gives the article's pinyin and is needed only with ``include_article``.
    Raises GlossaryError when there is nothing to hand out.
    """
    matches = glossaries.find_terms(article_text) if article_text else []
    if article_text and choices.only_in_article:
        entries = entries_for_article(article_text, matches)
    else:
        entries = entries_for_terms(glossaries.terms())
    if not entries:
        raise GlossaryError("there are no glossary terms to put in the handout")
    article: tuple[RubyParagraph, ...] = ()
    if choices.include_article and article_text:
        if reader is None:
            raise GlossaryError("the article's pinyin is not available yet; try again")
        article = article_with_ruby(article_text, matches, reader)
    return Handout(
        title=choices.title,
        source=choices.source,
        date=choices.date,
        teacher=choices.teacher,
        paper=choices.paper,
        entries=tuple(entries),
        article=article,
        quiz_kind=choices.quiz,
        quiz=quiz_items(entries, choices.quiz, seed=choices.title),
    )


def article_source(path: str | None) -> str:
    """The source named in a bundled article's metadata; "" for any other file or none."""
    from reader.articles import article_for_path

    info = article_for_path(path) if path else None
    return info.source if info is not None else ""


def handout_date(day: date | None = None) -> str:
    """A date as the title block prints it: "2 December 2026" (today by default)."""
    day = day or date.today()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# Spelled out rather than strftime's %B, which follows the user's locale.
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
