"""Term suggestions: whole terms from the text, minus what a learner already has."""

from __future__ import annotations

import pytest

from reader import paths
from reader.dictionary.index import CedictIndex
from reader.glossary.sentences import SentenceFinder, sentence_bounds
from reader.glossary.store import GlossarySet
from reader.glossary.suggest import SuggestionReason, suggest_terms
from reader.language.segment import Segmenter

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"

# A short report written for these tests (not one of the benchmark texts).
SHENZHEN = (
    "深圳推行“秒批”改革。市民在“i深圳”上申请，系统自动审批，“秒批”事项已超过三百项。"
    "深圳还推行林长制，林长制让每片山林都有人负责。各区推进城中村综合治理，"
    "深圳城中村综合治理的经验是先规划后改造。老旧厂房改造和城中村综合治理同步推进。"
    "政府推动一网通办，一网通办平台接入了大部分事项。"
)


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter()


@pytest.fixture(scope="module")
def cedict():
    return CedictIndex.load()


@pytest.fixture(scope="module")
def article_suggestions(segmenter, cedict):
    segmented = segmenter.segment(ARTICLE.read_text(encoding="utf-8"))
    return suggest_terms(segmented, cedict.__contains__, limit=25)


def test_most_of_the_top_25_for_the_article_are_terms_of_the_policy_glossary(
    article_suggestions,
):
    glossary = GlossarySet.bundled_only()
    found = [s.word for s in article_suggestions if glossary.lookup(s.word)]
    assert len(found) >= 15, [s.word for s in article_suggestions]
    assert {"最小应急单元", "绣花功夫", "历史文化街区", "修旧如旧"} <= set(found)


def test_common_words_and_pieces_of_longer_terms_are_not_suggested(article_suggestions):
    words = {s.word for s in article_suggestions}
    assert not words & {"建设", "治理", "推进", "城市", "发展", "广州", "战役"}
    assert not words & {"最小", "应急", "单元", "绣花", "一网格", "支部"}


def test_quoted_patterned_and_recurring_terms_come_whole_with_count_and_example(segmenter, cedict):
    suggestions = suggest_terms(segmenter.segment(SHENZHEN), cedict.__contains__, limit=25)
    by_word = {s.word: s for s in suggestions}
    assert by_word["秒批"].reason is SuggestionReason.QUOTED and by_word["秒批"].count == 2
    assert by_word["林长制"].reason is SuggestionReason.PATTERN and by_word["林长制"].count == 2
    assert by_word["一网通办"].count == 2
    assert by_word["城中村综合治理"].reason is SuggestionReason.PHRASE
    assert by_word["城中村综合治理"].count == 3
    assert "老旧厂房改造" in by_word
    assert by_word["林长制"].example.startswith("深圳还推行林长制")
    assert not {"一网通", "林长", "秒"} & set(by_word)


def test_suggestions_carry_the_language_cores_pinyin(segmenter, cedict):
    from reader.language.pinyin import PinyinResolver

    core = PinyinResolver(cedict.readings)
    suggestions = suggest_terms(
        segmenter.segment(SHENZHEN), cedict.__contains__, reading=core.word_reading
    )
    by_word = {s.word: s for s in suggestions}
    assert by_word["林长制"].pinyin == "lín zhǎng zhì"
    assert by_word["秒批"].pinyin == "miǎo pī"


def test_glossary_terms_and_their_variants_are_never_suggested(segmenter, cedict):
    glossaries = GlossarySet.bundled_only()
    segmented = segmenter.segment(ARTICLE.read_text(encoding="utf-8"))
    words = [s.word for s in suggest_terms(segmented, cedict.__contains__, glossaries, limit=500)]
    assert not [word for word in words if glossaries.lookup(word)]
    assert all(len(word) >= 2 for word in words)


def test_limit_is_respected(segmenter):
    segmented = segmenter.segment(ARTICLE.read_text(encoding="utf-8"))
    assert len(suggest_terms(segmented, lambda w: False, limit=7)) == 7


def test_sentences_end_at_full_stops_semicolons_and_line_breaks():
    text = "第一句。第二句！“第三句？”\n标题\n第四句；第五"
    assert [text[a:b] for a, b in sentence_bounds(text)] == [
        "第一句。", "第二句！", "“第三句？”", "标题", "第四句；", "第五"
    ]  # fmt: skip
    assert SentenceFinder(text).sentence_at(text.index("标")) == "标题"
