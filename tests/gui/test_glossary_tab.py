"""The Glossary tab and the underline option, in the real window on the bundled article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from reader.ui.glossary_models import OCCURRENCES_ROLE, ArticleTermsModel


@pytest.fixture
def opened(data_dir: Path, open_glossary_window):
    return open_glossary_window()


def term_rows(model: ArticleTermsModel) -> dict[str, tuple[str, int, str]]:
    """term -> (category, count, tooltip) for every row on show."""
    rows = {}
    for group_row in range(model.rowCount()):
        group = model.index(group_row, 0)
        for row in range(model.rowCount(group)):
            found = model.index(row, 0, group).data(OCCURRENCES_ROLE)
            tooltip = model.index(row, 0, group).data(Qt.ItemDataRole.ToolTipRole)
            rows[found.term.term] = (found.term.category, found.count, tooltip)
    return rows


def test_the_tab_lists_the_article_terms_with_counts_by_category(opened, qtmodeltester) -> None:
    window, features = opened
    tab = features.tab()
    qtmodeltester.check(tab.model())
    rows = term_rows(tab.model())
    text = window.view().text()

    assert rows["河长制"][:2] == ("environment", text.count("河长制"))
    assert rows["永庆坊"][1] == text.count("永庆坊") > 1
    categories = [tab.model().index(r, 0).data() for r in range(tab.model().rowCount())]
    assert any(label.startswith("environment (") for label in categories)
    assert "glossary terms" in tab.summary_text()
    assert window.sidebar().indexOf(tab) >= 0


def test_filter_by_toneless_pinyin_and_by_english(opened, qtmodeltester) -> None:
    _, features = opened
    tab = features.tab()

    tab.filter_box().setText("hezhang")
    qtmodeltester.check(tab.model())
    assert set(term_rows(tab.model())) == {"河长制", "民间河长"}
    tab.filter_box().setText("river chief")
    assert "河长制" in term_rows(tab.model())
    assert "永庆坊" not in term_rows(tab.model())
    tab.filter_box().setText("")
    assert "永庆坊" in term_rows(tab.model())


def test_selecting_a_term_highlights_every_occurrence_and_steps_through_them(opened) -> None:
    window, features = opened
    tab, view = features.tab(), window.view()
    text = view.text()
    expected = []
    start = text.find("永庆坊")
    while start >= 0:
        expected.append((start, start + 3))
        start = text.find("永庆坊", start + 3)

    assert tab.select_term("永庆坊")
    assert view.highlights() == expected
    assert tab.position_text() == f"1 of {len(expected)}"
    assert view._current_highlight == 0  # noqa: SLF001 (no public accessor for the current match)

    tab.next_occurrence()
    assert tab.position_text() == f"2 of {len(expected)}"
    assert view._current_highlight == 1  # noqa: SLF001
    tab.previous_occurrence()
    tab.previous_occurrence()
    assert tab.position_text() == f"{len(expected)} of {len(expected)}"


def test_a_quoted_term_is_highlighted_over_its_quote_marks(opened) -> None:
    window, features = opened
    assert features.tab().select_term("双区建设")
    written = [window.view().text()[s:e] for s, e in window.view().highlights()]
    assert written and all(w.replace("“", "").replace("”", "") == "双区建设" for w in written)


def test_the_tooltip_is_the_explanation(opened) -> None:
    window, features = opened
    term = window.annotator().glossaries.lookup("河长制")
    tooltip = term_rows(features.tab().model())["河长制"][2]
    shown = QTextDocumentFragment.fromHtml(tooltip).toPlainText()
    assert term.explanation in shown and term.english in shown


def test_underlining_can_be_switched_off_and_stays_off(opened, open_glossary_window) -> None:
    window, features = opened
    view = window.view()
    assert features.underlined_terms() and view._underline_terms  # noqa: SLF001

    features.action("underline_glossary_terms").trigger()
    assert not view._underline_terms  # noqa: SLF001
    window.close()

    again, features_again = open_glossary_window()
    assert not features_again.underlined_terms()
    assert not again.view()._underline_terms  # noqa: SLF001


def test_the_menus_are_in_the_window(opened) -> None:
    window, features = opened
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles.index("&Glossary") == titles.index("&Help") - 1
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert features.action("underline_glossary_terms") in view_menu.actions()
