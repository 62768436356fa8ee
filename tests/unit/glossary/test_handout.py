"""What a handout says: entries, short marked examples, the article's ruby, the quiz."""

from __future__ import annotations

import pytest

from reader import paths
from reader.annotation.annotator import Annotator
from reader.glossary.handout import (
    EXAMPLE_MAX_CHARS,
    QUIZ_MAX_ITEMS,
    QuizKind,
    article_with_ruby,
    entries_for_article,
    entries_for_terms,
    mark_term,
    quiz_items,
)
from reader.glossary.matching import TermMatcher
from reader.glossary.store import GlossarySet
from reader.glossary.term import GlossaryTerm
from reader.language.han import is_han
from reader.language.notation import is_valid_syllable

DOUBLE_ZONE = GlossaryTerm("双区建设", "shuāng qū jiàn shè", "two zones", "Bay Area & Shenzhen.")
RIVER = GlossaryTerm("河长制", "hé zhǎng zhì", "river chief system")
TEXT = "推动“双区”建设。\n河长制很好。推动“双区”建设！"
ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


def marked(text: str, marks: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[start:end] for start, end in marks]


def test_article_entries_have_counts_and_their_first_sentence_with_the_term_marked():
    entries = entries_for_article(TEXT, TermMatcher([DOUBLE_ZONE, RIVER]).find(TEXT))
    assert [(e.term.term, e.count, e.example.text) for e in entries] == [
        ("双区建设", 2, "推动“双区”建设。"),
        ("河长制", 1, "河长制很好。"),
    ]
    assert marked(entries[0].example.text, entries[0].example.marks) == ["双区”建设"]
    assert marked(entries[1].example.text, entries[1].example.marks) == ["河长制"]


def test_a_terms_own_example_is_marked_and_a_missing_one_stays_empty():
    with_example = GlossaryTerm("河长制", "hé zhǎng zhì", "x", example="全面推行河长制。")
    entries = entries_for_terms([with_example, DOUBLE_ZONE])
    assert marked(entries[0].example.text, entries[0].example.marks) == ["河长制"]
    assert entries[1].example.text == "" and entries[1].example.marks == ()


def test_every_example_of_the_bundled_article_is_one_short_sentence_marking_its_term(article):
    matches = GlossarySet.bundled_only().find_terms(article)
    entries = entries_for_article(article, matches)
    assert len(entries) > 100
    for entry in entries:
        text = entry.example.text
        assert entry.example.marks, f"{entry.term.term} is not marked in {text}"
        for start, end in entry.example.marks:
            span = text[start:end]
            assert [(m.start, m.end) for m in TermMatcher([entry.term]).find(span)] == [
                (0, len(span))
            ]
        body = text.strip("…")
        assert body in article, "an example is a piece of the article as printed"
        assert len(body) <= EXAMPLE_MAX_CHARS or "，" not in body
        assert not any(mark in body[:-1] for mark in "。！？\n"), "one sentence, not more"


def test_a_long_sentence_is_cut_between_clauses_around_the_term():
    sentence = (
        "在统筹推进疫情防控和经济社会发展中，面对一场场重大战役，广州七十六万名党员冲锋在前，"
        "众志成城，全面推行河长制，为推动城市发展不断作出新的贡献，持续改善人居环境质量。"
    )
    example = mark_term(sentence, RIVER)
    assert example.text.startswith("…") and len(example.text) <= EXAMPLE_MAX_CHARS + 2
    assert "众志成城，全面推行河长制，" in example.text
    assert example.text.strip("…") in sentence
    assert marked(example.text, example.marks) == ["河长制"]


def test_the_article_has_one_context_reading_over_every_han_character(article, annotator):
    matches = GlossarySet.bundled_only().find_terms(article)
    paragraphs = article_with_ruby(article, matches, annotator)
    assert len(paragraphs) == len([line for line in article.split("\n") if line.strip()])
    pieces = [piece for paragraph in paragraphs for piece in paragraph]
    printed = "".join(piece.text for piece in pieces)
    assert printed == "".join(article.split())
    for piece in pieces:
        for char, syllable in zip(piece.text, piece.syllables, strict=True):
            assert bool(syllable) == is_han(char)
            assert not syllable or is_valid_syllable(syllable)
    underlined = "".join(piece.text for piece in pieces if piece.in_term)
    assert "河长制" in underlined and "双区”建设" in underlined


def test_a_piece_split_by_a_term_boundary_does_not_start_a_new_word(annotator):
    text = "推动“双区”建设"
    paragraphs = article_with_ruby(text, TermMatcher([DOUBLE_ZONE]).find(text), annotator)
    pieces = paragraphs[0]
    assert [p.text for p in pieces if p.in_term] == ["双区", "”", "建设"]
    assert pieces[0].starts_word and pieces[0].text == "推动"
    assert all(p.syllables == ("",) or all(p.syllables) for p in pieces)


def test_the_quiz_is_a_sample_in_another_order_with_its_answers(article):
    entries = entries_for_article(article, GlossarySet.bundled_only().find_terms(article))
    english = quiz_items(entries, QuizKind.ENGLISH, seed="A")
    assert len(english) == QUIZ_MAX_ITEMS
    assert english == quiz_items(entries, QuizKind.ENGLISH, seed="A")
    by_term = {e.term.term: e.term for e in entries}
    assert [item.prompt for item in english] != [e.term.term for e in entries[:QUIZ_MAX_ITEMS]]
    for item in english:
        assert item.answer == by_term[item.prompt].english
        assert item.prompt_pinyin == by_term[item.prompt].pinyin
    terms = quiz_items(entries[:3], QuizKind.TERMS, seed="A")
    assert len(terms) == 3 and all(item.prompt_pinyin == "" for item in terms)
    assert {item.answer.split()[0] for item in terms} == {e.term.term for e in entries[:3]}
    assert quiz_items(entries, QuizKind.NONE, seed="A") == ()
