from __future__ import annotations

import time

import pytest

from reader import paths
from reader.glossary.matching import TermMatcher
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


def term(text, pinyin):
    return GlossaryTerm(text, pinyin, "x")


@pytest.fixture(scope="module")
def article_matches():
    text = ARTICLE.read_text(encoding="utf-8")
    return text, GlossarySet.bundled_only().find_terms(text)


def test_the_article_terms_are_found_including_quoted_forms(article_matches):
    text, matches = article_matches
    written = {text[m.start : m.end] for m in matches}
    assert {"河长制", "河湖长制", "“双区”建设"[1:], "“三旧”改造"[1:], "绣花”功夫"} <= written
    assert "数据多跑路，群众少跑腿" in written and "民有所呼，必有所应" in written


def test_matches_are_in_order_and_never_overlap(article_matches):
    _, matches = article_matches
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))


def test_the_longest_term_wins():
    matcher = TermMatcher([term("河长", "hé zhǎng"), term("河长制", "hé zhǎng zhì")])
    assert [m.term.term for m in matcher.find("全面推行河长制")] == ["河长制"]


def test_line_breaks_inside_a_term_are_spanned():
    matcher = TermMatcher([term("消除黑臭", "xiāo chú hēi chòu")])
    assert [(m.start, m.end) for m in matcher.find("全部消除\n\n黑臭水体")] == [(2, 8)]


def test_short_terms_never_match_across_a_comma():
    matcher = TermMatcher([term("国考", "guó kǎo")])
    assert matcher.find("全国，考试") == []


def test_counts_per_term():
    matcher = TermMatcher([term("碧道", "bì dào")])
    assert matcher.counts("建成碧道821公里。以碧道为代表")["碧道"] == 2


def test_find_terms_takes_under_10_ms_on_the_bundled_article():
    text = ARTICLE.read_text(encoding="utf-8")
    glossaries = GlossarySet.bundled_only()
    glossaries.find_terms(text)
    best = min(_timed(glossaries.find_terms, text) for _ in range(5))
    assert best < 0.010


def _timed(function, argument):
    started = time.perf_counter()
    function(argument)
    return time.perf_counter() - started
