from __future__ import annotations

import pytest

from reader import paths
from reader.glossary.sentences import SentenceFinder, sentence_bounds
from reader.glossary.store import GlossarySet
from reader.glossary.suggest import SuggestionReason, suggest_terms
from reader.language.segment import Segmenter

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"


@pytest.fixture(scope="module")
def segmented():
    return Segmenter().segment(ARTICLE.read_text(encoding="utf-8"))


def test_words_no_dictionary_has_come_first_with_count_and_example(segmented):
    dictionary = {"广州", "城市", "治理", "治水"}
    suggestions = suggest_terms(segmented, dictionary.__contains__, limit=10_000)
    words = [s.word for s in suggestions]
    assert "广州" in words and "河长制" in words
    reasons = [s.reason for s in suggestions]
    first_distinctive = reasons.index(SuggestionReason.DISTINCTIVE)
    assert all(r is SuggestionReason.DISTINCTIVE for r in reasons[first_distinctive:])
    river = suggestions[words.index("河长制")]
    assert river.reason is SuggestionReason.NOT_IN_DICTIONARY
    assert river.count == 1 and "《关于全面推行河长制的意见》" in river.example


def test_glossary_terms_and_single_characters_are_never_suggested(segmented):
    glossaries = GlossarySet.bundled_only()
    words = [s.word for s in suggest_terms(segmented, lambda w: False, glossaries, limit=1000)]
    assert "河长制" not in words and "碧道" not in words
    assert all(len(word) >= 2 for word in words)


def test_limit_is_respected(segmented):
    assert len(suggest_terms(segmented, lambda w: True, limit=7)) == 7


def test_sentences_end_at_full_stops_semicolons_and_line_breaks():
    text = "第一句。第二句！“第三句？”\n标题\n第四句；第五"
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "第一句。", "第二句！", "“第三句？”", "标题", "第四句；", "第五"
    ]  # fmt: skip
    assert SentenceFinder(text).sentence_at(text.index("标")) == "标题"
