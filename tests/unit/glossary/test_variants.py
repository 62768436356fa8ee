"""A term's variant spellings: a misprint or another written form finds the one entry."""

from __future__ import annotations

import pytest

from reader.errors import GlossaryError
from reader.glossary.exchange import dump_csv, dump_json, dump_tsv, parse_csv, parse_json, parse_tsv
from reader.glossary.store import GlossarySet, GlossaryStore
from reader.glossary.term import GlossaryTerm
from reader.glossary.validate import term_problems
from reader.language.segment import Segmenter

HUB = GlossaryTerm(
    "穗智管",
    "Suì zhì guǎn",
    "Suizhiguan",
    "Printed 慧智管 by mistake.",
    "digital government",
    variants=("慧智管",),
    source="Name: city reports",
)


def test_hovering_the_misprint_shows_the_real_name_in_the_bundled_glossary():
    glossaries = GlossarySet.bundled_only()
    entry = glossaries.lookup("慧智管")
    assert entry is not None and entry.term == "穗智管" and entry.english.startswith("Suizhiguan")
    assert glossaries.lookup("“慧智管”") is entry
    assert "慧智管" in glossaries.user_words()


def test_the_segmenter_keeps_the_misprinted_name_whole():
    words = Segmenter(GlossarySet.bundled_only().user_words()).segment("“慧智管”城市大脑内")
    assert "慧智管" in [token.text for token in words]


def test_matching_finds_the_variant_and_reports_the_term():
    text = "在“慧智管”城市运行管理中心，穗智管也在。"
    matches = GlossarySet([_glossary(HUB)]).find_terms(text)
    assert [(text[m.start : m.end], m.term.term) for m in matches] == [
        ("慧智管", "穗智管"),
        ("穗智管", "穗智管"),
    ]


def test_a_variant_reads_with_its_own_characters_not_the_terms_pinyin():
    glossaries = GlossarySet([_glossary(HUB)])
    assert glossaries.pinyin_for("穗智管") == ("Suì", "zhì", "guǎn")
    assert glossaries.pinyin_for("慧智管") is None


def test_a_term_of_its_own_beats_another_terms_variant():
    own = GlossaryTerm("慧智管", "huì zhì guǎn", "a wise manager")
    glossaries = GlossarySet([_glossary(HUB), _glossary(own, "mine")])
    assert glossaries.lookup("慧智管") == own


@pytest.mark.parametrize("dump, parse", [(dump_tsv, parse_tsv), (dump_json, parse_json)])
def test_variants_and_source_survive_every_format(dump, parse):
    assert parse(dump([HUB])).terms == (HUB,)


def test_variants_and_source_survive_csv():
    assert parse_csv(dump_csv([HUB])).terms == (HUB,)


def test_a_variant_that_is_another_rows_term_is_a_bad_row():
    other = GlossaryTerm("慧智管", "huì zhì guǎn", "a wise manager")
    result = parse_tsv(dump_tsv([HUB, other]))
    assert result.terms == (HUB,)
    assert "“慧智管” already appears at line 2" in str(result.bad_rows[0])


@pytest.mark.parametrize(
    ("variants", "problem"),
    [(("慧智 管",), "contains “ ”"), (("穗智管",), "given twice"), (("ab",), "no Chinese")],
)
def test_bad_variants_are_refused_with_a_reason(variants, problem):
    term = GlossaryTerm("穗智管", "Suì zhì guǎn", "Suizhiguan", variants=variants)
    assert any(problem in reason for reason in term_problems(term))


def test_adding_a_term_whose_variant_is_taken_is_refused(data_dir):
    store = GlossaryStore()
    store.create("mine", [HUB])
    clash = GlossaryTerm("慧智管", "huì zhì guǎn", "a wise manager")
    with pytest.raises(GlossaryError, match="“慧智管” is already in glossary “mine”"):
        store.add_term("mine", clash)
    assert store.load("mine").terms[0].variants == ("慧智管",)


def _glossary(term: GlossaryTerm, name: str = "bundled"):
    from reader.glossary.store import Glossary

    return Glossary(name, (term,))
