"""The vocabulary table model: Qt's model tester, filters, sorting and in-place edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reader.language.notation import toneless_key
from reader.ui.sidebar.vocabulary_tab import VocabularyTab
from reader.ui.vocabulary_model import (
    WORD_ROLE,
    Column,
    VocabularyQuery,
    VocabularyTableModel,
)
from reader.vocab.store import VocabularyStore
from reader.vocab.word import Context, Status, VocabWord


@pytest.fixture
def store(data_dir: Path):
    opened = VocabularyStore.open()
    opened.add(
        VocabWord("河长制", "hé zhǎng zhì", definition="river chief system"),
        Context("全面推行河长制。", "广州"),
    )
    opened.add(
        VocabWord(
            "治理", "zhì lǐ", definition="to govern", tags=("policy",), status=Status.LEARNING
        ),
        Context("提升治理水平。", "广州"),
    )
    opened.add(VocabWord("女儿", "nǚ ér", definition="daughter <&>", status=Status.KNOWN))
    yield opened
    opened.close()


@pytest.fixture
def model(store: VocabularyStore) -> VocabularyTableModel:
    model = VocabularyTableModel(store)
    model.reload()
    return model


def shown(model: VocabularyTableModel) -> list[str]:
    return [model.word_at(row).simplified for row in range(model.rowCount())]


def test_the_model_passes_qts_model_tester(qtmodeltester, model: VocabularyTableModel) -> None:
    qtmodeltester.check(model, force_py=True)
    model.set_query(VocabularyQuery(text="zhi"))
    qtmodeltester.check(model, force_py=True)


def test_toneless_keys_match_pinyin_queries() -> None:
    assert toneless_key("hé zhǎng zhì") == "hezhangzhi"
    assert toneless_key("nǚ ér") == "nver"
    assert toneless_key("Běi jīng") == "beijing"


def test_filters_by_status_tag_article_and_text(model: VocabularyTableModel) -> None:
    model.set_query(VocabularyQuery(status=Status.LEARNING))
    assert shown(model) == ["治理"]
    model.set_query(VocabularyQuery(tag="policy"))
    assert shown(model) == ["治理"]
    model.set_query(VocabularyQuery(article="广州"))
    assert sorted(shown(model)) == ["河长制", "治理"]
    model.set_query(VocabularyQuery(text="nüer"))
    assert shown(model) == ["女儿"]
    model.set_query(VocabularyQuery(text="nv3 er2"))
    assert shown(model) == ["女儿"]
    model.set_query(VocabularyQuery(text="River"))
    assert shown(model) == ["河长制"]
    model.set_query(VocabularyQuery(text="长制"))
    assert shown(model) == ["河长制"]


def test_sorting_by_pinyin_and_status(model: VocabularyTableModel) -> None:
    model.sort(Column.PINYIN, Qt.SortOrder.AscendingOrder)
    assert shown(model) == ["河长制", "女儿", "治理"]
    model.sort(Column.STATUS, Qt.SortOrder.DescendingOrder)
    assert shown(model) == ["女儿", "治理", "河长制"]


def test_tooltips_escape_markup_and_the_word_role_gives_the_word(
    model: VocabularyTableModel,
) -> None:
    row = shown(model).index("女儿")
    tip = model.data(model.index(row, Column.DEFINITION), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;&amp;&gt;" in tip and "<&>" not in tip
    assert model.data(model.index(row, Column.WORD), WORD_ROLE).pinyin == "nǚ ér"


def test_status_and_tags_edits_reach_the_store(
    model: VocabularyTableModel, store: VocabularyStore
) -> None:
    row = shown(model).index("河长制")

    assert model.setData(model.index(row, Column.STATUS), "learning")
    assert model.setData(model.index(row, Column.TAGS), "policy, water")
    assert not model.setData(model.index(row, Column.STATUS), "mastered")
    assert not model.setData(model.index(row, Column.WORD), "别的")

    saved = store.get("河长制")
    assert saved.status is Status.LEARNING and saved.tags == ("policy", "water")


def test_a_refused_edit_is_reported_and_changes_nothing(
    qtbot, model: VocabularyTableModel, store: VocabularyStore
) -> None:
    row = shown(model).index("治理")
    store.remove("治理")  # e.g. removed by another copy of the reader

    with qtbot.waitSignal(model.edit_failed) as failure:
        assert not model.setData(model.index(row, Column.NOTE), "a note")
    assert "治理" in failure.args[0]


def test_the_tab_filters_as_you_type_and_offers_tags_and_articles(
    qtbot, model: VocabularyTableModel
) -> None:
    tab = VocabularyTab(model)
    qtbot.addWidget(tab)

    qtbot.keyClicks(tab.search_box(), "hezhang")

    assert shown(model) == ["河长制"]
    assert tab.count_text() == "1 of 3 words"
    assert tab.tag_filter().findData("policy") >= 0
    assert tab.article_filter().findData("广州") >= 0
    tab.tag_filter().setCurrentIndex(tab.tag_filter().findData("policy"))
    assert shown(model) == []
    tab.search_box().clear()
    assert shown(model) == ["治理"]
