"""Vocabulary in the reading window: saving words from the bundled article, the tab, undo."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QTextCursor
from PySide6.QtWidgets import QCheckBox, QPushButton

from reader.annotation.annotator import Annotator
from reader.articles import default_article
from reader.errors import VocabularyError
from reader.speech.espeak import NO_SOUND_MAKER
from reader.ui.dialogs.vocabulary_export import ONLY_APKG_HAS_AUDIO
from reader.ui.main_window import MainWindow
from reader.ui.pinyin_mode import PinyinMode
from reader.ui.prompts import Prompts
from reader.ui.vocabulary_features import VocabularyFeatures, install_vocabulary_features
from reader.ui.vocabulary_model import Column
from reader.ui.vocabulary_session import ANOTHER_COPY_MESSAGE
from reader.vocab.export import ExportFormat, sound_file_name
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, Status, VocabWord


class FakePrompts:
    """Answers the features' questions and records what they said."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.warnings: list[str] = []
        self.questions: list[str] = []

    def prompts(self) -> Prompts:
        return Prompts(
            warn=lambda _parent, message: self.warnings.append(message),
            confirm=lambda _parent, _title, question: self._confirm(question),
        )

    def _confirm(self, question: str) -> bool:
        self.questions.append(question)
        return self.answer


@pytest.fixture
def store(data_dir: Path):
    opened = VocabularyStore.open()
    yield opened
    opened.close()


@pytest.fixture
def answers() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def features(window: MainWindow, store: VocabularyStore, answers: FakePrompts):
    return install_vocabulary_features(window, store, answers.prompts())


def token_point(view, word: str) -> QPoint:
    """The on-screen centre of the first token that is exactly ``word``, scrolled into view."""
    segmented = view.segmented()
    start = next(t.start for t in segmented if t.text == word)
    view.scroll_to_offset(start)
    occurrence = view.text().count(word, 0, start)
    cursor = QTextCursor(view.document())
    for _ in range(occurrence + 1):
        cursor = view.document().find(word, cursor)
    middle = QTextCursor(view.document())
    middle.setPosition(cursor.selectionStart() + 1)
    return view.cursorRect(middle).center()


def hover(qtbot, window: MainWindow, word: str) -> None:
    view = window.view()
    point = token_point(view, word)
    qtbot.mouseMove(view.viewport(), QPoint(1, 1))  # a move to where the mouse is sends nothing
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(
        lambda: (
            view.current_index() is not None
            and view.segmented().token(view.current_index()).text == word
        ),
        timeout=5000,
    )
    view.setFocus()


