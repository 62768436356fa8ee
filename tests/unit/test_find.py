"""Finding text in an article by characters or by pinyin, on the bundled article."""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.find import ArticleSearch, PinyinIndex, find_characters
from reader.language.notation import toneless_key
from reader.language.tokens import SegmentedText
from reader.textio.reading import read_document


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


@pytest.fixture(scope="module")
def article(annotator: Annotator) -> SegmentedText:
    return annotator.segment(read_document(default_article().path).text)


@pytest.fixture(scope="module")
def search(article: SegmentedText, annotator: Annotator) -> ArticleSearch:
    return ArticleSearch(article, annotator.pinyin)


def pinyin_of_range(annotator: Annotator, segmented: SegmentedText, start: int, end: int) -> str:
    """The toneless pinyin the reader shows for text[start:end]."""
    keys = []
    for index in range(segmented.index_at(start), segmented.index_at(end - 1) + 1):
        token_start = segmented.starts[index]
        syllables = annotator.pinyin(segmented, index)
        for position, syllable in enumerate(syllables):
            if start <= token_start + position < end:
                keys.append(toneless_key(syllable))
    return "".join(keys)


def test_characters_are_found_literally(search: ArticleSearch) -> None:
    text = search.text
    matches = search.find("广州")
    assert len(matches) == text.count("广州") > 10
    assert all(text[start:end] == "广州" for start, end in matches)


def test_toneless_pinyin_finds_the_river_chief_system(search: ArticleSearch) -> None:
    expected = search.find("河长制")
    assert expected, "the bundled article mentions 河长制"
    for query in ("hezhangzhi", "he zhang zhi", "hé zhǎng zhì", "He2zhang3zhi4", "HEZHANGZHI"):
        assert set(expected) <= set(search.find(query)), query


def test_pinyin_follows_the_reading_in_context(search: ArticleSearch) -> None:
    # 长 in 河长制 is zhǎng, not cháng: a search for "hechangzhi" must not find it.
    river_chief = set(search.find("河长制"))
    assert not river_chief & set(search.find("hechangzhi"))


def test_tones_in_the_query_narrow_the_matches(search: ArticleSearch) -> None:
    assert search.find("he2 zhang3 zhi4")
    assert search.find("he2 zhang1 zhi4") == []
    # An open tone (no number) matches any tone for that syllable.
    assert search.find("he zhang3 zhi") == search.find("he2 zhang3 zhi4")


def test_pinyin_matches_whole_syllables_only(
    search: ArticleSearch, annotator: Annotator, article: SegmentedText
) -> None:
    matches = search.find("an")
    assert matches
    for start, end in matches:
        assert end - start == 1
        assert pinyin_of_range(annotator, article, start, end) == "an"


def test_every_pinyin_match_reads_as_the_query(
    search: ArticleSearch, annotator: Annotator, article: SegmentedText
) -> None:
    matches = search.find("guangzhou")
    assert len(matches) >= search.text.count("广州")
    for start, end in matches:
        assert pinyin_of_range(annotator, article, start, end) == "guangzhou"


def test_pinyin_does_not_match_across_punctuation(annotator: Annotator) -> None:
    segmented = annotator.segment("我们在河，长江很长。")
    search = ArticleSearch(segmented, annotator.pinyin)
    assert search.find("hechang") == []
    assert search.find("changjiang") == [(5, 7)]


def test_latin_text_is_found_ignoring_case(annotator: Annotator) -> None:
    segmented = annotator.segment("新冠病毒（COVID-19）和covid的检测")
    search = ArticleSearch(segmented, annotator.pinyin)
    assert search.find("covid") == [(5, 10), (15, 20)]


def test_empty_and_unmatched_queries_find_nothing(search: ArticleSearch) -> None:
    assert search.find("") == []
    assert search.find("   ") == []
    assert search.find("qqqzzz") == []
    assert find_characters("abc", "") == []


def test_matches_are_in_text_order_and_do_not_overlap(search: ArticleSearch) -> None:
    matches = search.find("de")
    assert matches == sorted(matches)
    ends, next_starts = [end for _, end in matches[:-1]], [start for start, _ in matches[1:]]
    assert all(end <= start for end, start in zip(ends, next_starts, strict=True))


def test_index_built_elsewhere_gives_the_same_results(
    article: SegmentedText, annotator: Annotator, search: ArticleSearch
) -> None:
    fresh = ArticleSearch(article, annotator.pinyin)
    assert not fresh.has_pinyin_index()
    index = fresh.build_pinyin_index()
    assert isinstance(index, PinyinIndex)
    fresh.set_pinyin_index(index)
    assert fresh.find("zhili") == search.find("zhili") != []


def test_terms_written_with_quote_marks_are_found(annotator: Annotator) -> None:
    text = "推进“双区”建设，也就是双区建设；《条例》和‘河长’制。"
    segmented = annotator.segment(text)
    search = ArticleSearch(segmented, annotator.pinyin)
    quoted = text.index("双")
    plain = text.index("双", quoted + 1)
    assert find_characters(text, "双区建设") == [(quoted, quoted + 5), (plain, plain + 4)]
    assert search.find("双区建设") == [(quoted, quoted + 5), (plain, plain + 4)]
    assert search.find("河长制") == [(text.index("河"), text.index("制") + 1)]
    assert search.find("shuangqujianshe")[0] == (quoted, quoted + 5)
    # A query with the marks itself is taken literally; other punctuation still breaks.
    assert find_characters(text, "“双区”") == [(quoted - 1, quoted + 3)]
    assert search.find("双区建设也") == []
