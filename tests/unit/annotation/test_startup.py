"""The start-up policy without Qt: which annotator answers, and when the article is read again.

Real data throughout: the bundled article, the bundled CC-CEDICT, the
annotation cache in the test's data directory.
"""

from __future__ import annotations

import gc
import uuid
from pathlib import Path

import pytest

from reader.annotation.annotator import Annotator
from reader.annotation.cache import AnnotationCache, save_annotation
from reader.annotation.cached_annotator import CachedAnnotator
from reader.annotation.startup import (
    AnnotatorStartup,
    StartPhase,
    StartStep,
    annotate_article,
    collector_paused,
    full_annotator_for,
    start_from_cache,
)
from reader.annotation.stats import annotator_article_stats
from reader.annotation.word_info import WordAnnotator
from reader.articles import default_article
from reader.textio.reading import read_document


@pytest.fixture(scope="module")
def article_text() -> str:
    return read_document(default_article().path).text


@pytest.fixture(scope="module")
def full() -> Annotator:
    return Annotator.create()


def _saved(full: Annotator, text: str) -> None:
    assert save_annotation(full, full.segment(text), AnnotationCache())


def test_nothing_is_loaded_twice_and_a_given_annotator_is_used_at_once(full) -> None:
    given = AnnotatorStartup(full)
    assert given.start("某文") is StartStep.USE_GIVEN
    assert given.start("某文") is StartStep.ALREADY_STARTED
    assert given.phase is StartPhase.READY

    fresh = AnnotatorStartup()
    assert fresh.start(None) is StartStep.FULL  # no article: nothing to answer from the cache
    assert fresh.phase is StartPhase.LOADING
    assert fresh.annotator is None
    assert not fresh.can_annotate("文章")


def test_an_article_not_in_the_cache_waits_for_the_full_annotator(
    data_dir: Path, article_text: str
) -> None:
    # The cache folder is shared by the session: a text nobody saved.
    never_opened = f"{article_text}\n{uuid.uuid4()}"
    startup = AnnotatorStartup()
    assert startup.start(never_opened) is StartStep.FROM_CACHE
    start = start_from_cache(None, never_opened)

    assert start is None
    assert not startup.cached_start_arrived(start, never_opened)
    assert startup.phase is StartPhase.LOADING
    assert not startup.loading_behind_cache()  # nothing answers yet: nothing to keep fast


def test_a_saved_article_answers_from_the_cache_then_the_full_annotator_takes_over_quietly(
    data_dir: Path, full: Annotator, article_text: str
) -> None:
    _saved(full, article_text)
    startup = AnnotatorStartup()
    startup.start(article_text)
    start = start_from_cache(None, article_text)
    assert start is not None

    assert startup.cached_start_arrived(start, article_text)
    assert startup.phase is StartPhase.PROVISIONAL
    assert startup.loading_behind_cache()  # what can wait (the features) waits for use()
    assert startup.annotator is start.annotator
    assert not startup.saves_annotations()  # only the full annotator's readings are saved
    assert not startup.can_annotate(article_text + "。")  # jieba is needed for another text
    # The cached start shows the same tokens and statistics the full annotator would.
    expected = annotate_article(full, article_text)
    assert start.article.segmented.text == expected.segmented.text
    assert list(start.article.segmented) == list(expected.segmented)
    assert start.article.stats == expected.stats

    later = full_annotator_for(start.annotator)
    assert startup.full_arrived(start.annotator)
    replacement = startup.use(later, start.article.segmented)
    assert not replacement.reannotate  # same dictionary and glossaries: same reading
    assert startup.phase is StartPhase.READY
    assert not startup.loading_behind_cache()
    assert startup.saves_annotations()
    assert startup.can_annotate("另一篇文章")


def test_a_cached_start_for_text_no_longer_on_screen_is_refused(
    data_dir: Path, full: Annotator, article_text: str
) -> None:
    _saved(full, article_text)
    startup = AnnotatorStartup()
    startup.start(article_text)
    start = start_from_cache(None, article_text)

    assert not startup.cached_start_arrived(start, "另一篇文章")  # the learner opened another
    assert startup.annotator is None


def test_a_newer_annotator_wins_over_the_late_full_one_and_changed_glossaries_reread(
    data_dir: Path, full: Annotator, article_text: str
) -> None:
    _saved(full, article_text)
    startup = AnnotatorStartup()
    startup.start(article_text)
    start = start_from_cache(None, article_text)
    assert start is not None and startup.cached_start_arrived(start, article_text)

    # Glossaries changed while jieba loaded: a new annotator over new glossaries took over.
    rebuilt = full.with_glossaries(full.glossaries.__class__.load_active())
    assert startup.use(rebuilt, start.article.segmented).reannotate
    assert not startup.full_arrived(start.annotator)  # the late full annotator is dropped


def test_both_annotators_satisfy_the_seam(data_dir: Path, full: Annotator, article_text: str):
    _saved(full, article_text)
    start = start_from_cache(None, article_text)
    assert start is not None
    annotators: list[WordAnnotator] = [full, start.annotator]
    assert isinstance(start.annotator, CachedAnnotator)
    for annotator in annotators:
        segmented = annotator.segment(article_text)
        stats = annotator_article_stats(annotator, segmented)
        assert stats.words > 1000
        assert annotator.describe("河长制").glossary is not None


def test_the_collector_is_paused_only_for_the_load_and_restored_after_errors() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("the load failed")
    assert gc.isenabled()
