from __future__ import annotations

import pytest

from reader import paths
from reader.glossary.handout import PinyinMarkup
from reader.glossary.handout_choices import HandoutChoices, compose_handout
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
    assert handout.terms == len(found) < len(glossaries)
    assert "量子计算" not in handout.html
    assert "河长制" in handout.html and "<h2>Text</h2>" not in handout.html
    sentence = next(s for s in text.replace("\n", "。").split("。") if "河长制" in s)
    assert sentence.strip() in handout.html


def test_every_term_when_not_limited_to_the_article(text):
    glossaries = with_a_term_the_article_lacks()
    handout = compose_handout(glossaries, HandoutChoices("All", only_in_article=False), text)
    assert handout.terms == len(glossaries) and "量子计算" in handout.html


def test_the_article_follows_with_ruby_or_bracketed_pinyin(text):
    glossaries = GlossarySet.bundled_only()
    ruby = compose_handout(glossaries, HandoutChoices("R", include_article=True), text)
    assert "<h2>Text</h2>" in ruby.html and "<ruby>河<rt>hé</rt></ruby>" in ruby.html
    brackets = HandoutChoices("B", include_article=True, pinyin_markup=PinyinMarkup.BRACKETS)
    html = compose_handout(glossaries, brackets, text).html
    assert "<b>河长制</b>" in html and "(hé zhǎng zhì)" in html


def test_without_an_article_every_term_is_listed():
    glossaries = GlossarySet.bundled_only()
    assert compose_handout(glossaries, HandoutChoices("T")).terms == len(glossaries)
