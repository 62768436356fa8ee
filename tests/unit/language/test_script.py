"""Traditional text reads, cuts and glosses as its simplified form, shown as written."""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator
from reader.dictionary.index import CedictIndex
from reader.glossary.store import GlossarySet
from reader.language.script import to_simplified
from reader.vocab.article_words import word_from_info

TRADITIONAL = (
    "年輕人在臺北生活，不確定性很大。",
    "推行河長制，推進“雙區”建設，數據多跑路，群眾少跑腿。",
    "他們的東西很多，銀行行長也來了。",
)


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(CedictIndex.load(), GlossarySet.bundled_only())


@pytest.mark.parametrize("text", TRADITIONAL)
def test_traditional_text_is_cut_and_read_as_its_simplified_form(
    annotator: Annotator, text: str
) -> None:
    simplified = to_simplified(text)
    assert simplified != text and len(simplified) == len(text)
    original = annotator.annotate(text)
    converted = annotator.annotate(simplified)
    assert original.segmented.text == text  # shown as written
    assert list(original.segmented.starts) == list(converted.segmented.starts)
    for ours, theirs in zip(original.words, converted.words, strict=True):
        assert ours.pinyin == theirs.pinyin, ours.token.text
        assert (ours.glossary is None) == (theirs.glossary is None), ours.token.text
        assert bool(ours.gloss) == bool(theirs.gloss), ours.token.text


def test_a_glossary_term_matches_in_traditional_characters(annotator: Annotator) -> None:
    words = {info.token.text: info for info in annotator.annotate(TRADITIONAL[1]).words}
    assert words["河長制"].glossary is not None
    assert words["河長制"].glossary.term == "河长制"
    assert words["雙區"].glossary is not None


def test_a_saved_term_the_dictionary_lacks_carries_its_traditional_form(
    annotator: Annotator,
) -> None:
    for text in ("推行河长制。", "推行河長制。"):
        info = next(i for i in annotator.annotate(text).words if i.token.text.startswith("河"))
        word = word_from_info(info)
        assert (word.simplified, word.traditional) == ("河长制", "河長制")
