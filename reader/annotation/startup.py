"""How the window gets its annotator: the start-up policy, without Qt.

Loading the full ``Annotator`` (jieba, pypinyin, the CC-CEDICT index) takes
about a second.  When the annotation cache holds the open article (it usually
does: every article the full annotator reads is saved there), a
``CachedAnnotator`` built from that saved annotation answers hover at once,
and the full annotator, loaded next, takes over quietly.  ``AnnotatorStartup``
decides which annotator answers and what to load next; the functions here
are the jobs it asks for, meant to run in a background worker.  The window
runs the jobs and shows the states; it holds no policy of its own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:  # the window imports this module before it is painted
    from reader.annotation.cached_annotator import CachedAnnotator
    from reader.annotation.stats import ArticleStats
    from reader.annotation.word_info import WordAnnotator
    from reader.language.tokens import SegmentedText


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk load.

    Loading jieba and the dictionary makes a million objects and no cycles,
    and every collection it would set off walks all of them.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """One article's tokens and statistics, as the worker hands them back."""

    segmented: SegmentedText
    stats: ArticleStats


@dataclass(frozen=True, slots=True)
class CachedStart:
    """The open article annotated from the cache, before the full annotator exists."""

    annotator: CachedAnnotator
    article: AnnotatedArticle


def load_full_annotator(cedict_source: Path | None) -> WordAnnotator:
    """The full annotator over ``cedict_source`` (None: bundled CC-CEDICT) and the glossaries."""
    with collector_paused():
        # Imported here, in the worker, so that jieba loads after the first paint.
        from reader.annotation.annotator import Annotator

        return Annotator.create(cedict_source)


def full_annotator_for(cached: CachedAnnotator) -> WordAnnotator:
    """The full annotator over the cached one's dictionary and glossaries (same results)."""
    with collector_paused():
        return cached.with_glossaries(cached.glossaries)


def start_from_cache(cedict_source: Path | None, text: str) -> CachedStart | None:
    """``text`` annotated from its saved annotation; None when the cache cannot answer."""
    from reader.annotation.cached_annotator import load_cached_annotator

    try:
        annotator = load_cached_annotator(text, cedict_source)
    except ReaderError:
        return None  # the full annotator meets the same problem and reports it
    if annotator is None:
        return None
    # the statistics were saved with the annotation: hover need not wait for a count
    article = AnnotatedArticle(annotator.segment(text), annotator.saved_stats())
    return CachedStart(annotator, article)


def annotate_article(annotator: WordAnnotator, text: str) -> AnnotatedArticle:
    """Segment ``text`` and count what the Article tab shows."""
    from reader.annotation.stats import annotator_article_stats

    segmented = annotator.segment(text)
    return AnnotatedArticle(segmented, annotator_article_stats(annotator, segmented))


def save_article_annotation(annotator: WordAnnotator, article: AnnotatedArticle) -> None:
    """Save what the full annotator reads in ``article`` (and its statistics) for the next
    start."""
    from reader.annotation.cache import save_annotation

    # so that no hover or paint waits for the polyphone model
    annotator.read_ahead(article.segmented)
    save_annotation(annotator, article.segmented, stats=article.stats)


class StartPhase(Enum):
    """Where the annotator's start-up is."""

    NOT_STARTED = "not started"
    LOADING = "loading"  # nothing answers yet
    PROVISIONAL = "provisional"  # a CachedAnnotator answers for the open article
    READY = "ready"  # a full annotator answers


class StartStep(Enum):
    """What ``AnnotatorStartup.start`` asks the caller to do next."""

    ALREADY_STARTED = "already started"  # nothing: start() was called before
    USE_GIVEN = "use given"  # an annotator was given: use() it, nothing to load
    FROM_CACHE = "from cache"  # run start_from_cache, then cached_start_arrived
    FULL = "full"  # run load_full_annotator, then use()


@dataclass(frozen=True, slots=True)
class Replacement:
    """What changing the annotator means for the article on screen."""

    reannotate: bool
    """False when the new annotator would find exactly the tokens and readings on screen."""


class AnnotatorStartup:
    """Which annotator answers now, and what to load next (see the module docstring)."""

    def __init__(self, annotator: WordAnnotator | None = None) -> None:
        self._annotator = annotator
        self._provisional: CachedAnnotator | None = None
        self._phase = StartPhase.NOT_STARTED

    @property
    def phase(self) -> StartPhase:
        return self._phase

    @property
    def annotator(self) -> WordAnnotator | None:
        """The annotator that answers now: cached, full, or None while loading."""
        return self._annotator

    def start(self, open_text: str | None) -> StartStep:
        """Begin (once): what to load, given the text on screen (None: no article yet)."""
        if self._phase is not StartPhase.NOT_STARTED:
            return StartStep.ALREADY_STARTED
        if self._annotator is not None:
            self._phase = StartPhase.READY
            return StartStep.USE_GIVEN
        self._phase = StartPhase.LOADING
        return StartStep.FULL if open_text is None else StartStep.FROM_CACHE

    def cached_start_arrived(self, start: CachedStart | None, open_text: str | None) -> bool:
        """Take the cached annotator if it still fits the text on screen.

        True: it answers now and ``full_annotator_for`` should run next.
        False: load the full annotator (``load_full_annotator``) instead.
        """
        if (
            start is None
            or self._annotator is not None
            or open_text is None
            or not start.annotator.covers(open_text)
        ):
            return False
        self._annotator = start.annotator
        self._provisional = start.annotator
        self._phase = StartPhase.PROVISIONAL
        return True

    def full_arrived(self, cached: CachedAnnotator) -> bool:
        """Whether the full annotator made for ``cached`` should still take over.

        False when another annotator (changed glossaries or dictionary) took
        over meanwhile.
        """
        return self._annotator is cached

    def use(self, annotator: WordAnnotator, on_screen: SegmentedText | None) -> Replacement:
        """Answer with ``annotator`` from now on; ``on_screen`` is the annotation shown, if any.

        The full annotator that replaces a ``CachedAnnotator`` over the same
        dictionary and glossaries finds the same tokens and readings, so the
        article on screen need not be read again.
        """
        provisional, self._provisional = self._provisional, None
        self._annotator = annotator
        self._phase = StartPhase.READY
        same_reading = (
            provisional is not None
            and on_screen is not None
            and provisional.covers(on_screen.text)
            and annotator.dictionary is provisional.dictionary
            and annotator.glossaries is provisional.glossaries
        )
        return Replacement(reannotate=not same_reading)

    def can_annotate(self, text: str) -> bool:
        """Whether the annotator now answering can segment ``text``."""
        if self._annotator is None:
            return False
        return self._provisional is None or self._provisional.covers(text)

    def loading_behind_cache(self) -> bool:
        """Whether the full annotator is still loading in the worker while a cached one answers.

        UI-thread work meanwhile competes with that load for the interpreter
        (the GIL) and delays it, so what can wait (the window's features:
        glossary and vocabulary menus and tabs) waits until ``use`` has taken
        the full annotator.
        """
        return self._phase is StartPhase.PROVISIONAL

    def saves_annotations(self) -> bool:
        """Whether what is annotated now should go into the cache (only the full annotator's)."""
        return self._annotator is not None and self._provisional is None
