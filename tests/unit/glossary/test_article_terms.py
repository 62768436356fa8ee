from __future__ import annotations

import pytest

from reader import paths
from reader.glossary.article_terms import (
    UNCATEGORISED,
    TermOccurrences,
    filter_groups,
    group_by_category,
    matches_query,
    occurrences_of,
)
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
RIVER_CHIEF = GlossaryTerm("河长制", "hé zhǎng zhì", "river chief system", category="environment")


@pytest.fixture(scope="module")
def article():
    text = ARTICLE.read_text(encoding="utf-8")
    glossaries = GlossarySet.bundled_only()
    return text, occurrences_of(glossaries.find_terms(text))


def test_every_occurrence_of_a_term_is_kept_in_text_order(article):
    text, occurrences = article
    river = next(found for found in occurrences if found.term.term == "永庆坊")
    assert river.count == text.count("永庆坊") >= 2
    assert [text[start:end] for start, end in river.ranges] == ["永庆坊"] * river.count
    assert list(river.ranges) == sorted(river.ranges)


def test_terms_are_listed_by_first_occurrence(article):
    _, occurrences = article
    firsts = [found.ranges[0][0] for found in occurrences]
    assert firsts == sorted(firsts)


def test_groups_are_alphabetical_with_the_most_frequent_terms_first(article):
    _, occurrences = article
    groups = group_by_category(occurrences)
    names = [group.category for group in groups]
    assert names == sorted(names, key=str.lower)
    assert "environment" in names
    for group in groups:
        counts = [found.count for found in group.terms]
        assert counts == sorted(counts, reverse=True)
    assert sum(group.count for group in groups) == sum(found.count for found in occurrences)


def test_terms_without_a_category_come_last():
    bare = GlossaryTerm("三旧改造", "sān jiù gǎi zào", "three olds renewal")
    groups = group_by_category(
        [TermOccurrences(bare, ((0, 4),)), TermOccurrences(RIVER_CHIEF, ((5, 8),))]
    )
    assert [group.category for group in groups] == ["environment", UNCATEGORISED]


@pytest.mark.parametrize(
    "query", ["", "河长", "hezhang", "he zhang zhi", "hé zhǎng", "HeZhang", "River Chief"]
)
def test_the_filter_keeps_a_term_by_characters_pinyin_or_english(query):
    assert matches_query(RIVER_CHIEF, query)


@pytest.mark.parametrize("query", ["城市", "shanghai", "xyz", "湖长"])
def test_the_filter_drops_other_terms(query):
    assert not matches_query(RIVER_CHIEF, query)


def test_filtering_drops_emptied_groups(article):
    _, occurrences = article
    groups = filter_groups(group_by_category(occurrences), "hezhang")
    assert [group.category for group in groups] == ["environment"]
    assert {found.term.term for found in groups[0].terms} == {"河长制", "民间河长"}
