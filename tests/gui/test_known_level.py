"""I know HSK levels 1–N (first-run question, menu, undo) and the popup after Add."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from reader.language.hsk import hsk_level
from reader.ui.known_level import KnownLevel, install_known_level
from reader.ui.main_window import MainWindow
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.vocabulary_features import VocabularyFeatures, install_vocabulary_features
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Status, VocabWord


@pytest.fixture
def store(data_dir: Path):
    opened = VocabularyStore.open()
    yield opened
    opened.close()


@pytest.fixture
def features(window: MainWindow, store: VocabularyStore) -> VocabularyFeatures:
    return install_vocabulary_features(window, store)


@pytest.fixture
def known_level(window: MainWindow, features: VocabularyFeatures) -> KnownLevel:
    return install_known_level(window, features)


def shown_words(window: MainWindow) -> set[str]:
    view = window.view()
    segmented = view.segmented()
    return {segmented.token(label.index).text for label in view.ruby_labels()}


def test_a_first_start_asks_once_and_not_now_is_remembered(
    qtbot, window: MainWindow, known_level: KnownLevel
) -> None:
    assert known_level.offer_on_first_run()
    qtbot.waitUntil(lambda: known_level.dialog() is not None and known_level.dialog().isVisible())
    known_level.dialog().reject()
    assert window.settings().known_hsk_level() == 0
    assert not known_level.offer_on_first_run()


def test_no_question_when_words_are_already_saved(
    window: MainWindow, store: VocabularyStore, features: VocabularyFeatures
) -> None:
    store.add(VocabWord("城市", "chéng shì", status=Status.LEARNING))
    features.session().mark_known([])  # refresh from the store
    assert not install_known_level(window, features).offer_on_first_run()


def test_choosing_a_level_marks_its_words_known_and_pinyin_stays_above_the_rest(
    qtbot,
    window: MainWindow,
    store: VocabularyStore,
    features: VocabularyFeatures,
    known_level: KnownLevel,
) -> None:
    store.add(VocabWord("发展", "fā zhǎn", status=Status.LEARNING))
    features.session().mark_known([])  # refresh from the store
    menu_actions = [action.objectName() for action in features.menu().actions()]
    assert menu_actions.index("vocabulary_known_level") == (
        menu_actions.index("vocabulary_mark_known") + 1
    )
    known_level.action().trigger()
    dialog = known_level.dialog()
    qtbot.waitUntil(dialog.isVisible)
    dialog.choose(3)
    dialog.accept()

    assert window.settings().known_hsk_level() == 3
    assert window.view().pinyin_mode() is PinyinMode.ABOVE_UNKNOWN
    assert store.get("城市").status is Status.KNOWN  # HSK 3
    assert store.get("人口").status is Status.KNOWN  # HSK 2
    assert store.get("发展").status is Status.LEARNING  # saved before: kept
    assert store.get("治理") is None  # HSK 5: still unknown
    window.view().verticalScrollBar().setValue(0)
    words = set()
    bar = window.view().verticalScrollBar()
    while True:  # every screen of the article
        words |= shown_words(window)
        if bar.value() >= bar.maximum():
            break
        bar.setValue(bar.value() + bar.pageStep())
    assert "广州" in words and "治理" in words and "发展" in words
    assert not {word for word in words if (hsk_level(word) or 9) <= 3} - {"发展"}

    features.saving().undo_stack().undo()
    assert store.get("城市") is None
    assert store.get("发展").status is Status.LEARNING


def test_the_menu_opens_on_the_level_chosen_before(
    qtbot, window: MainWindow, known_level: KnownLevel
) -> None:
    window.settings().set_known_hsk_level(4)
    dialog = known_level.ask()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.findChild(QComboBox, "knownLevel").currentData() == 4
    dialog.reject()
    assert window.settings().known_hsk_level() == 4


def test_adding_from_the_popup_changes_the_popup(
    qtbot, window: MainWindow, store: VocabularyStore, features: VocabularyFeatures
) -> None:
    view = window.view()
    segmented = view.segmented()
    index = next(i for i in range(len(segmented)) if segmented.token(i).text == "河长制")
    view.activate(index)
    popup = view.popup()
    popup.add_button().click()
    assert store.get("河长制") is not None
    assert not popup.add_button().isEnabled()
    assert popup.add_button().text() == "In vocabulary (new)"
