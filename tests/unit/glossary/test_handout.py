from __future__ import annotations

from reader.glossary.handout import (
    PinyinMarkup,
    article_html,
    build_handout,
    entries_for_article,
    entries_for_terms,
)
from reader.glossary.matching import TermMatcher
from reader.glossary.term import GlossaryTerm

DOUBLE_ZONE = GlossaryTerm("双区建设", "shuāng qū jiàn shè", "two zones", "Bay Area & Shenzhen.")
SCRIPT = GlossaryTerm("河长制", "hé zhǎng zhì", "<script>alert(1)</script>", "a & b")
TEXT = "推动“双区”建设。\n河长制很好。推动“双区”建设！"


def test_article_entries_have_counts_and_first_example_in_order():
    entries = entries_for_article(TEXT, TermMatcher([DOUBLE_ZONE, SCRIPT]).find(TEXT))
    assert [(e.term.term, e.count, e.example) for e in entries] == [
        ("双区建设", 2, "推动“双区”建设。"),
        ("河长制", 1, "河长制很好。"),
    ]


def test_the_handout_is_standalone_and_escaped():
    html = build_handout(entries_for_terms([SCRIPT]), "A <title>")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html
    assert "A &lt;title&gt;" in html and "<link" not in html and "src=" not in html


def test_the_article_gets_ruby_over_each_character_of_a_term_even_when_quoted():
    matches = TermMatcher([DOUBLE_ZONE]).find(TEXT)
    html = article_html(TEXT, matches)
    assert "“<ruby>双<rt>shuāng</rt></ruby><ruby>区<rt>qū</rt></ruby>”" in html
    assert "<ruby>设<rt>shè</rt></ruby>" in html and html.count("<p>") == 2


def test_bracket_markup_for_qt_puts_pinyin_after_the_term():
    matches = TermMatcher([DOUBLE_ZONE]).find(TEXT)
    html = article_html(TEXT, matches, PinyinMarkup.BRACKETS)
    assert '<b>双区”建设</b><span class="inline-pinyin"> (shuāng qū jiàn shè)</span>' in html


def test_a_handout_with_the_article_follows_the_table():
    matches = TermMatcher([DOUBLE_ZONE]).find(TEXT)
    html = build_handout(
        entries_for_article(TEXT, matches), "T", article_text=TEXT, article_matches=matches
    )
    assert html.index("</table>") < html.index("<ruby>")
