from __future__ import annotations

import time
from datetime import date, timedelta

import pytest

from reader import paths
from reader.vocab.errors import AmbiguousWordError, UnknownWordError
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, Status, VocabWord, WordFilter, WordKey


def test_a_saved_word_comes_back_with_its_context_after_reopening(
    data_dir, sentences, article_title
):
    sentence = sentences[0]
    with VocabularyStore.open() as store:
        saved = store.add(
            VocabWord("治理", "zhì lǐ", definition="to govern"), Context(sentence, article_title)
        )
    assert paths.vocabulary_db().is_file()
    with VocabularyStore.open() as store:
        word = store.get("治理")
    assert word == saved
    assert word.contexts == (Context(sentence, article_title),)
    assert word.created is not None and word.created == word.updated


def test_saving_again_from_another_article_merges_the_context(store):
    first = store.add(VocabWord("城市", "chéng shì"), Context("广州这座超大城市。", "广州"))
    again = store.add(VocabWord("城市", "chéng shì"), Context("城市治理现代化。", "另一篇"))
    same_article = store.add(VocabWord("城市", "chéng shì"), Context("另一句。", "广州"))
    assert store.count() == 1
    assert [c.article_title for c in again.contexts] == ["广州", "另一篇"]
    assert same_article.contexts == again.contexts  # one context per article: the first kept
    assert again.created == first.created


def test_merging_keeps_what_the_learner_wrote(store):
    store.add(VocabWord("精细", "jīng xì", definition="my own words", tags=("a",)))
    merged = store.add(
        VocabWord("精细", "jīng xì", definition="dictionary", note="n", tags=("b", "a"))
    )
    assert merged.definition == "my own words"
    assert merged.note == "n"
    assert merged.tags == ("a", "b")


def test_the_same_characters_with_another_reading_are_another_word(store):
    store.add(VocabWord("行", "háng", definition="row"))
    store.add(VocabWord("行", "xíng", definition="to go"))
    assert store.count() == 2
    assert store.get("行", "xíng").definition == "to go"
    assert [w.pinyin for w in store.readings("行")] == ["háng", "xíng"]
    with pytest.raises(AmbiguousWordError, match="háng, xíng"):
        store.get("行")
    with pytest.raises(AmbiguousWordError):
        store.set_status("行", Status.KNOWN)
    assert store.set_status(WordKey("行", "háng"), Status.KNOWN).status is Status.KNOWN
    assert store.get("行", "xíng").status is Status.NEW


def test_a_word_saved_without_reading_takes_the_first_reading_given(store):
    store.mark_known(["广州"])
    adopted = store.add(VocabWord("广州", "Guǎng zhōu"), Context("广州这座城市。", "A"))
    assert store.count() == 1
    assert adopted.pinyin == "Guǎng zhōu" and adopted.status is Status.KNOWN


def test_set_status_update_and_unknown_words(store):
    store.add(VocabWord("嘱托", "zhǔ tuō"))
    learning = store.set_status("嘱托", Status.LEARNING)
    assert learning.status is Status.LEARNING and learning.updated > learning.created
    edited = store.update(
        "嘱托", definition=" to entrust ", note="from the article", tags=["hsk 7", "hsk 7", "政治"]
    )
    assert (edited.definition, edited.note, edited.tags) == (
        "to entrust",
        "from the article",
        ("hsk_7", "政治"),
    )
    with pytest.raises(UnknownWordError, match="不在"):
        store.set_status("不在", Status.KNOWN)
    with pytest.raises(UnknownWordError):
        store.update(WordKey("嘱托", "zhù tuō"), note="x")


def test_remove_returns_the_word_whole_so_undo_restores_it_exactly(store):
    store.add(VocabWord("奋进", "fèn jìn", tags=("x",)), Context("感恩奋进。", "A"))
    store.add(VocabWord("奋进", "fèn jìn"), Context("奋进新征程。", "B"))
    before = store.get("奋进")
    removed = store.remove("奋进")
    assert removed == before and store.get("奋进") is None
    assert store.add(removed) == before
    assert store.get("奋进") == before


