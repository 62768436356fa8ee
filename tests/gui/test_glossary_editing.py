"""Managing and editing glossaries in the window, and what the reader sees afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.glossary.store import BUNDLED_NAME, GlossaryStore
from reader.glossary.term import GlossaryTerm
from reader.ui.glossary_models import OCCURRENCES_ROLE

TIMEOUT_MS = 60_000


@pytest.fixture
def opened(data_dir: Path, open_glossary_window, recorder):
    return open_glossary_window(recorder.prompts())


def fill(form, **fields: str) -> None:
    for name, value in fields.items():
        if name == "explanation":
            form.explanation_field().setPlainText(value)
        elif name == "category":
            form.category_field().setCurrentText(value)
        else:
            form.field(name).setText(value)


def test_the_manager_lists_the_bundled_glossary_read_only(opened) -> None:
    _, features = opened
    manager = features.open_manager()
    assert manager.names() == [BUNDLED_NAME]
    assert manager.is_checked(BUNDLED_NAME)
    manager.select(BUNDLED_NAME)
    assert manager.open_editor(BUNDLED_NAME) is None
    assert not manager.rename_glossary(BUNDLED_NAME, "mine")
    assert not manager.delete_glossary(BUNDLED_NAME)


def test_create_rename_deactivate_and_delete_with_confirmation(qtbot, opened, recorder) -> None:
    _, features = opened
    manager = features.open_manager()
    store = GlossaryStore()

    recorder.texts.append("class notes")
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        assert manager.create_glossary()
    assert store.names() == ["class notes"] and manager.is_checked("class notes")

    assert not manager.create_glossary("class notes")
    assert "already exists" in recorder.messages[-1]
    assert not manager.create_glossary("a/b")
    assert "may not" in recorder.messages[-1]

    assert manager.rename_glossary("class notes", "week 1")
    assert store.names() == ["week 1"] and "week 1" in store.active_names()

    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        manager.set_glossary_active(BUNDLED_NAME, False)
    assert store.active_names() == ["week 1"]
    assert features.annotator().glossaries.lookup("河长制") is None
    qtbot.waitUntil(lambda: features.tab().model().rowCount() == 0)

    recorder.answer = False
    assert not manager.delete_glossary("week 1")
    assert store.names() == ["week 1"]
    recorder.answer = True
    assert manager.delete_glossary("week 1")
    assert store.names() == [] and manager.names() == [BUNDLED_NAME]


def test_adding_a_term_shows_problems_until_it_is_valid(qtbot, opened, recorder) -> None:
    window, features = opened
    manager = features.open_manager()
    assert manager.create_glossary("mine")
    editor = manager.open_editor("mine")
    form = editor.open_add_form()

    fill(form, term="河长制")
    assert form.field("pinyin").text() == "hé zhǎng zhì"  # filled in from the core
    fill(form, pinyin="he2 zhang3")
    assert not form.ok_button().isEnabled()
    problems = form.problems_text()
    assert (
        "3 Chinese characters but 2 pinyin syllables (one syllable per character: “hé zhǎng”)"
        in problems
    )
    assert "English" in problems

    fill(form, pinyin="hé zhǎng zhì", english="river chief <system> & co")
    fill(form, explanation="Our class's own wording.", category="environment")
    assert form.problems_text() == "" and form.ok_button().isEnabled()
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        form.accept()
    assert [t.term for t in editor.model().terms()] == ["河长制"]
    listed = features.tab().model()
    qtbot.waitUntil(
        lambda: listed.index_of_term("河长制").data(OCCURRENCES_ROLE).term.glossary == "mine"
    )

    # The user's term beats the bundled one everywhere the reader looks.
    assert features.annotator().glossaries.lookup("河长制").english == "river chief <system> & co"
    segmented = window.view().segmented()
    index = next(i for i, token in enumerate(segmented) if token.text == "河长制")
    info = window.view().word_info(index)
    assert info.glossary.glossary == "mine" and info.gloss == "river chief <system> & co"
    tooltip = features.tab().model().index_of_term("河长制").data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;system&gt; &amp; co" in tooltip

    duplicate = editor.open_add_form()
    fill(duplicate, term="河长制", english="again")
    assert not duplicate.ok_button().isEnabled()
    assert "“河长制” is already in glossary “mine”" in duplicate.problems_text()
    assert not editor.add_term(GlossaryTerm("河长制", "hé zhǎng zhì", "again"))
    assert "already in glossary" in recorder.messages[-1]


def test_undo_and_redo_of_add_edit_and_delete(qtbot, opened) -> None:
    _, features = opened
    manager = features.open_manager()
    assert manager.create_glossary("mine")
    editor = manager.open_editor("mine")
    store = GlossaryStore()

    def terms() -> list[tuple[str, str]]:
        return [(t.term, t.english) for t in store.load("mine").terms]

    assert editor.add_term(GlossaryTerm("微改造", "wēi gǎi zào", "small-scale renewal"))
    assert editor.edit_term("微改造", GlossaryTerm("微改造", "wēi gǎi zào", "light renewal"))
    assert editor.add_term(GlossaryTerm("慧智管", "huì zhì guǎn", "smart management"))
    editor.delete_term("慧智管")
    assert terms() == [("微改造", "light renewal")]

    stack = editor.undo_stack()
    stack.undo()
    assert terms() == [("微改造", "light renewal"), ("慧智管", "smart management")]
    stack.undo()
    stack.undo()
    assert terms() == [("微改造", "small-scale renewal")]
    stack.redo()
    assert terms() == [("微改造", "light renewal")]
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert terms() == [("微改造", "small-scale renewal")]
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert terms() == [("微改造", "light renewal")]
    assert [t.english for t in editor.model().terms()] == ["light renewal"]


def test_a_brand_new_term_becomes_one_token_after_re_annotation(qtbot, opened) -> None:
    window, features = opened
    view = window.view()
    assert not any(token.text == "城市治理" for token in view.segmented())
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    position = view.verticalScrollBar().value()

    store = GlossaryStore()
    store.create("mine")
    store.add_term("mine", GlossaryTerm("城市治理", "chéng shì zhì lǐ", "urban governance"))
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        features.reload_glossaries()

    assert view.annotator() is features.annotator()
    assert any(token.text == "城市治理" for token in view.segmented())
    assert view.verticalScrollBar().value() == position
    qtbot.waitUntil(lambda: features.tab().model().index_of_term("城市治理").isValid())


def test_an_article_opened_after_a_change_uses_the_new_glossaries(
    qtbot, opened, tmp_path: Path
) -> None:
    window, features = opened
    store = GlossaryStore()
    store.create("mine")
    store.add_term("mine", GlossaryTerm("城市治理", "chéng shì zhì lǐ", "urban governance"))
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        features.reload_glossaries()

    article = tmp_path / "short.txt"
    article.write_text("广州推进城市治理和城市更新。", encoding="utf-8")
    with qtbot.waitSignal(features.terms_listed, timeout=TIMEOUT_MS):
        assert window.open_path(str(article))
    assert "城市治理" in [token.text for token in window.view().segmented()]
    assert window.view().annotator() is features.annotator()
    assert features.tab().model().index_of_term("城市更新").isValid()


def test_a_term_typed_by_hand_gets_its_pinyin_and_numbered_pinyin_is_saved_marked(
    qtbot, opened
) -> None:
    _, features = opened
    manager = features.open_manager()
    assert manager.create_glossary("mine")
    editor = manager.open_editor("mine")
    form = editor.open_add_form()
    for char in "微改造":  # as an input method commits it, one character at a time
        form.field("term").insert(char)
    assert form.field("pinyin").text() == "wēi gǎi zào"

    other = editor.open_add_form()
    fill(other, term="老师", english="teacher")
    other.field("pinyin").setText("lao3shi1")
    assert other.problems_text() == "" and other.ok_button().isEnabled()
    other.field("pinyin").editingFinished.emit()
    assert other.field("pinyin").text() == "lǎo shī"
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        other.accept()
    assert GlossaryStore().load("mine").get("老师").pinyin == "lǎo shī"
