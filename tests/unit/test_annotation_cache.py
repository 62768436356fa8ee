"""Saved annotations: what the full annotator read in the bundled article, back without jieba."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reader import paths
from reader.annotation.annotator import Annotator
from reader.annotation.cache import (
    FORMAT_VERSION,
    AnnotationCache,
    annotation_fingerprint,
    save_annotation,
)
from reader.annotation.cached_annotator import CachedAnnotator, load_cached_annotator
from reader.annotation.stats import annotator_article_stats
from reader.articles import default_article
from reader.errors import ReaderError
from reader.glossary.store import Glossary, GlossarySet
from reader.language.tokens import SegmentedText
from reader.textio.reading import read_document

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator.create()


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_document(default_article().path).text


@pytest.fixture(scope="module")
def segmented(annotator: Annotator, article_text: str) -> SegmentedText:
    return annotator.segment(article_text)


@pytest.fixture
def cache(tmp_path: Path) -> AnnotationCache:
    return AnnotationCache(tmp_path / "annotations")


def fingerprint_of(annotator: Annotator) -> str:
    return annotation_fingerprint(annotator.dictionary, annotator.glossaries)


def saved(cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText) -> Path:
    assert save_annotation(annotator, segmented, cache)
    return cache.path_for(segmented.text)


def test_round_trip_gives_the_full_annotators_tokens_and_pinyin(
    cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText, article_text: str
) -> None:
    saved(cache, annotator, segmented)

    cached = load_cached_annotator(article_text, cache=cache)

    assert isinstance(cached, CachedAnnotator)
    again = cached.segment(article_text)
    assert list(again) == list(segmented)  # same text, offsets, kinds and tags
    assert len(again) > 3000
    for index in range(len(segmented)):
        assert cached.pinyin(again, index) == annotator.pinyin(segmented, index), index
        assert cached.word_info(again, index) == annotator.word_info(segmented, index), index


def test_the_article_statistics_come_back_with_the_annotation_without_a_count(
    cache: AnnotationCache,
    annotator: Annotator,
    segmented: SegmentedText,
    article_text: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Hover waits for the Article tab's statistics at start: they are saved, not counted
    again (no HSK level or dictionary look-up), and equal to a fresh count."""
    saved(cache, annotator, segmented)
    counted = annotator_article_stats(annotator, segmented)
    import reader.annotation.stats as stats_module

    def no_count(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the statistics were counted again")

    monkeypatch.setattr(stats_module, "compute_article_stats", no_count)
    monkeypatch.setattr(stats_module, "hsk_level", no_count)

    cached = load_cached_annotator(article_text, cache=cache)

    assert cached is not None
    assert cached.saved_stats() == counted
    assert counted.words > 2000 and counted.not_in_dictionary


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param(None, id="missing"),
        pytest.param((1, 2, 3), id="too-short"),
        pytest.param((1, 2, -3, 4, (), ()), id="negative-count"),
        pytest.param((1, 2, 3, 4, ((1, "5"),), ()), id="level-count-not-a-number"),
        pytest.param((1, 2, 3, 4, (), (7,)), id="unknown-word-not-text"),
    ],
)
def test_saved_statistics_of_the_wrong_shape_make_the_entry_unusable(
    cache: AnnotationCache,
    annotator: Annotator,
    segmented: SegmentedText,
    monkeypatch: pytest.MonkeyPatch,
    fields: object,
) -> None:
    """An entry whose statistics are not what the reader writes is ignored, never shown."""
    import reader.annotation.cache as cache_module

    monkeypatch.setattr(cache_module, "_stats_fields", lambda _stats: fields)
    saved(cache, annotator, segmented)

    assert cache.load(segmented.text, fingerprint_of(annotator)) is None


def test_the_cached_annotator_describes_words_like_the_full_one(
    cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText, article_text: str
) -> None:
    saved(cache, annotator, segmented)
    cached = load_cached_annotator(article_text, cache=cache)
    assert cached is not None

    for word in ("河长制", "城市", "广州", "行长", "北京"):  # 北京 is not in the article
        assert cached.describe(word) == annotator.describe(word), word
    assert cached.describe("城市").gloss.startswith("city")
    with pytest.raises(ValueError):
        cached.segment("另一篇文章")


def test_a_text_never_saved_has_no_entry(
    cache: AnnotationCache, annotator: Annotator, article_text: str
) -> None:
    assert cache.load(article_text, fingerprint_of(annotator)) is None
    assert not cache.holds(article_text)
    assert load_cached_annotator(article_text, cache=cache) is None


def test_a_first_opening_loads_no_dictionary_for_the_cache(
    cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText, tmp_path: Path
) -> None:
    # The full annotator loads the dictionary next: a miss must not load it first.
    broken = tmp_path / "broken.u8"
    broken.write_bytes(b"\xff\xfe not a dictionary")
    assert load_cached_annotator("从未打开的文章", broken, cache) is None  # nothing read, no error

    saved(cache, annotator, segmented)
    assert cache.holds(segmented.text)
    with pytest.raises(ReaderError):  # an entry exists: now the dictionary is loaded
        load_cached_annotator(segmented.text, broken, cache)


