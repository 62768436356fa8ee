"""A learner's correction of a reading wins everywhere the reader states one (bundled article)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.annotation.annotator import Annotator
from reader.annotation.cache import AnnotationCache, annotation_fingerprint, save_annotation
from reader.annotation.cached_annotator import load_cached_annotator
from reader.articles import default_article
from reader.glossary.handout import article_with_ruby
from reader.glossary.store import GlossarySet
from reader.language.reading_corrections import ReadingChoice, ReadingCorrections, reading_choices
from reader.language.tokens import SegmentedText
from reader.textio.reading import read_document
from reader.vocab.article_words import word_from_info


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_document(default_article().path).text


@pytest.fixture(scope="module")
def corrected(annotator: Annotator) -> Annotator:
    """The shared annotator's dictionary and glossaries, with corrections kept in memory."""
    return Annotator(annotator.dictionary, annotator.glossaries, ReadingCorrections())


@pytest.fixture
def corrections(corrected: Annotator) -> Iterator[ReadingCorrections]:
    yield corrected.corrections
    for correction in corrected.corrections.all():
        corrected.corrections.remove(correction.word)


@pytest.fixture(scope="module")
def segmented(corrected: Annotator, article_text: str) -> SegmentedText:
    return corrected.segment(article_text)


def tokens_of(segmented: SegmentedText, word: str) -> list[int]:
    return [index for index, token in enumerate(segmented) if token.text == word]


def test_a_correction_wins_over_the_polyphone_model_at_every_occurrence(
    corrected: Annotator, corrections: ReadingCorrections, segmented: SegmentedText
) -> None:
    wei = tokens_of(segmented, "为")
    before = {corrected.pinyin(segmented, index) for index in wei}
    assert before == {("wéi",), ("wèi",)}  # the model reads the article's 为 both ways

    corrections.set("为", "wei4")

    assert {corrected.pinyin(segmented, index) for index in wei} == {("wèi",)}
    infos = [corrected.word_info(segmented, index) for index in wei]
    assert {info.gloss for info in infos} == {"because of; for; to"}  # the sense follows
    assert all(info.entries[0].pinyin == "wèi" for info in infos)  # and so does the popup
    # the reader's own reading is still there for "Use the reader's own reading"
    assert {corrected.own_pinyin(segmented, index) for index in wei} == before


def test_a_correction_wins_over_the_dictionary_and_its_sense_follows(
    corrected: Annotator, corrections: ReadingCorrections, segmented: SegmentedText
) -> None:
    (index,) = tokens_of(segmented, "重点")[:1]
    assert corrected.word_info(segmented, index).gloss.startswith("important point")

    corrections.set("重点", "chóng diǎn")

    info = corrected.word_info(segmented, index)
    assert info.pinyin == ("chóng", "diǎn")
    assert info.gloss.startswith("to recount")
    saved = word_from_info(info)  # saving it to the vocabulary keeps what was shown
    assert saved.pinyin == "chóng diǎn" and saved.definition.startswith("to recount")


def test_a_correction_wins_over_the_glossary(
    corrected: Annotator, corrections: ReadingCorrections, segmented: SegmentedText
) -> None:
    index = tokens_of(segmented, "河长制")[0]
    assert corrected.pinyin(segmented, index) == ("hé", "zhǎng", "zhì")

    corrections.set("河长制", "he2 chang2 zhi4")

    info = corrected.word_info(segmented, index)
    assert info.pinyin == ("hé", "cháng", "zhì")
    assert info.glossary is not None  # still the glossary's term, with its English
    assert corrected.describe("河长制").pinyin == ("hé", "cháng", "zhì")


def test_a_correction_made_in_simplified_holds_in_a_traditional_text(
    corrected: Annotator, corrections: ReadingCorrections
) -> None:
    corrections.set("为", "wei2")
    traditional = corrected.segment("我們為人民服務，為大家做事。")  # read wèi unasked

    readings = [corrected.pinyin(traditional, index) for index in tokens_of(traditional, "為")]

    assert readings == [("wéi",), ("wéi",)]
    assert corrected.describe("為").pinyin == ("wéi",)