def test_statuses_map_characters_to_the_most_recently_changed_reading(store):
    store.add(VocabWord("行", "háng"))
    store.add(VocabWord("行", "xíng"))
    store.set_status(WordKey("行", "háng"), Status.KNOWN)
    store.add(VocabWord("城市", "chéng shì", status=Status.LEARNING))
    assert store.statuses() == {"行": Status.KNOWN, "城市": Status.LEARNING}
    store.set_status(WordKey("行", "xíng"), Status.IGNORED)
    assert store.statuses()["行"] is Status.IGNORED


def test_mark_known_and_undo(store):
    store.add(VocabWord("城市", "chéng shì", status=Status.LEARNING))
    store.add(VocabWord("治理", "zhì lǐ", status=Status.IGNORED))
    states = store.mark_known(["城市", "治理", "广州"])
    assert store.statuses() == {"城市": Status.KNOWN, "治理": Status.IGNORED, "广州": Status.KNOWN}
    store.restore_states(states)
    assert store.statuses() == {"城市": Status.LEARNING, "治理": Status.IGNORED}


def test_filters_by_status_tag_article_and_date(store):
    store.add(VocabWord("城市", "chéng shì", tags=("hsk3",)), Context("城市。", "A"))
    store.add(VocabWord("治理", "zhì lǐ", status=Status.KNOWN), Context("治理。", "B"))
    assert [w.simplified for w in store.words(WordFilter(tag="hsk3"))] == ["城市"]
    assert [w.simplified for w in store.words(WordFilter(article="B"))] == ["治理"]
    assert [w.simplified for w in store.words(WordFilter(statuses=frozenset({Status.KNOWN})))] == [
        "治理"
    ]
    tomorrow = date.today() + timedelta(days=2)
    assert store.words(WordFilter(added_since=tomorrow)) == []
    assert len(store.words(WordFilter(added_since=date.today() - timedelta(days=1)))) == 2
    for word in store.words():
        assert WordFilter(tag="hsk3").matches(word) == (word.simplified == "城市")


def test_statuses_of_50000_words_load_quickly(store):
    store.mark_known(f"词{n}" for n in range(50_000))
    start = time.perf_counter()
    statuses = store.statuses()
    elapsed = time.perf_counter() - start
    assert len(statuses) == 50_000
    assert elapsed < 1.0  # about 0.1 s on an idle machine; see the benchmark


def test_the_listing_gives_the_table_fields_oldest_first(store):
    store.add(VocabWord("治理", "zhì lǐ", definition="to govern", tags=("policy", "hsk")))
    store.add(VocabWord("城市", "chéng shì"), Context("广州这座超大城市。", "广州"))
    store.add(VocabWord("城市", "chéng shì"), Context("城市治理现代化。", "另一篇"))
    ids, created = store.listing_order()
    assert len(ids) == 2 and created == sorted(created)
    rows = store.listing_rows([*ids, 9999])  # an unknown id is skipped
    assert [row.simplified for row in rows] == ["治理", "城市"]
    assert rows[0].tags == ("policy", "hsk") and rows[0].status == "new"
    assert rows[1].articles == ("广州", "另一篇")
    assert store.tag_names() == ["hsk", "policy"]
    assert store.article_titles() == ["另一篇", "广州"]


def test_statuses_of_agrees_with_statuses_for_the_characters_asked(store):
    store.add(VocabWord("行", "háng", status=Status.KNOWN))
    store.add(VocabWord("行", "xíng", status=Status.LEARNING))
    store.add(VocabWord("城市", "chéng shì", status=Status.IGNORED))
    assert store.statuses_of(["行", "没有"]) == {"行": store.statuses()["行"]}
