from __future__ import annotations

from datetime import date

import pytest

from reader import paths
from reader.annotation.annotator import Annotator
from reader.errors import GlossaryError
from reader.glossary.handout import QuizKind
from reader.glossary.handout_choices import (
    HandoutChoices,
    article_source,
    compose_handout,
    handout_date,
)
from reader.glossary.store import Glossary, GlossarySet, load_bundled
from reader.glossary.term import GlossaryTerm

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


def with_a_term_the_article_lacks() -> GlossarySet:
    quantum = GlossaryTerm("量子计算", "liàng zǐ jì suàn", "quantum computing", glossary="mine")
    return GlossarySet([load_bundled(), Glossary("mine", (quantum,))])


def test_only_the_article_terms_with_their_sentences(text):
    glossaries = with_a_term_the_article_lacks()
    handout = compose_handout(glossaries, HandoutChoices("Guangzhou"), text)
    found = {match.term.term for match in glossaries.find_terms(text)}
    assert {entry.term.term for entry in handout.entries} == found
    assert len(found) < len(glossaries)
    assert handout.article == () and handout.quiz == ()


def test_every_term_when_not_limited_to_the_article(text):
    glossaries = with_a_term_the_article_lacks()
    handout = compose_handout(glossaries, HandoutChoices("All", only_in_article=False), text)
    assert len(handout.entries) == len(glossaries)
    assert "量子计算" in {entry.term.term for entry in handout.entries}


def test_the_article_section_needs_the_pinyin_reader(text):
    glossaries = GlossarySet.bundled_only()
    choices = HandoutChoices("R", include_article=True, quiz=QuizKind.TERMS)
    with pytest.raises(GlossaryError, match="pinyin"):
        compose_handout(glossaries, choices, text)
    handout = compose_handout(glossaries, choices, text, Annotator.create())
    assert handout.article and handout.quiz and handout.quiz_kind is QuizKind.TERMS


def test_nothing_to_hand_out_is_a_clear_error():
    glossaries = with_a_term_the_article_lacks()
    with pytest.raises(GlossaryError, match="no glossary terms"):
        compose_handout(glossaries, HandoutChoices("T"), "今天天气很好。")


def test_without_an_article_every_term_is_listed():
    glossaries = GlossarySet.bundled_only()
    assert len(compose_handout(glossaries, HandoutChoices("T")).entries) == len(glossaries)


def test_title_block_facts():
    assert handout_date(date(2026, 12, 2)) == "2 December 2026"
    assert article_source(str(ARTICLE)) == "羊城晚报"
    assert article_source(None) == "" and article_source("/no/such/file.txt") == ""
