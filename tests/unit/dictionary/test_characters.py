"""A word's characters as read in it, from the real CC-CEDICT."""

from __future__ import annotations

from reader.dictionary.characters import characters_in_word, is_component_sense
from reader.dictionary.index import CedictIndex


def test_each_character_is_read_as_in_the_word(index: CedictIndex) -> None:
    jue, de = characters_in_word(index, "觉得", ("jué", "de"))
    assert jue.read_here and jue.entries[0].pinyin == "jué"
    assert "to feel" in jue.meaning and "a nap" not in jue.meaning
    assert [entry.pinyin for entry in jue.entries[1:]] == ["jiào"]  # the other reading kept
    assert de.read_here and de.entries[0].pinyin == "de"
    zhang = characters_in_word(index, "河长制", ("hé", "zhǎng", "zhì"))[1]
    assert zhang.entries[0].pinyin == "zhǎng" and "chief" in zhang.meaning


def test_a_radical_description_is_not_given_as_the_meaning(index: CedictIndex) -> None:
    guang, _zhou = characters_in_word(index, "广州", ("guǎng", "zhōu"))
    assert guang.entries[0].pinyin == "guǎng"  # not the surname Guǎng, not yǎn
    assert guang.meaning[0] == "wide"
    assert not any(is_component_sense(sense) for sense in guang.meaning)
    # Without a reading in context, the everyday sense still comes before the radical.
    alone = characters_in_word(index, "广州", ())[0]
    assert not alone.read_here
    assert not any(is_component_sense(sense) for sense in alone.meaning)


def test_a_character_outside_the_dictionary_has_no_entries(index: CedictIndex) -> None:
    (unknown,) = characters_in_word(index, "㐀", ("qiū",))
    assert unknown.entries == () and unknown.meaning == () and not unknown.read_here
