"""The web-page handout: the PDF's sections, escaped text, print CSS for the chosen paper."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from reader import paths
from reader.annotation.annotator import Annotator
from reader.glossary.handout import Handout, Paper, QuizKind, entries_for_terms
from reader.glossary.handout_choices import HandoutChoices, compose_handout
from reader.glossary.handout_fonts import installed_fonts
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
    assert re.search(r'<span class="w in-term"><ruby>河<rt>hé</rt>', article)
    # A line breaks only between words, never before a closing mark or after an opening one.
    assert re.search(
        r'<span class="u"><span class="w">“</span>.{0,400}?”</span></span><wbr>', article
    )


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
    # The title is in the page footers as a CSS string, escaped too.
    assert '@bottom-left { content: "A \\3c title\\3e "' in page
    assert page.count("</style>") == 1


CHROMIUM = next(
    (
        shutil.which(name)
        for name in ("chromium", "chromium-browser", "google-chrome")
        if shutil.which(name)
    ),
    None,
)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to print the page with")
@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, (595, 842)), (Paper.LETTER, (612, 792))])
def test_chromium_prints_it_on_the_paper_with_page_numbers_whole_entries_and_the_quiz_apart(
    text, tmp_path, paper, size
):
    choices = HandoutChoices("Guangzhou", paper=paper, quiz=QuizKind.TERMS)
    handout = compose_handout(GlossarySet.bundled_only(), choices, text)
    page = tmp_path / "handout.html"
    page.write_text(build_handout_html(handout), encoding="utf-8")
    printed = tmp_path / "handout.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    reader = PdfReader(printed)
    sizes = {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    }
    assert sizes == {size}
    pages = ["".join(p.extract_text().split()) for p in reader.pages]
    total = len(pages)
    for number, content in enumerate(pages, 1):
        assert f"page{number}of{total}" in content
    # Chromium's text layer maps a glyph 广 shares with the radical ⼴ back to the radical;
    # the page's fonts avoid that where WenQuanYi (not sharing them) is installed.
    if any(font.family.startswith("WenQuanYi") for font in installed_fonts()):
        assert not [c for c in "".join(pages) if 0x2E80 <= ord(c) <= 0x2FDF]
    for entry in handout.entries:  # no entry is cut across two pages
        term, english = entry.term.term, "".join(entry.term.english.split())
        assert any(term in content and english in content for content in pages), term
    assert "Quiz:theterms" in pages[-2] and "Answerkey" in pages[-1]
    assert "Answerkey" not in pages[-2]
