"""The one-line meaning (hover line, popup order, JSON gloss) on the bundled article.

Written from the classes of defect in the content review: a surname, place,
brand or "variant of" entry shown where the word has an ordinary sense; the
entry of the other reading shown; a misleading first sense; Han tokens with
no meaning at all; numbers without a reading.
"""

from __future__ import annotations

import re

import pytest

from reader.annotation.annotator import Annotation, Annotator
from reader.annotation.word_info import WordInfo
from reader.articles import default_article
from reader.dictionary.senses import COMPOSED_MARK, LEADING_SENSES
from reader.language.tokens import TokenKind

NAME_TAGS = ("nr", "ns", "nt")


@pytest.fixture(scope="module")
def article(annotator: Annotator) -> Annotation:
    return annotator.annotate(default_article().path.read_text(encoding="utf-8"))


def in_sentence(annotator: Annotator, sentence: str, word: str) -> WordInfo:
    annotation = annotator.annotate(sentence)
    return next(info for info in annotation.words if info.token.text == word)


def _dictionary_words(article: Annotation) -> list[WordInfo]:
    return [
        info
        for info in article.words
        if info.token.kind is TokenKind.HAN and info.glossary is None and info.entries
    ]


def test_no_hover_line_is_a_proper_noun_entry_when_the_word_has_an_ordinary_sense(
    article: Annotation,
) -> None:
    wrong = set()
    for info in _dictionary_words(article):
        reading = " ".join(info.pinyin)
        ordinary = [e for e in info.entries if e.pinyin == reading and e.senses]
        first = info.entries[0]
        proper_first = first.pinyin != first.pinyin.lower()
        if ordinary and proper_first and not info.token.pos.startswith(NAME_TAGS):
            wrong.add((info.token.text, info.gloss))
    assert not wrong


def test_no_hover_line_starts_with_a_surname_or_only_points_to_a_variant(
    article: Annotation,
) -> None:
    pointer = re.compile(r"^(old )?variant of |^surname ")
    wrong = {(i.token.text, i.gloss) for i in _dictionary_words(article) if pointer.match(i.gloss)}
    assert not wrong


def test_the_popup_lists_the_entry_of_the_reading_in_context_first(article: Annotation) -> None:
    for info in _dictionary_words(article):
        readings = {e.pinyin.lower() for e in info.entries}
        if " ".join(info.pinyin) in readings:
            assert info.entries[0].pinyin.lower() == " ".join(info.pinyin), info.token.text


def test_a_word_of_two_readings_shows_the_sense_of_the_reading_chosen(
    annotator: Annotator,
) -> None:
    info = in_sentence(annotator, "他们的东西很多。", "东西")
    reading = " ".join(info.pinyin)
    chosen = next(e for e in info.entries if e.pinyin.lower() == reading)
    assert info.gloss.startswith(chosen.senses[0])


def test_a_variant_only_entry_shows_the_senses_of_the_word_it_varies(
    annotator: Annotator,
) -> None:
    # 煊 is in CC-CEDICT only as "variant of 暄"
    info = annotator.describe("煊")
    assert "variant of 暄" in info.gloss
    assert not info.gloss.startswith("variant of")


def test_override_table_words_lead_with_their_ordinary_sense(annotator: Annotator) -> None:
    for word, leading in LEADING_SENSES.items():
        info = annotator.describe(word)
        assert info.entries, f"{word} must be a CC-CEDICT headword"
        assert info.gloss.startswith(leading[0])


def test_a_name_tagged_token_shows_its_proper_noun_entry(annotator: Annotator) -> None:
    info = in_sentence(annotator, "我们去了长城。", "长城")
    assert "Great Wall" in info.gloss


def test_every_han_token_of_the_article_has_a_meaning(article: Annotation) -> None:
    empty = [i.token.text for i in article.words if i.token.kind is TokenKind.HAN and not i.gloss]
    assert not empty


def test_a_word_no_dictionary_has_is_composed_and_says_so(annotator: Annotator) -> None:
    info = annotator.describe("新世纪")
    assert not info.entries
    assert info.gloss == "new + century" + COMPOSED_MARK