def test_words_without_a_correction_read_as_before(
    annotator: Annotator,
    corrected: Annotator,
    corrections: ReadingCorrections,
    segmented: SegmentedText,
) -> None:
    corrections.set("为", "wei4")
    corrections.set("重点", "chong2 dian3")
    for index in range(len(segmented)):
        if segmented.token(index).text not in ("为", "重点"):
            assert corrected.pinyin(segmented, index) == annotator.pinyin(segmented, index)


def test_the_handout_article_shows_the_corrected_reading(
    corrected: Annotator, corrections: ReadingCorrections, article_text: str
) -> None:
    corrections.set("重点", "chong2 dian3")
    paragraphs = article_with_ruby(article_text, [], corrected)
    pieces = [piece for paragraph in paragraphs for piece in paragraph if piece.text == "重点"]
    assert pieces and {piece.syllables for piece in pieces} == {("chóng", "diǎn")}


def test_an_article_annotated_before_the_correction_shows_it_next_time(
    data_dir: Path, annotator: Annotator, article_text: str
) -> None:
    """The saved annotation keeps the reader's own reading; the correction is laid over it."""
    cache = AnnotationCache(data_dir / "annotations-here")
    glossaries = GlossarySet.load_active()
    first = Annotator(annotator.dictionary, glossaries, ReadingCorrections.load())
    segmented = first.segment(article_text)
    assert save_annotation(first, segmented, cache)
    index = tokens_of(segmented, "重点")[0]

    ReadingCorrections.load().set("重点", "chong2 dian3")  # e.g. ``reader readings set``

    cached = load_cached_annotator(article_text, cache=cache)
    assert cached is not None  # the saved annotation is still good: nothing re-read
    again = cached.segment(article_text)
    assert cached.word_info(again, index).pinyin == ("chóng", "diǎn")
    assert cached.word_info(again, index).gloss.startswith("to recount")
    assert cached.describe("重点").pinyin == ("chóng", "diǎn")
    full = cached.with_glossaries(cached.glossaries)  # the full annotator that takes over
    assert full.pinyin(full.segment(article_text), index) == ("chóng", "diǎn")
    saved = cache.load(article_text, annotation_fingerprint(first.dictionary, glossaries))
    assert saved is not None and saved.pinyin[index] == ("zhòng", "diǎn")

    ReadingCorrections.load().remove("重点")
    cached = load_cached_annotator(article_text, cache=cache)
    assert cached is not None
    assert cached.pinyin(cached.segment(article_text), index) == ("zhòng", "diǎn")


def test_the_menu_offers_the_dictionarys_readings_with_their_senses(annotator: Annotator) -> None:
    lookup = annotator.dictionary.lookup

    offered = reading_choices("重点", ("zhòng", "diǎn"), lookup)
    assert [(c.pinyin, c.sense) for c in offered] == [
        (("zhòng", "diǎn"), "important point"),
        (("chóng", "diǎn"), "to recount (e.g. results of election)"),
    ]
    # a one-character word: the character's readings, the one shown first; either script
    assert [c.pinyin for c in reading_choices("為", ("wèi",), lookup)] == [("wèi",), ("wéi",)]
    assert {("liǎo",), ("le",)} <= {c.pinyin for c in reading_choices("了", ("le",), lookup)}


def test_a_word_no_dictionary_has_is_offered_its_characters_other_readings(
    annotator: Annotator,
) -> None:
    offered = reading_choices("林长制", ("lín", "zhǎng", "zhì"), annotator.dictionary.lookup)
    assert [c.pinyin for c in offered] == [("lín", "zhǎng", "zhì"), ("lín", "cháng", "zhì")]
    assert reading_choices("李煊坤", ("lǐ", "xuān", "kūn"), annotator.dictionary.lookup) == [
        ReadingChoice(("lǐ", "xuān", "kūn"), "")
    ]
