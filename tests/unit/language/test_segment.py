"""Segmentation: coverage, offsets, token kinds, glossary terms kept whole."""

from __future__ import annotations

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from reader import paths
from reader.language.segment import Segmenter
from reader.language.tokens import TokenKind

GLOSSARY_TERMS = (
    "河长制", "河湖长制", "微改造", "双区建设", "双区", "一网统管",
    "黑臭水体", "海绵城市", "最小应急单元", "还绿于民",
)  # fmt: skip

_ALPHABET = st.sampled_from(
    list("广州河长制湖一网统管了的地得着还行")
    + list("abcXYZ019.%-+#&")
    + [" ", "\n", "\t", "\u3000", "，", "。", "“", "”", "😀", "ｆ", "１", "〇", "㐀", "\u00e9"]
)


def tokens_of(segmenter: Segmenter, text: str) -> list[tuple[str, TokenKind]]:
    return [(token.text, token.kind) for token in segmenter.segment(text)]


@settings(max_examples=300, deadline=None)
@given(text=st.text(_ALPHABET, max_size=60) | st.text(max_size=40))
def test_tokens_cover_every_character_exactly_once(segmenter: Segmenter, text: str) -> None:
    segmented = segmenter.segment(text)
    assert "".join(token.text for token in segmented) == text
    position = 0
    for token in segmented:
        assert token.start == position < token.end
        assert text[token.start : token.end] == token.text
        position = token.end
    assert position == len(text)
    assert len(segmented.pos_tags) == len(segmented.kinds) == len(segmented)