@pytest.mark.parametrize(
    ("sentence", "word", "gloss"),
    [
        ("比赛开始后，客队先进攻。", "后", "back; behind"),  # 後, not 后 "empress"
        ("我觉得当大人真不容易。", "当", "to be; to act as"),  # 當, not 噹 "(onom.) dong"
        ("会议于明天上午举行。", "于", "(of time or place) in; at"),  # 於, not 于 "to go"
        ("这种药一天吃三次。", "药", "medicine"),  # 藥, not 葯 "leaf of the iris"
        ("桌上有一台电脑。", "一台", "platform"),  # 臺, not 台 "(classical) you"
        ("他在合同上签了字。", "签", "to sign"),  # a verb here: 簽, not 籤 "bamboo stick"
        ("把这根绳子吊在树上。", "吊", "to suspend"),  # a verb: not 弔 "a string of cash"
        ("一年有十二个月。", "一年", "year"),  # not 秊 "grain; harvest (old)"
    ],
)
def test_a_character_that_merges_several_traditional_ones_shows_the_everyday_one(
    annotator: Annotator, sentence: str, word: str, gloss: str
) -> None:
    """One simplified character, several traditional characters, each an entry of the
    same reading: the entry that says more comes first, and one of the kind of word
    jieba tags the token as (a verb's "to ..." sense for a verb)."""
    assert gloss in in_sentence(annotator, sentence, word).gloss


@pytest.mark.parametrize(
    ("sentence", "word", "gloss"),
    [
        ("我们下午去公园放风筝。", "放风筝", "to put + kite"),  # not 放风 "to let in air" + 筝
        ("明天还得早起做作业。", "做作业", "to make + school assignment"),  # not 做作 "affected"
        ("球队新来的主教练很严格。", "主教练", "owner + instructor"),  # not 主教 "bishop" + 练
        ("球隊新來的主教練很嚴格。", "主教練", "owner + instructor"),  # HSK grades 教练, simplified
        ("市交通部门提醒市民注意安全。", "交通部门", " + department"),  # not 交通部 + 门 "gate"
        ("有话好好说，你要讲道理。", "讲道理", "to speak + reason"),  # not 讲道 + 理 "texture"
    ],
)
def test_a_composed_meaning_is_made_of_the_words_a_reader_sees(
    annotator: Annotator, sentence: str, word: str, gloss: str
) -> None:
    assert in_sentence(annotator, sentence, word).gloss.endswith(gloss + COMPOSED_MARK)


def test_numeral_and_measure_words_are_described_as_such(annotator: Annotator) -> None:
    for word, amount in (("五年", "5"), ("一个", "1"), ("两千", "2,000"), ("第十二", "ordinal 12")):
        gloss = annotator.describe(word).gloss
        assert gloss.startswith(amount), (word, gloss)
    assert "(number + measure word)" in annotator.describe("五年").gloss


@pytest.mark.parametrize(
    ("text", "number", "reading"),
    [
        ("共有2200名工人。", "2200", "liǎngqiān èrbǎi"),
        ("请拨打12345电话。", "12345", "yāo èr sān sì wǔ"),
        ("2021年是牛年。", "2021", "èr líng èr yī"),
        ("增长了9.7亿元。", "9.7", "jiǔ diǎn qī"),
    ],
)
def test_numbers_have_a_reading_on_their_hover_line(
    annotator: Annotator, text: str, number: str, reading: str
) -> None:
    info = in_sentence(annotator, text, number)
    assert info.gloss.startswith(reading + " ")


@pytest.mark.parametrize(
    ("sentence", "word", "term"),
    [
        ("推进“双区”建设取得新进展。", "双区", "双区建设"),
        ("让数据多跑路，群众少跑腿。", "群众", "数据多跑路群众少跑腿"),
        ("开通12345热线。", "12345", "12345热线"),
    ],
)
def test_a_glossary_term_is_attached_wherever_it_occurs(
    annotator: Annotator, sentence: str, word: str, term: str
) -> None:
    segmented = annotator.segment(sentence)
    inside = [
        index
        for index in range(len(segmented))
        if segmented.token(index).kind is not TokenKind.PUNCT
        and term.startswith(segmented.token(index).text[:1])
        or word in segmented.token(index).text
    ]
    assert inside
    for index in inside:
        info = annotator.word_info(segmented, index)
        assert info.glossary is not None and info.glossary.term == term, info.token.text
        assert info.gloss == info.glossary.english
