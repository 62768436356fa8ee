"""Readings that depend on repaired units and on jieba's tags, through the annotator.

Written from the classes of section C of the content review: a particle that
jieba glued across a boundary (美的 read měi dí, the brand), a noun that opens
with 地 read as the particle (地市 read de shì), a particle rule that
settled a whole glued word (切为 read qiè wéi).  The sentences are my own
besides the article's.
"""

from __future__ import annotations

import pytest

from reader.annotation.annotator import Annotator


def reading_of(annotator: Annotator, sentence: str, word: str, occurrence: int = 1) -> str:
    """The syllables the annotator shows for ``word`` in ``sentence``."""
    start = -1
    for _ in range(occurrence):
        start = sentence.index(word, start + 1)
    segmented = annotator.segment(sentence)
    annotator.read_ahead(segmented)
    syllables = []
    for offset in range(start, start + len(word)):
        index = segmented.index_at(offset)
        assert index is not None
        token = segmented.token(index)
        syllables.append(annotator.pinyin(segmented, index)[offset - token.start])
    return " ".join(syllables)


def gloss_of(annotator: Annotator, sentence: str, word: str) -> str:
    """The hover line of the token that starts where ``word`` starts in ``sentence``."""
    segmented = annotator.segment(sentence)
    index = segmented.index_at(sentence.index(word))
    assert index is not None
    return annotator.word_info(segmented, index).gloss


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("为人民群众创造蓝天、山绿、水清、城美的美好环境", "美的", "měi de"),
        ("她长得很美的样子", "美的", "měi de"),
        ("花纹美的木头", "美的", "měi de"),
        ("他是个天真的人。", "真的", "zhēn de"),
    ],
)
def test_a_particle_given_back_reads_de(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    assert reading_of(annotator, sentence, word) == expected


def test_the_brand_keeps_its_dictionary_reading(annotator: Annotator) -> None:
    assert reading_of(annotator, "美的集团发布财报。", "美的") == "měi dí"


@pytest.mark.parametrize(
    "sentence",
    ["与省内所有地市、省外17个城市", "全省十个地市的代表", "由地市负责落实。", "地市两级财政"],
)
def test_a_noun_that_opens_with_di_is_no_particle(annotator: Annotator, sentence: str) -> None:
    """地市 "prefecture-level cities" (a noun of jieba's, not in CC-CEDICT): dì shì."""
    assert reading_of(annotator, sentence, "地市") == "dì shì"


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("烤好的蛋糕，一般切为长方形享用。", "切为", "qiē wéi"),
        ("他被选为代表。", "选为", "xuǎn wéi"),
        ("访得匠手琢为砚台。", "琢为", "zhuó wéi"),
    ],
)
def test_a_glued_word_reads_its_particle_by_rule_and_the_rest_in_context(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    """jieba's HMM glues verb + 为: 为 is wéi by rule, the verb's polyphone is read in context."""
    assert reading_of(annotator, sentence, word) == expected


@pytest.mark.parametrize(
    ("sentence", "word"), [("他数次拒绝了邀请。", "数次"), ("他数日未归。", "数日")]
)
def test_shu_several_before_a_measure_reads_shu(
    annotator: Annotator, sentence: str, word: str
) -> None:
    """数 "several" (CC-CEDICT: shù, "several"; shuò is "frequently"): 数次 shù cì."""
    assert reading_of(annotator, sentence, word).split()[0] == "shù"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("2000多项政务服务事项一屏尽览", "尽览"),
        ("他拜名家为师，尽得其真传。", "尽得"),
        ("所有公文尽交他保管。", "尽交"),
    ],
)
def test_jin_opening_a_word_no_dictionary_lists_reads_jin(
    annotator: Annotator, sentence: str, word: str
) -> None:
    """尽 is jǐn only in set words CC-CEDICT lists (尽管, 尽快); before a verb it is jìn."""
    assert reading_of(annotator, sentence, word).split()[0] == "jìn"


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("煤层厚薄与地壳运动有关。", "厚薄", "hòu báo"),
        ("过路要留下买路钱，防煞气。", "煞气", "shà qì"),
    ],
)
def test_the_model_chooses_among_a_words_own_dictionary_readings(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    """Where CC-CEDICT lists several readings, the one the context asks for; never another."""
    assert reading_of(annotator, sentence, word) == expected
    assert tuple(expected.split()) in annotator.dictionary.readings(word)


@pytest.mark.parametrize(
    ("sentence", "word", "expected", "sense"),
    [
        # CC-CEDICT's neutral-tone entry is the everyday word
        ("他告诉我一件事。", "告诉", "gào su", "to tell"),
        ("他讲了一个有趣的故事。", "故事", "gù shi", "story"),
        ("我的妻子是老师。", "妻子", "qī zi", "wife"),
        ("我买了很多东西。", "东西", "dōng xi", "thing"),
        ("这是很地道的北京菜。", "地道", "dì dao", "authentic"),
        ("这个地方很美。", "地方", "dì fang", "place"),
        # ... unless the full-tone entry says more: then it is
        ("发扬艰苦奋斗的精神", "精神", "jīng shén", "spirit"),
        ("农民离不开土地。", "土地", "tǔ dì", "land"),
        ("地铁三号线正式开通。", "开通", "kāi tōng", "to open"),
        # ... and where the rule would pick the rarer word of a pair, the table says
        ("那个女人是我的老师。", "女人", "nǚ rén", "woman"),
        ("我老公今天加班。", "老公", "lǎo gōng", "husband"),
        ("他笑着说道：“好。”", "说道", "shuō dào", "to state"),
    ],
)
def test_of_a_word_listed_with_and_without_a_neutral_tone_the_everyday_one_is_read(
    annotator: Annotator, sentence: str, word: str, expected: str, sense: str
) -> None:
    """The reading and the hover line agree, and neither is the rare entry's
    (告诉 gàosù "to press charges", 故事 gùshì "old practice", 东西 dōngxī "east and west")."""
    assert reading_of(annotator, sentence, word) == expected
    assert sense in gloss_of(annotator, sentence, word)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("奶奶给我们讲故事。", "讲故事", "jiǎng gù shi"),
        ("这件事要讲清楚。", "讲清楚", "jiǎng qīng chu"),
    ],
)
def test_a_word_no_dictionary_lists_keeps_the_neutral_tones_of_its_parts(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    """讲故事 is one of jieba's words but no CC-CEDICT headword: 故事 in it reads gùshi."""
    assert reading_of(annotator, sentence, word) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("正在长身体的青少年需要的时间更长。", "更长", "gèng cháng"),  # not gēng "to change"
        ("这条路更长。", "更长", "gèng cháng"),
        ("人的注意力会变差，反应也会变慢。", "变差", "biàn chà"),  # not chā "difference"
        ("这个箱子变重了。", "变重", "biàn zhòng"),  # not chóng "again"
        ("冬天来了，夜晚变长了。", "变长", "biàn cháng"),
    ],
)
def test_an_adjective_after_a_degree_adverb_or_bian_glued_to_it_is_read_as_one(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    """jieba's HMM glues 更 or 变 "to become" onto the adjective (更长, 变差): the
    adjective's reading (长 cháng, 差 chà, 重 zhòng), and 更 the adverb gèng."""
    assert reading_of(annotator, sentence, word) == expected


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("明天还得早起做作业。", "做作业", "zuò zuò yè"),  # 做 | 作业, not 做作 zuòzuo
        ("吃完饭我去洗衣服。", "洗衣服", "xǐ yī fu"),  # 洗 | 衣服, not 洗衣 | 服 fú
        ("快去穿衣服，要迟到了。", "穿衣服", "chuān yī fu"),
        ("有话好好说，你要讲道理。", "讲道理", "jiǎng dào li"),  # 讲 | 道理, not 讲道 | 理
        ("他花了很久才弄清楚。", "弄清楚", "nòng qīng chu"),  # 清楚, and 弄 as in 弄清
        ("他们的总得分是九十分。", "总得分", "zǒng dé fēn"),  # 总 | 得分, not 总得 děi | 分
        ("他是加拿大人。", "加拿大人", "jiā ná dà rén"),  # 加拿大 | 人, not 加拿 | 大人 dàren
        ("她每天晚上都看看书。", "看看书", "kàn kan shū"),  # the doubled verb keeps its pair
    ],
)
def test_a_word_no_dictionary_lists_is_read_by_the_words_it_is_made_of(
    annotator: Annotator, sentence: str, word: str, expected: str
) -> None:
    """The parts are cut from both sides and the cut with the words a learner knows
    kept (``reader.language.word_parts``): the longest word from the left took 做作
    "affected" out of 做作业 and read it zuò zuo yè."""
    assert reading_of(annotator, sentence, word) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "sense"),
    [
        ("我买了很多东西。", "dōng xi", "thing"),
        ("桌上的东西别动。", "dōng xi", "thing"),
        ("这条山脉呈东西走向。", "dōng xī", "east and west"),
        ("大街东西两侧都是商店。", "dōng xī", "east and west"),
        ("东西方向的道路", "dōng xī", "east and west"),
    ],
)
def test_dongxi_is_a_thing_unless_a_word_of_side_or_extent_follows(
    annotator: Annotator, sentence: str, expected: str, sense: str
) -> None:
    assert reading_of(annotator, sentence, "东西") == expected
    assert gloss_of(annotator, sentence, "东西").startswith(sense)