def test_words_match_jieba_on_the_bundled_article(segmenter: Segmenter) -> None:
    text = (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")
    plain = Segmenter()
    reference = jieba.Tokenizer()
    reference.tmp_dir = str(paths.cache_dir())
    expected = [w for w in reference.cut(text) if not w.isspace()]
    assert [t.text for t in plain.segment(text) if t.kind is not TokenKind.SPACE] == expected


def test_token_kinds(segmenter: Segmenter) -> None:
    found = tokens_of(segmenter, "PM2.5平均浓度超过2200万、下降17.6%，2016年\n\n“穗好办”APP")
    assert ("PM2.5", TokenKind.LATIN) in found
    assert ("APP", TokenKind.LATIN) in found
    assert ("2200", TokenKind.NUMBER) in found
    assert ("17.6%", TokenKind.NUMBER) in found
    assert ("2016", TokenKind.NUMBER) in found
    assert ("平均", TokenKind.HAN) in found
    assert ("\n\n", TokenKind.SPACE) in found
    assert ("“", TokenKind.PUNCT) in found
    assert ("、", TokenKind.PUNCT) in found


def test_fullwidth_and_emoji(segmenter: Segmenter) -> None:
    found = tokens_of(segmenter, "ｆｕｌｌ １２３😀")
    assert found == [
        ("ｆｕｌｌ", TokenKind.LATIN),
        (" ", TokenKind.SPACE),
        ("１２３", TokenKind.NUMBER),
        ("😀", TokenKind.PUNCT),
    ]


def test_glossary_terms_come_out_whole() -> None:
    segmenter = Segmenter(GLOSSARY_TERMS)
    text = (
        "全面推行河长制，全面推进河湖长制，永庆坊微改造项目，推动“双区”建设，"
        "推动双区建设，实现一网统管、全城智治，147条黑臭水体全部消除，"
        "海绵城市建设示范城市，已建成最小应急单元2.3万个，扎实推进还绿于民。"
    )
    words = [token.text for token in segmenter.segment(text)]
    for term in GLOSSARY_TERMS:
        assert term in words, term
    assert words.count("双区") == 1  # the quoted form: “双区” then 建设


def test_without_user_words_jieba_splits_the_terms() -> None:
    words = [token.text for token in Segmenter().segment("全面推进河湖长制")]
    assert "河湖长制" not in words


def test_pos_tags_from_jiebas_dictionary(segmenter: Segmenter) -> None:
    tokens = list(segmenter.segment("他们认真地讨论了广州的问题。"))
    tags = {token.text: token.pos for token in tokens}
    assert tags["广州"] == "ns"
    assert tags["了"] == "ul"
    assert tags["地"] == "uv"
    assert tags["认真"].startswith("a")
    assert tags["。"] == "x"


def test_index_at_maps_offsets_to_tokens(segmenter: Segmenter) -> None:
    segmented = segmenter.segment("我在银行工作")
    index = segmented.index_at(3)
    assert index is not None and segmented.token(index).text == "银行"
    assert segmented.index_at(99) is None


def test_jieba_cache_goes_into_the_cache_directory() -> None:
    Segmenter()
    assert list(paths.cache_dir().glob("jieba*"))


def test_a_damaged_lexicon_cache_is_rebuilt(tmp_path) -> None:
    previous = paths.cache_dir().parent
    paths.set_data_dir(tmp_path)
    try:
        paths.cache_dir().mkdir(parents=True)
        (paths.cache_dir() / "jieba-lexicon.marshal").write_bytes(b"not a marshal file")
        words = [token.text for token in Segmenter().segment("我在银行工作")]
        assert words == ["我", "在", "银行", "工作"]
        assert Segmenter().tag_of("银行") == "n"  # and the rebuilt cache loads
    finally:
        paths.set_data_dir(previous)


def test_blank_user_words_are_ignored() -> None:
    segmenter = Segmenter(["", "  ", "两个 词", "河长制"])
    assert segmenter.tag_of("两个 词") == ""
    assert segmenter.tag_of("河长制") == "nz"


def test_the_lexicon_is_read_only_for_the_characters_a_text_uses(tmp_path) -> None:
    previous = paths.cache_dir().parent
    paths.set_data_dir(tmp_path)
    try:
        Segmenter()  # builds the cache
        segmenter = Segmenter()
        assert [token.text for token in segmenter.segment("我在银行工作")] == [
            "我", "在", "银行", "工作",
        ]  # fmt: skip
        loaded = set(segmenter._lexicon._loaded)  # noqa: SLF001 - the policy under test
        assert loaded <= set("我在银行工作")
    finally:
        paths.set_data_dir(previous)


def test_glossary_terms_load_nothing_until_a_text_holds_them(tmp_path) -> None:
    """Adding a glossary's terms loaded jieba's words of every character they hold
    (a tenth of a second for the bundled glossary) before any text needed them."""
    previous = paths.cache_dir().parent
    paths.set_data_dir(tmp_path)
    try:
        Segmenter()  # builds the cache
        segmenter = Segmenter(GLOSSARY_TERMS)
        assert not segmenter._lexicon._loaded  # noqa: SLF001 - the policy under test
        words = [token.text for token in segmenter.segment("我们全面推行河长制。")]
        assert "河长制" in words
        assert "河" in segmenter._lexicon._loaded  # noqa: SLF001
    finally:
        paths.set_data_dir(previous)


def test_a_cut_does_not_depend_on_the_texts_cut_before() -> None:
    """Terms are added as texts reach their characters: the order must not show."""
    first = "推动双区建设，实现一网统管、全城智治。"
    others = ["永庆坊微改造项目，扎实推进还绿于民。", "147条黑臭水体全部消除，海绵城市建设。"]
    fresh = [token.text for token in Segmenter(GLOSSARY_TERMS).segment(first)]
    used = Segmenter(GLOSSARY_TERMS)
    for text in others:
        used.segment(text)
    assert [token.text for token in used.segment(first)] == fresh
    assert used.segment(first).pos_tags == Segmenter(GLOSSARY_TERMS).segment(first).pos_tags


def test_a_lexicon_cache_from_another_jieba_is_rebuilt(tmp_path, monkeypatch) -> None:
    from reader.language import segment

    previous = paths.cache_dir().parent
    paths.set_data_dir(tmp_path)
    try:
        monkeypatch.setattr(segment, "_JIEBA_VERSION", "jieba 0.0 (another)")
        Segmenter()
        monkeypatch.undo()
        cache = paths.cache_dir() / "jieba-lexicon.marshal"
        built_for_other = cache.read_bytes()
        assert Segmenter().tag_of("银行") == "n"
        assert cache.read_bytes() != built_for_other
    finally:
        paths.set_data_dir(previous)