def test_fingerprint_changes_with_the_glossaries_terms_and_readings(
    annotator: Annotator,
) -> None:
    terms = annotator.glossaries.terms()
    first = terms[0]
    reread = replace(first, pinyin=first.pinyin.upper())
    changed_reading = GlossarySet([Glossary("test", (reread, *terms[1:]))])
    one_term_less = GlossarySet([Glossary("test", tuple(terms[1:]))])
    same_terms = GlossarySet([Glossary("test", tuple(terms))])

    base = fingerprint_of(annotator)
    assert annotation_fingerprint(annotator.dictionary, same_terms) == base
    assert annotation_fingerprint(annotator.dictionary, changed_reading) != base
    assert annotation_fingerprint(annotator.dictionary, one_term_less) != base
    misprinted = replace(first, variants=(*first.variants, "慧智管理"))
    with_variant = GlossarySet([Glossary("test", (misprinted, *terms[1:]))])
    assert annotation_fingerprint(annotator.dictionary, with_variant) != base


def test_an_entry_for_other_glossaries_is_not_used(
    cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText
) -> None:
    saved(cache, annotator, segmented)
    fewer = GlossarySet([Glossary("test", tuple(annotator.glossaries.terms()[1:]))])
    assert cache.load(segmented.text, annotation_fingerprint(annotator.dictionary, fewer)) is None


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:-10], id="truncated"),
        pytest.param(lambda data: data[:20], id="truncated-header"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]), id="flipped-byte"),
        pytest.param(
            lambda data: data[:8] + (FORMAT_VERSION + 1).to_bytes(4, "little") + data[12:],
            id="other-version",
        ),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"not an annotation at all" * 10, id="garbage"),
    ],
)
def test_damaged_or_foreign_entries_are_ignored_and_rebuilt(
    cache: AnnotationCache, annotator: Annotator, segmented: SegmentedText, damage
) -> None:
    path = saved(cache, annotator, segmented)
    path.write_bytes(damage(path.read_bytes()))
    fingerprint = fingerprint_of(annotator)

    assert cache.load(segmented.text, fingerprint) is None

    assert save_annotation(annotator, segmented, cache)
    found = cache.load(segmented.text, fingerprint)
    assert found is not None and found.segmented.starts == segmented.starts


def test_an_unwritable_cache_folder_only_means_no_cache(
    tmp_path: Path, annotator: Annotator, segmented: SegmentedText
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    cache = AnnotationCache(blocker / "annotations")

    assert save_annotation(annotator, segmented, cache) is False
    assert cache.load(segmented.text, fingerprint_of(annotator)) is None
    assert load_cached_annotator(segmented.text, cache=cache) is None


def test_only_the_most_recently_used_entries_are_kept(tmp_path: Path, annotator: Annotator) -> None:
    cache = AnnotationCache(tmp_path / "annotations", max_entries=2)
    fingerprint = fingerprint_of(annotator)
    texts = ["第一篇文章。", "第二篇文章。", "第三篇文章。"]
    for text in texts:
        segmented = annotator.segment(text)
        pinyin = [annotator.pinyin(segmented, i) for i in range(len(segmented))]
        assert cache.save(
            segmented, pinyin, annotator_article_stats(annotator, segmented), fingerprint
        )

    assert cache.load(texts[0], fingerprint) is None
    assert cache.load(texts[1], fingerprint) is not None
    assert cache.load(texts[2], fingerprint) is not None
    assert len(list(cache.folder.iterdir())) == 2


def test_loading_from_the_cache_needs_neither_jieba_nor_pypinyin(
    tmp_path: Path, annotator: Annotator, segmented: SegmentedText
) -> None:
    folder = tmp_path / "annotations"
    saved(AnnotationCache(folder), annotator, segmented)
    script = f"""
import sys
from pathlib import Path
from reader.annotation.cache import AnnotationCache
from reader.articles import default_article
from reader.annotation.cached_annotator import load_cached_annotator
from reader.textio.reading import read_document

text = read_document(default_article().path).text
cached = load_cached_annotator(text, cache=AnnotationCache(Path({str(folder)!r})))
segmented = cached.segment(text)
index = segmented.index_at(text.index("河长制"))
assert cached.word_info(segmented, index).pinyin == ("hé", "zhǎng", "zhì")
heavy = ["jieba", "pypinyin", "reader.annotation.annotator", "reader.language.segment",
         "reader.language.pinyin"]
print(sorted(name for name in heavy if name in sys.modules))
"""
    # the same data and cache folders as this test run, never the user's
    environment = dict(os.environ, **{paths.DATA_DIR_ENV: str(paths.cache_dir().parent)})
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
