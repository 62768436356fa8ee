"""The dictionary popup: glossary terms, words with several readings, links, escaping, buttons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reader.annotation.annotator import Annotator, WordInfo
from reader.articles import default_article
from reader.glossary.term import GlossaryTerm
from reader.language.tokens import TokenKind
from reader.textio.reading import read_document
from reader.ui.article_view import ArticleView
from reader.ui.word_popup import WordPopup, word_from_link, word_link
from reader.vocab.word import Status, VocabWord


@pytest.fixture
def view(qtbot, annotator: Annotator) -> ArticleView:
    text = read_document(default_article().path).text
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    return view


def open_popup_on(view: ArticleView, word: str) -> WordPopup:
    """Open the popup on the first token that is exactly ``word``."""
    segmented = view.segmented()
    index = next(i for i in range(len(segmented)) if segmented.token(i).text == word)
    view.activate(index)
    popup = view.popup()
    assert popup is not None and popup.isVisible()
    return popup


def test_glossary_term_shows_the_glossary_entry_and_its_explanation(view: ArticleView) -> None:
    popup = open_popup_on(view, "河长制")
    text = popup.plain_text()
    term = view.annotator().glossaries.lookup("河长制")
    assert popup.current_word() == "河长制"
    assert "hé zhǎng zhì" in text
    assert term.english in text and term.explanation in text
    assert "Characters" in text
    for char in "河长制":
        assert f"{char} " in text
    assert set(term.related) <= set(popup.links())


def test_the_misprinted_name_shows_the_real_one(view: ArticleView) -> None:
    text = open_popup_on(view, "慧智管").plain_text()
    assert "穗智管 Suì zhì guǎn" in text and "Suizhiguan" in text
    assert "huì zhì guǎn" in text  # the printed characters keep their own reading


def test_a_word_with_several_readings_lists_every_entry(view: ArticleView) -> None:
    segmented, annotator = view.segmented(), view.annotator()
    several = next(
        index
        for index in range(len(segmented))
        if segmented.token(index).kind is TokenKind.HAN
        and len({entry.pinyin for entry in annotator.word_info(segmented, index).entries}) > 1
    )
    word = segmented.token(several).text
    view.activate(several)
    popup = view.popup()
    entries = annotator.dictionary.lookup(word)
    text = popup.plain_text()
    assert popup.current_word() == word
    for entry in entries:
        assert entry.pinyin in text
        for sense in entry.senses:
            assert sense in text


def test_traditional_forms_classifiers_and_hsk_are_shown(view: ArticleView) -> None:
    popup = open_popup_on(view, "城市")
    text = popup.plain_text()
    entries = view.annotator().dictionary.lookup("城市")
    assert any(entry.traditional in text for entry in entries)
    info = popup.word_info()
    assert info.hsk is not None and f"HSK {info.hsk}" in text
    classifiers = [c for entry in entries for c in entry.classifiers]
    if classifiers:
        assert "Measure word" in text and classifiers[0].simplified in popup.links()


def test_cross_reference_link_shows_the_word_and_back_returns(view: ArticleView) -> None:
    popup = open_popup_on(view, "河长制")
    related = view.annotator().glossaries.lookup("河长制").related[0]
    popup.browser().anchorClicked.emit(QUrl(word_link(related)))
    assert popup.current_word() == related
    QTest.keyClick(popup, Qt.Key.Key_Backspace)
    assert popup.current_word() == "河长制"


def test_links_round_trip_words() -> None:
    assert word_from_link(QUrl(word_link("亚"))) == "亚"
    assert word_from_link(QUrl("http://example.com")) is None


def test_escape_closes_the_popup(qtbot, view: ArticleView) -> None:
    popup = open_popup_on(view, "广州")
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())


def test_buttons_add_copy_and_search(qtbot, view: ArticleView) -> None:
    popup = open_popup_on(view, "河长制")
    with qtbot.waitSignal(view.add_word_requested) as added:
        popup.add_button().click()
    info, sentence = added.args
    assert info.token.text == "河长制" and "河长制" in sentence
    popup.copy_button().click()
    assert QApplication.clipboard().text() == "河长制"
    with qtbot.waitSignal(view.dictionary_search_requested) as searched:
        popup.search_button().click()
    assert searched.args == ["河长制"]
    assert not popup.isVisible()


def test_dictionary_and_glossary_strings_are_escaped(qtbot, annotator: Annotator) -> None:
    described = annotator.describe("河长制")
    hostile = GlossaryTerm(
        term="河长制",
        pinyin="hé zhǎng zhì",
        english="<b>bold</b> & <img src='file:///x'>",
        explanation="<script>alert(1)</script>",
        category="a<i>b",
        related=("<a href='x'>",),
    )
    info = WordInfo(described.token, described.pinyin, described.entries, hostile, described.hsk)
    popup = WordPopup()
    qtbot.addWidget(popup)
    popup.show_word(info, annotator, "", QRect(10, 10, 20, 20))
    html = popup.html()
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html
    text = popup.plain_text()
    assert "<b>bold</b> & <img src='file:///x'>" in text
    assert "<script>alert(1)</script>" in text


def test_the_characters_are_explained_as_read_in_the_word(
    view: ArticleView, annotator: Annotator
) -> None:
    text = "我觉得广州很好。"
    view.set_text(text)
    view.set_annotation(annotator.segment(text), annotator)
    popup = open_popup_on(view, "觉得")
    characters = popup.plain_text().split("Characters", 1)[1]
    assert characters.index("jué") < characters.index("jiào")
    assert "to feel" in characters and "a nap" not in characters
    popup = open_popup_on(view, "广州")
    characters = popup.plain_text().split("Characters", 1)[1]
    assert "wide" in characters and "radical" not in characters


def test_clicking_punctuation_opens_nothing(qtbot, view: ArticleView) -> None:
    segmented = view.segmented()
    comma = next(i for i in range(len(segmented)) if segmented.token(i).text == "，")
    view.activate(comma)
    assert view.popup() is None or not view.popup().isVisible()


def test_the_popup_says_when_its_word_was_saved(qtbot, view: ArticleView) -> None:
    popup = open_popup_on(view, "河长制")
    assert popup.add_button().isEnabled()
    view.show_saved_word(VocabWord("河长制", "hé zhǎng zhì", status=Status.NEW))
    assert not popup.add_button().isEnabled()
    assert "In vocabulary" in popup.add_button().text()
    open_popup_on(view, "广州")
    assert popup.add_button().isEnabled()  # another word: it can be added
