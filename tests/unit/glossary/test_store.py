from __future__ import annotations

import json

import pytest

from reader import paths
from reader.errors import GlossaryError
from reader.glossary.store import (
    BUNDLED_NAME,
    GlossarySet,
    GlossaryStore,
    check_glossary_name,
)
from reader.glossary.term import GlossaryTerm

RIVER = GlossaryTerm("河长制", "hé zhǎng zhì", "river boss system", "Mine.", "environment")
LAKE = GlossaryTerm("湖长", "hú zhǎng", "lake chief")


@pytest.fixture
def store(data_dir):
    return GlossaryStore()


def test_the_store_lives_in_the_data_directory(store, data_dir):
    assert store.folder == paths.user_glossaries_dir()
    assert str(store.folder).startswith(str(data_dir))


def test_by_default_only_the_bundled_glossary_is_active(store):
    assert store.names() == []
    assert store.active_names() == [BUNDLED_NAME]
    assert store.active_set().lookup("河长制").glossary == BUNDLED_NAME


def test_a_user_term_overrides_the_bundled_one_and_undo_restores_it(store):
    store.create("teacher")
    change = store.add_term("teacher", RIVER)
    active = GlossarySet.load_active()
    assert active.lookup("河长制").english == "river boss system"
    assert active.lookup("河长制").glossary == "teacher"
    store.apply(change.inverse())
    assert GlossarySet.load_active().lookup("河长制").glossary == BUNDLED_NAME


def test_edit_and_delete_return_the_previous_term_for_undo(store):
    store.create("teacher", [RIVER])
    edit = store.edit_term("teacher", "河长制", GlossaryTerm("河长", "hé zhǎng", "river chief"))
    assert edit.before.english == "river boss system" and edit.after.term == "河长"
    assert [t.term for t in store.load("teacher").terms] == ["河长"]
    store.apply(edit.inverse())
    deletion = store.delete_term("teacher", "河长制")
    assert deletion.before.term == "河长制" and store.load("teacher").terms == ()
    store.apply(deletion.inverse())
    assert store.load("teacher").terms[0].explanation == "Mine."


def test_duplicates_and_bad_terms_are_refused_and_leave_the_file_alone(store):
    store.create("teacher", [RIVER, LAKE])
    before = store.path_of("teacher").read_bytes()
    with pytest.raises(GlossaryError, match="“河长制” is already in glossary “teacher”"):
        store.add_term("teacher", RIVER)
    with pytest.raises(GlossaryError, match="already in glossary"):
        store.edit_term("teacher", "湖长", GlossaryTerm("河长制", "hé zhǎng zhì", "x"))
    with pytest.raises(GlossaryError, match="2 pinyin syllables"):
        store.add_term("teacher", GlossaryTerm("海绵城市", "hǎi mián", "sponge city"))
    assert store.path_of("teacher").read_bytes() == before


def test_the_bundled_glossary_is_read_only(store):
    with pytest.raises(GlossaryError, match="read-only"):
        store.add_term(BUNDLED_NAME, LAKE)


def test_several_glossaries_active_and_persisted(store):
    store.create("one", [LAKE])
    store.create("two", [RIVER])
    assert store.active_names() == [BUNDLED_NAME, "one", "two"]
    store.set_active(["two"])
    assert json.loads((store.folder / "active.json").read_text())["active"] == ["two"]
    active = GlossaryStore().active_set()
    assert active.lookup("湖长") is None and active.lookup("碧道") is None
    assert active.user_words() == ["河长制"]


def test_rename_and_delete_keep_the_active_list_in_step(store):
    store.create("old", [LAKE])
    store.rename("old", "new")
    assert store.names() == ["new"] and "new" in store.active_names()
    store.delete("new")
    assert store.names() == [] and store.active_names() == [BUNDLED_NAME]
    with pytest.raises(GlossaryError, match="no glossary named “new”"):
        store.load("new")


def test_a_damaged_active_file_falls_back_to_everything_active(store):
    store.create("one", [LAKE])
    (store.folder / "active.json").write_text("{not json", encoding="utf-8")
    assert store.active_names() == [BUNDLED_NAME, "one"]


def test_a_hand_damaged_glossary_file_gives_a_clear_error(store):
    store.create("one", [LAKE])
    store.path_of("one").write_text("term\tpinyin\tenglish\n湖长\thx2 zhang3\tx\n", "utf-8")
    with pytest.raises(GlossaryError, match="glossary “one”.*line 2"):
        store.load("one")


@pytest.mark.parametrize("name", ["", " x", "bundled", "a/b", "a:b", ".hidden", "x" * 81])
def test_bad_glossary_names_are_refused(name):
    with pytest.raises(GlossaryError):
        check_glossary_name(name)


def test_merge_adds_new_terms_and_replaces_same_terms(store):
    store.create("one", [RIVER])
    changed = GlossaryTerm("河长制", "hé zhǎng zhì", "river chief system, v2")
    assert store.merge("one", [changed, LAKE]) == (1, 1)
    assert [t.english for t in store.load("one").terms] == ["river chief system, v2", "lake chief"]


def test_the_set_answers_the_segmenter_and_the_pinyin_engine():
    bundled = GlossarySet.bundled_only()
    assert bundled.pinyin_for("番禺区") == ("Pān", "yú", "Qū")
    assert bundled.pinyin_for("12345热线") == ("rè", "xiàn")
    assert bundled.pinyin_for("不存在") is None
    assert bundled.lookup("“三旧”改造").term == "三旧改造"
    assert "一网统管" in bundled.user_words() and "双区建设" in bundled
