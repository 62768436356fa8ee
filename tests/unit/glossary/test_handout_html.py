"""The web-page handout: the PDF's sections, escaped text, print CSS for the chosen paper."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from reader import paths
from reader.annotation.annotator import Annotator
from reader.glossary.handout import Handout, Paper, QuizKind, entries_for_terms
from reader.glossary.handout_choices import HandoutChoices, compose_handout
from reader.glossary.handout_html import build_handout_html
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


@pytest.fixture(scope="module")
def text() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def full_page(text) -> str:
    choices = HandoutChoices(
        "致广大而尽精微",
        source="羊城晚报",
        date="2 December 2026",
        teacher="Class 3B",
        include_article=True,
        quiz=QuizKind.ENGLISH,
    )
    handout = compose_handout(GlossarySet.bundled_only(), choices, text, Annotator.create())
    return build_handout_html(handout)


class _Visible(HTMLParser):
    """The text a browser shows, without the ruby annotations and the style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("rt", "style")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("rt", "style")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def test_the_sections_come_in_the_pdfs_order_each_optional_one_on_a_new_page(full_page):
    order = [
        "致广大而尽精微</h1>",
        "Source: 羊城晚报   ·   Date: 2 December 2026   ·   Class 3B",
        'class="entries"',
        "The article, with pinyin",
        "Quiz: the English",
        "Answer key",
    ]
    positions = [full_page.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert len(re.findall(r'class="[^"]*new-page', full_page)) == 3
    assert "break-before: page" in full_page
    assert "@page { size: A4 portrait" in full_page and "counter(page)" in full_page


def test_every_article_character_has_its_ruby_and_terms_are_underlined(full_page, text):
    article = full_page[full_page.index("The article, with pinyin") :]
    article = article[: article.index("Quiz: the English")]
    parser = _Visible()
    parser.feed(article)
    shown = "".join("".join(parser.parts).split()).removeprefix("Thearticle,withpinyin")
    assert shown == "".join(text.split())
    assert "<ruby>河<rt>hé</rt></ruby><ruby>长<rt>zhǎng</rt></ruby>" in article
    assert re.search(r'<span class="word in-term"><ruby>河<rt>hé</rt>', article)


def test_examples_mark_their_term_and_say_how_often_it_occurs(full_page):
    assert "<mark>河长制</mark>" in full_page
    assert "<mark>双区”建设</mark>" in full_page
    assert '<div class="times">2 times in the article</div>' in full_page


def test_the_page_is_standalone_and_escaped():
    term = GlossaryTerm("河长制", "hé zhǎng zhì", "<script>alert(1)</script>", "a & b")
    page = build_handout_html(
        Handout("A <title>", paper=Paper.LETTER, entries=tuple(entries_for_terms([term])))
    )
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page
    assert "A &lt;title&gt;" in page and "<link" not in page and "src=" not in page
    assert "size: letter portrait" in page and "Answer key" not in page
