"""The one dictionary search (command line and Dictionary tab) over CC-CEDICT and glossaries."""

from __future__ import annotations

import pytest

from reader.dictionary.index import CedictIndex
from reader.dictionary.search import QueryKind, search
from reader.glossary.store import GlossarySet


@pytest.fixture(scope="module")
def sources() -> tuple[CedictIndex, GlossarySet]:
    return CedictIndex.load(), GlossarySet.load_active()


@pytest.mark.parametrize(
    "query",
    ["河长制", "hezhangzhi", "he2 zhang3 zhi4", "hé zhǎng zhì", "he zhang3 zhi", "river chief"],
)
def test_a_glossary_term_cc_cedict_lacks_is_found_every_way(sources, query: str) -> None:
    dictionary, glossaries = sources
    assert "河长制" not in dictionary
    assert "河长制" in [term.term for term in search(dictionary, glossaries, query).terms]


def test_a_wrong_tone_or_a_partial_english_word_finds_no_term(sources) -> None:
    dictionary, glossaries = sources
    assert not search(dictionary, glossaries, "he4 zhang3 zhi4").terms
    assert "河长制" not in [t.term for t in search(dictionary, glossaries, "chie").terms]


def test_the_word_itself_comes_before_longer_words(sources) -> None:
    dictionary, glossaries = sources
    found = search(dictionary, glossaries, "河").found
    assert getattr(found[0], "simplified", "") == "河"
    assert len(found) == len(set(found)) <= 50


def test_forced_kinds_and_empty_queries(sources) -> None:
    dictionary, glossaries = sources
    english = search(dictionary, glossaries, "fang", QueryKind.ENGLISH).entries
    assert all("fang" in " ".join(e.senses).lower() for e in english)
    assert not search(dictionary, glossaries, "   ")