def test_pressing_a_on_a_hovered_word_saves_it_with_its_sentence_and_article(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    hover(qtbot, window, "河长制")

    with qtbot.waitSignal(features.saving().word_saved):
        qtbot.keyClick(window.view(), Qt.Key.Key_A)

    saved = store.get("河长制")
    assert saved is not None
    assert saved.pinyin == "hé zhǎng zhì" and saved.status is Status.NEW
    assert saved.definition  # the glossary's English: CC-CEDICT has no entry
    assert len(saved.contexts) == 1
    context = saved.contexts[0]
    assert context.article_title == default_article().title
    assert "河长制" in context.sentence and context.sentence in " ".join(
        window.view().text().split()
    )
    assert window.statusBar().currentMessage() == "Saved 河长制 (new); Edit ▸ Undo takes it back"
    assert features.session().model().row_of(saved.key) is not None


def test_number_keys_set_the_status_saving_the_word_first(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    hover(qtbot, window, "城市")
    expected = {
        Qt.Key.Key_2: Status.LEARNING,
        Qt.Key.Key_3: Status.KNOWN,
        Qt.Key.Key_4: Status.IGNORED,
        Qt.Key.Key_1: Status.NEW,
    }
    for key, status in expected.items():
        qtbot.keyClick(window.view(), key)
        saved = store.get("城市")
        assert saved is not None and saved.status is status
        assert window.statusBar().currentMessage() == (
            f"Saved 城市 ({status.value}); Edit ▸ Undo takes it back"
        )
    assert len(store.get("城市").contexts) == 1
    assert store.count() == 1


def test_undo_takes_back_a_save_with_a_then_a_status_key(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    hover(qtbot, window, "河长制")
    qtbot.keyClick(window.view(), Qt.Key.Key_A)
    qtbot.keyClick(window.view(), Qt.Key.Key_3)
    assert store.get("河长制").status is Status.KNOWN
    assert features.saving().undo_stack().count() == 1  # one action: saved as known

    window.action("vocabulary_undo").trigger()
    assert store.get("河长制") is None  # the word left the vocabulary
    assert features.session().model().rowCount() == 0
    assert "河长制" not in features.session().statuses()

    window.action("vocabulary_redo").trigger()
    saved = store.get("河长制")
    assert saved is not None and saved.status is Status.KNOWN and len(saved.contexts) == 1


def test_a_status_key_alone_says_what_it_did_and_undo_reverses_it(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(VocabWord("城市", "chéng shì", status=Status.LEARNING))
    features.session().model().reload()
    hover(qtbot, window, "城市")
    qtbot.keyClick(window.view(), Qt.Key.Key_3)
    assert "Undo" in window.statusBar().currentMessage()
    hover(qtbot, window, "河长制")
    qtbot.keyClick(window.view(), Qt.Key.Key_2)  # not saved before: saved by the key

    features.saving().undo_stack().undo()
    assert store.get("河长制") is None
    features.saving().undo_stack().undo()
    assert store.get("城市").status is Status.LEARNING  # back to what it was, still saved


def test_a_new_action_clears_redo(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    hover(qtbot, window, "河长制")
    qtbot.keyClick(window.view(), Qt.Key.Key_A)
    features.saving().undo_stack().undo()
    assert features.saving().undo_stack().canRedo()

    hover(qtbot, window, "城市")
    qtbot.keyClick(window.view(), Qt.Key.Key_A)
    assert not features.saving().undo_stack().canRedo()
    assert store.get("河长制") is None  # redo cannot bring back what the learner took back


def test_an_edit_in_the_table_is_undone_and_clears_redo(
    features: VocabularyFeatures, store: VocabularyStore
) -> None:
    original = store.add(VocabWord("治理", "zhì lǐ", definition="to govern"))
    store.add(VocabWord("城市", "chéng shì"))
    features.session().model().reload()
    features.saving().undo_stack().clear()
    model = features.session().model()
    row = model.row_of(original.key)
    assert model.setData(model.index(row, Column.NOTE), "from the article")
    assert store.get("治理").note == "from the article"

    features.saving().undo_stack().undo()
    assert store.get("治理") == original
    features.saving().undo_stack().redo()
    features.saving().undo_stack().undo()
    city = model.row_of(store.get("城市").key)
    assert model.setData(model.index(city, Column.NOTE), "new")
    assert not features.saving().undo_stack().canRedo()


def test_the_tab_lists_saved_words_and_filters_by_status_text_and_pinyin(
    window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    view = window.view()
    for word, number in (("河长制", 2), ("城市", 3), ("治理", 1)):
        index = next(i for i, t in enumerate(view.segmented()) if t.text == word)
        features.saving().set_status_from_key(view.word_info(index), number)
    tab = features.browser().tab()
    model = features.session().model()
    assert model.rowCount() == 3 and tab.count_text() == "3 words"

    tab.set_status_filter(Status.LEARNING)
    assert [model.word_at(r).simplified for r in range(model.rowCount())] == ["河长制"]
    tab.set_status_filter(None)

    tab.search_box().setText("hezhangzhi")
    assert [model.word_at(r).simplified for r in range(model.rowCount())] == ["河长制"]
    tab.search_box().setText("zhì lǐ")
    assert [model.word_at(r).simplified for r in range(model.rowCount())] == ["治理"]
    tab.search_box().setText("govern")
    assert "治理" in [model.word_at(r).simplified for r in range(model.rowCount())]
    tab.search_box().setText("城")
    assert [model.word_at(r).simplified for r in range(model.rowCount())] == ["城市"]
    assert tab.count_text() == "1 of 3 words"

    article = tab.article_filter()
    assert article.findData(default_article().title) >= 0


def test_editing_the_definition_in_place_is_saved(
    qtbot, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(VocabWord("治理", "zhì lǐ", definition="to govern"))
    features.session().model().reload()
    model = features.session().model()
    index = model.index(model.row_of(store.get("治理").key), Column.DEFINITION)

    assert model.setData(index, "to govern; governance (my words)")

    assert store.get("治理").definition == "to govern; governance (my words)"
    assert model.data(index) == "to govern; governance (my words)"


def test_delete_and_undo_restore_the_word_with_its_contexts(
    qtbot, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    original = store.add(
        VocabWord("治理", "zhì lǐ", definition="to govern", tags=("policy",), note="mine"),
        Context("提升城市治理水平。", "广州"),
    )
    features.session().model().reload()
    features.browser().show_tab()
    table = features.browser().tab().table()
    qtbot.waitUntil(table.isVisible)
    table.selectRow(features.session().model().row_of(original.key))
    table.setFocus()

    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert store.get("治理") is None
    assert features.session().model().rowCount() == 0

    features.saving().undo_stack().undo()
    restored = store.get("治理")
    assert restored == original
    assert features.session().model().row_of(original.key) is not None

    features.saving().undo_stack().redo()
    assert store.get("治理") is None


def test_status_colouring_lookup_follows_the_store(
    window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(VocabWord("治理", "zhì lǐ", status=Status.LEARNING))
    store.add(VocabWord("城市", "chéng shì", status=Status.KNOWN))
    features.session().model().reload()
    features.colouring().set_colouring(True)
    features.session().mark_known([])  # refresh from the store

    lookup = features.colouring().status_lookup()
    assert lookup("治理") == "learning"
    assert lookup("城市") == "known"
    assert lookup("河长制") == "new"  # not saved: shown as still to learn
    assert lookup("，") is None and lookup("2024") is None

    features.colouring().set_colouring(False)
    plain = features.colouring().status_lookup()
    assert plain("治理") is None and plain("河长制") is None
    assert plain("城市") == "known"  # still hides its pinyin in ABOVE_UNKNOWN
    assert not features.action("vocabulary_colour").isChecked()


def pinyin_band(window: MainWindow, word: str) -> QImage:
    view = window.view()
    segmented = view.segmented()
    start = next(t.start for t in segmented if t.text == word)
    view.scroll_to_offset(start)
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    left = view.cursorRect(cursor)
    cursor.setPosition(start + len(word))
    right = view.cursorRect(cursor)
    band = QRect(
        left.left(), left.top() - left.height() // 2, right.left() - left.left(), left.height() // 2
    )
    view.viewport().repaint()
    return view.viewport().grab(band).toImage()


def is_blank(image: QImage) -> bool:
    first = image.pixel(0, 0)
    return all(
        image.pixel(x, y) == first for x in range(image.width()) for y in range(image.height())
    )


def test_pinyin_above_unknown_words_leaves_out_known_words(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    window.set_pinyin_mode(PinyinMode.ABOVE_UNKNOWN)
    qtbot.wait(0)
    if is_blank(pinyin_band(window, "城市")):
        pytest.skip("no font renders pinyin on this machine")

    store.add(VocabWord("城市", "chéng shì", status=Status.KNOWN))
    store.add(VocabWord("治理", "zhì lǐ", status=Status.LEARNING))
    features.session().mark_known([])  # refresh from the store

    assert is_blank(pinyin_band(window, "城市"))
    assert not is_blank(pinyin_band(window, "治理"))
    assert not is_blank(pinyin_band(window, "河长制"))


def test_mark_all_remaining_words_known_asks_first_and_can_be_undone(
    window: MainWindow,
    features: VocabularyFeatures,
    store: VocabularyStore,
    answers: FakePrompts,
) -> None:
    store.add(VocabWord("治理", "zhì lǐ", status=Status.LEARNING))
    features.session().mark_known([])
    remaining = features.saving().words_to_mark_known()
    assert "治理" not in remaining and "河长制" in remaining and "，" not in remaining

    answers.answer = False
    assert features.saving().mark_article_known() == 0
    assert store.count() == 1
    assert f"Mark {len(remaining):,} words" in answers.questions[-1]

    answers.answer = True
    features.action("vocabulary_mark_known").trigger()
    assert store.count() == 1 + len(remaining)
    assert store.get("河长制").status is Status.KNOWN
    assert store.get("治理").status is Status.LEARNING
    estimate = features.comprehension().comprehension()
    assert estimate is not None and estimate.known_distinct_words == len(remaining)
    assert (
        features.comprehension()
        .comprehension_text()[1]
        .endswith(f"({len(remaining):,} of {len(remaining) + 1:,})")
    )

    features.saving().undo_stack().undo()
    assert store.count() == 1
    assert features.comprehension().comprehension().known_words == 0
    assert features.comprehension().comprehension_text()[0].startswith("0%")


def test_double_click_shows_the_word_in_its_sentence(
    qtbot, window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    view = window.view()
    text = view.text()
    occurrence = [i for i in range(len(text)) if text.startswith("治理", i)][6]
    sentence = view.sentence_around(occurrence)
    store.add(VocabWord("治理", "zhì lǐ"), Context(sentence, default_article().title))
    features.session().model().reload()
    features.browser().show_tab()
    table = features.browser().tab().table()
    qtbot.waitUntil(table.isVisible)
    cell = table.visualRect(features.session().model().index(0, Column.WORD)).center()

    with qtbot.waitSignal(features.browser().tab().context_requested):
        # An item view takes a double click only on the item the button was pressed on.
        qtbot.mousePress(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    # Qt's test double click ends on a press: release it, or the button stays
    # down for Qt and later tests' mouse moves arrive as drags.
    qtbot.mouseRelease(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    highlights = view.highlights()
    assert len(highlights) == 1
    start, end = highlights[0]
    assert text[start:end] == "治理"
    assert text.find(sentence[:10]) <= start


def export_in_worker(qtbot, dialog) -> tuple[str, int]:
    """Press Export and wait for the worker to write the file: (path, words written)."""
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as written:
        qtbot.mouseClick(dialog.findChild(QPushButton, "exportButton"), Qt.MouseButton.LeftButton)
    return tuple(written.args)


def test_export_dialog_writes_csv_and_apkg(
    qtbot, tmp_path: Path, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(
        VocabWord("治理", "zhì lǐ", definition="to govern"), Context("提升治理水平。", "广州")
    )
    for export_format, name in ((ExportFormat.CSV, "words.csv"), (ExportFormat.APKG, "w.apkg")):
        dialog = features.files().open_export_dialog()
        dialog.set_format(export_format)
        dialog.set_path(tmp_path / name)

        assert export_in_worker(qtbot, dialog) == (str(tmp_path / name), 1)
        assert (tmp_path / name).stat().st_size > 0
    assert "治理" in (tmp_path / "words.csv").read_text(encoding="utf-8")


def _sounds_in(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return sorted(json.loads(archive.read("media")).values())


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_the_export_dialog_puts_each_words_sound_in_the_deck_and_remembers_it(
    qtbot, tmp_path: Path, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    for word in (VocabWord("治理", "zhì lǐ"), VocabWord("城市", "chéng shì")):
        store.add(word, Context("提升治理水平。", "广州"))
    dialog = features.files().open_export_dialog()
    dialog.set_format(ExportFormat.APKG)
    dialog.set_path(tmp_path / "words.apkg")
    audio = dialog.findChild(QCheckBox, "exportAudio")
    assert audio.isEnabled() and not audio.isChecked() and dialog.audio_note() == ""
    qtbot.mouseClick(audio, Qt.MouseButton.LeftButton)

    assert export_in_worker(qtbot, dialog)[1] == 2
    assert _sounds_in(tmp_path / "words.apkg") == sorted(
        sound_file_name(word, pinyin)
        for word, pinyin in [("治理", "zhì lǐ"), ("城市", "chéng shì")]
    )
    again = features.files().open_export_dialog()
    assert again.findChild(QCheckBox, "exportAudio").isChecked()
    again.set_format(ExportFormat.CSV)  # a spreadsheet has no sound: the box says so
    assert not again.with_audio()
    assert not again.findChild(QCheckBox, "exportAudio").isEnabled()
    assert again.audio_note() == ONLY_APKG_HAS_AUDIO


def test_without_espeak_the_export_dialog_says_why_and_exports_without_audio(
    qtbot, monkeypatch, tmp_path: Path, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(VocabWord("治理", "zhì lǐ"), Context("提升治理水平。", "广州"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng to be found
    dialog = features.files().open_export_dialog()
    dialog.set_format(ExportFormat.APKG)
    dialog.set_path(tmp_path / "words.apkg")
    audio = dialog.findChild(QCheckBox, "exportAudio")
    assert not audio.isEnabled()
    assert dialog.audio_note() == f"No audio: {NO_SOUND_MAKER}." == audio.toolTip()

    assert export_in_worker(qtbot, dialog)[1] == 1
    assert _sounds_in(tmp_path / "words.apkg") == []


def test_the_export_dialog_remembers_format_folder_and_statuses(
    qtbot, tmp_path: Path, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    store.add(
        VocabWord("治理", "zhì lǐ", definition="to govern"), Context("提升治理水平。", "广州")
    )
    store.set_status(store.get("治理").key, Status.KNOWN)
    dialog = features.files().open_export_dialog()
    dialog.set_format(ExportFormat.CSV)
    for status in Status:  # ticked: new and learning, until a choice is remembered
        box = dialog.findChild(QCheckBox, f"exportStatus_{status.value}")
        if box.isChecked() != (status is Status.KNOWN):
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    dialog.set_path(tmp_path / "words.csv")
    assert export_in_worker(qtbot, dialog)[1] == 1

    again = features.files().open_export_dialog()
    assert again.export_format() is ExportFormat.CSV
    assert again.path() == tmp_path / "vocabulary.csv"
    assert again.word_filter().statuses == frozenset({Status.KNOWN})


def test_import_previews_bad_lines_and_writes_nothing_until_confirmed(
    tmp_path: Path, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    source = tmp_path / "list.json"
    source.write_text(
        '{"words": [{"simplified": "治理", "pinyin": "zhì lǐ", "definition": "to govern"},'
        ' {"pinyin": "no characters"}]}',
        encoding="utf-8",
    )
    dialog = features.files().open_import_dialog()
    dialog.set_path(source)

    plan = dialog.preview()

    assert plan is not None and len(plan.good) == 1
    assert dialog.bad_lines_shown() and dialog.bad_lines_shown()[0].startswith("Line ")
    assert dialog.can_import()
    assert store.count() == 0

    dialog.apply()
    assert store.get("治理").definition == "to govern"
    assert features.session().model().row_of(store.get("治理").key) is not None


def test_a_store_error_is_shown_and_the_window_keeps_running(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    features: VocabularyFeatures,
    store: VocabularyStore,
    answers: FakePrompts,
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise VocabularyError("Could not save 河长制: the disk is full")

    monkeypatch.setattr(store, "add", refuse)
    view = window.view()
    index = next(i for i, t in enumerate(view.segmented()) if t.text == "河长制")
    info = view.word_info(index)

    view.add_word_requested.emit(info, view.sentence_around(info.token.start))

    assert window.last_error() == "Could not save 河长制: the disk is full"
    assert window.statusBar().currentMessage() == "Could not save 河长制: the disk is full"
    assert window.isVisible()
    qtbot.keyClick(window.view(), Qt.Key.Key_Right)
    assert window.view().current_index() is not None


def test_closing_the_window_closes_the_store(
    window: MainWindow, features: VocabularyFeatures, store: VocabularyStore
) -> None:
    window.close()

    assert features.session().store() is None
    assert not features.action("vocabulary_export").isEnabled()


def test_a_second_copy_is_told_the_vocabulary_is_in_use(
    qtbot, window: MainWindow, store: VocabularyStore, annotator: Annotator, answers: FakePrompts
) -> None:
    install_vocabulary_features(window, store, answers.prompts())
    other = FakePrompts()
    other_window = MainWindow(annotator=annotator, prompts=other.prompts())
    qtbot.addWidget(other_window)
    other_window.show()

    install_vocabulary_features(other_window, VocabularyStore.open())

    assert other.warnings == [ANOTHER_COPY_MESSAGE]
    assert window.last_error() == ""
