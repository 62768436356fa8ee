"""What goes into a handout, as the reading window's Export Handout dialog chooses it."""

from __future__ import annotations

from dataclasses import dataclass

from reader.glossary.handout import (
    PinyinMarkup,
    build_handout,
    entries_for_article,
    entries_for_terms,
)
from reader.glossary.store import GlossarySet


@dataclass(frozen=True, slots=True)
class HandoutChoices:
    title: str
    only_in_article: bool = True  # only the terms the article has, with counts and examples
    include_article: bool = False  # the article after the table, pinyin over glossary terms
    pinyin_markup: PinyinMarkup = PinyinMarkup.RUBY  # BRACKETS for PDF (Qt has no ruby layout)


@dataclass(frozen=True, slots=True)
class ComposedHandout:
    html: str
    terms: int


def compose_handout(
    glossaries: GlossarySet, choices: HandoutChoices, article_text: str | None = None
) -> ComposedHandout:
    """The handout page for ``glossaries``; without ``article_text`` every term is listed."""
    matches = glossaries.find_terms(article_text) if article_text else []
    if article_text and choices.only_in_article:
        entries = entries_for_article(article_text, matches)
    else:
        entries = entries_for_terms(glossaries.terms())
    html = build_handout(
        entries,
        choices.title,
        article_text=article_text if choices.include_article else None,
        article_matches=matches,
        pinyin_markup=choices.pinyin_markup,
    )
    return ComposedHandout(html, len(entries))
