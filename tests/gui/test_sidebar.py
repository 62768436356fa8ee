"""The sidebar: article statistics and the dictionary search."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QPoint, QRect, QUrl
from PySide6.QtWidgets import QLabel

from reader.annotation.annotator import Annotator
from reader.annotation.stats import compute_article_stats
from reader.dictionary.search import QueryKind, detect_query_kind, search
from reader.language.hsk import hsk_level
from reader.ui.main_window import MainWindow
from reader.ui.sidebar import Sidebar
from reader.ui.sidebar.dictionary_search import SearchResultsModel, entry_details_html

from .conftest import ANNOTATION_TIMEOUT_MS


@pytest.fixture
def sidebar(qtbot, annotator: Annotator) -> Sidebar:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.dictionary_search().set_annotator(annotator)
    return sidebar


def search_in_tab(qtbot, sidebar: Sidebar, query: str) -> list:
    panel = sidebar.dictionary_search()
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        sidebar.show_dictionary_search(query)
    return list(panel.results_model().entries())


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("河长制", QueryKind.CHARACTERS),
        ("he2 zhang3 zhi4", QueryKind.PINYIN),
        ("hé zhǎng zhì", QueryKind.PINYIN),
        ("hezhangzhi", QueryKind.PINYIN_OR_ENGLISH),
        ("river", QueryKind.ENGLISH),
        ("to govern a city", QueryKind.ENGLISH),
    ],
)
def test_query_kind_is_detected(query: str, kind: QueryKind) -> None:
    assert detect_query_kind(query) is kind


def test_the_article_tab_shows_the_articles_numbers(
    window: MainWindow, annotator: Annotator
) -> None:
    segmented = annotator.segment(window.view().text())
    expected = compute_article_stats(
        segmented,
        hsk_level=hsk_level,
        in_dictionary=lambda w: w in annotator.dictionary or annotator.glossaries.lookup(w),
    )

    tab = window.sidebar().article_tab()
    shown = tab.shown_values()
    assert shown["words"] == f"{expected.words:,}"
    assert shown["distinct_words"] == f"{expected.distinct_words:,}"
    assert shown["characters"] == f"{expected.characters:,}"
    assert shown["HSK 1"].startswith(f"{dict(expected.hsk_levels)[1]:,} (")
    assert tab.unknown_words_shown() == list(expected.not_in_dictionary)
    assert all(annotator.glossaries.lookup(w) is None for w in tab.unknown_words_shown())
    assert window.sidebar().tabText(0) == "Article"


def test_search_by_characters_finds_the_word_and_longer_ones(qtbot, sidebar: Sidebar) -> None:
    found = search_in_tab(qtbot, sidebar, "城市")

    assert found[0].simplified == "城市"
    assert any(e.simplified.startswith("城市") and len(e.simplified) > 2 for e in found)
    assert "city" in sidebar.dictionary_search().details_text().lower()


@pytest.mark.parametrize("query", ["cheng2 shi4", "chéng shì", "chengshi"])
def test_search_by_pinyin_in_any_notation(qtbot, sidebar: Sidebar, query: str) -> None:
    found = search_in_tab(qtbot, sidebar, query)

    assert "城市" in [e.simplified for e in found[:5]]


def test_search_by_english(qtbot, sidebar: Sidebar) -> None:
    found = search_in_tab(qtbot, sidebar, "river")

    assert "河" in [e.simplified for e in found[:10]]
    assert "English" in sidebar.dictionary_search().status_text()


def test_forcing_english_skips_pinyin_readings(qtbot, sidebar: Sidebar) -> None:
    panel = sidebar.dictionary_search()
    panel.set_query_kind(QueryKind.ENGLISH)
    found = search_in_tab(qtbot, sidebar, "he")

    assert found and all("he" in " ".join(e.senses).lower() for e in found)


def test_details_show_every_reading_and_follow_links(qtbot, sidebar: Sidebar) -> None:
    search_in_tab(qtbot, sidebar, "行")
    details = sidebar.dictionary_search().details_text()

    assert "xíng" in details and "háng" in details

    panel = sidebar.dictionary_search()
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        panel.details_browser().anchorClicked.emit(QUrl("word:城市"))  # a clicked link
    assert panel.query_edit().text() == "城市"


def test_details_show_the_glossary_term(annotator: Annotator) -> None:
    term = annotator.glossaries.lookup("河长制")
    assert term is not None
    text = entry_details_html(term.term, annotator)

    assert "Glossary:" in text
    assert html.escape(term.english) in text
    assert html.escape(term.explanation) in text


def test_dictionary_strings_are_escaped(annotator: Annotator) -> None:
    text = entry_details_html("<b>&", annotator)

    assert "<b>&" not in text
    assert "&lt;b&gt;&amp;" in text


def test_search_results_model_passes_the_model_tester(qtmodeltester, annotator) -> None:
    model = SearchResultsModel()
    model.set_results(search(annotator.dictionary, annotator.glossaries, "河"))
    assert model.terms() and model.entries()  # both kinds of row

    assert model.rowCount() > 1
    qtmodeltester.check(model)


def test_searching_without_a_dictionary_waits(qtbot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)

    assert not sidebar.dictionary_search().query_edit().isEnabled()


def test_other_features_can_add_tabs(qtbot) -> None:
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)

    index = sidebar.add_tab(QLabel("词汇"), "Vocabulary")

    assert index == 2
    assert sidebar.tabText(index) == "Vocabulary"


@pytest.mark.parametrize("query", ["河长制", "hezhangzhi", "he2 zhang3 zhi4", "river chief"])
def test_glossary_terms_are_found_by_characters_pinyin_and_english(
    qtbot, sidebar: Sidebar, query: str
) -> None:
    panel = sidebar.dictionary_search()
    with qtbot.waitSignal(panel.results_shown, timeout=10_000):
        sidebar.show_dictionary_search(query)

    model = panel.results_model()
    assert "河长制" in [term.term for term in model.terms()]
    row = next(i for i, item in enumerate(model.items()) if getattr(item, "term", "") == "河长制")
    panel.results_view().setCurrentIndex(model.index(row, 0))
    assert "河长制" in panel.details_text() and "Glossary" in panel.details_text()


def test_the_dictionary_tab_shows_a_ready_search_given_the_annotator_before(
    qtbot, annotator: Annotator
) -> None:
    """The search is built when its tab is first shown (it is not part of the first
    screen); the annotator handed over before that is the one it searches with."""
    from reader.ui.background_worker import BackgroundWorker
    from reader.ui.sidebar.dictionary_search import DictionarySearch

    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    worker = BackgroundWorker(sidebar)
    sidebar.set_dictionary_annotator(annotator, worker)
    sidebar.show()
    qtbot.waitExposed(sidebar)
    index = next(i for i in range(sidebar.count()) if sidebar.tabText(i) == "Dictionary")

    sidebar.tabBar().setCurrentIndex(index)

    search = sidebar.currentWidget().findChild(DictionarySearch)
    assert search is not None and search is sidebar.dictionary_search()
    qtbot.waitUntil(search.isVisible)
    assert search.query_edit().isEnabled()
    with qtbot.waitSignal(search.results_shown, timeout=ANNOTATION_TIMEOUT_MS):
        search.search_for("城市")
    assert any(e.simplified == "城市" for e in search.results_model().entries())
    worker.shutdown()


@pytest.mark.parametrize("height", [220, 360, 900])
def test_no_row_of_the_article_tab_is_squeezed_in_a_short_window(
    qtbot, annotator: Annotator, height: int
) -> None:
    """A short window used to press the HSK rows on top of each other: the tab scrolls
    instead, every row keeps its height, and rows do not overlap."""
    from reader.ui.sidebar.article_tab import ArticleTab

    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    text = "我们在北京的大学学习中文。河长制是一项制度。" * 3
    sidebar.article_tab().set_stats(
        compute_article_stats(
            annotator.segment(text),
            hsk_level=hsk_level,
            in_dictionary=lambda word: word in annotator.dictionary,
        )
    )
    sidebar.resize(320, height)
    sidebar.show()
    qtbot.waitExposed(sidebar)

    tab = sidebar.article_tab()
    assert isinstance(tab, ArticleTab)
    rows = [label for label in tab.findChildren(QLabel) if label.isVisibleTo(tab)]
    assert len(rows) > 10
    qtbot.waitUntil(lambda: all(r.height() >= r.minimumSizeHint().height() for r in rows))

    def in_tab(label: QLabel) -> QRect:
        return QRect(label.mapTo(tab, QPoint(0, 0)), label.size())

    for first in rows:
        for second in rows:
            if first is not second:
                assert not in_tab(first).intersects(in_tab(second)), (first.text(), second.text())
