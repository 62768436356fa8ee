"""Encoding detection on the bundled article and on traditional sentences made from it."""

from __future__ import annotations

import codecs

import pytest

from reader import paths
from reader.errors import InputFileError
from reader.textio.decoding import (
    PLAUSIBLE_CHINESE_SHARE,
    chinese_plausibility,
    common_chinese_characters,
    decode_text,
)

ARTICLE = (paths.bundled_articles_dir() / "guangzhou-governance-ycwb.txt").read_text("utf-8")
ARTICLE_PARAGRAPHS = [paragraph for paragraph in ARTICLE.split("\n") if paragraph]

# Sentences of the article in traditional characters, converted by hand.
TRADITIONAL_SENTENCES = [
    "廣州這座超大城市實際管理服務人口超過2200萬、流動人口超過1000萬。",
    "推進城市治理現代化、加強精細化管理是城市發展面臨的難題。",
    "近年來，廣州牢記囑託、感恩奮進，致廣大而盡精微，從基層著手、從細處著手、從小處著手。",
    "作為一種喜水動物，白鷺對環境很敏感，被稱為「大氣和水質的監測鳥」。",
    "數字政府建設是現代化城市治理「新密碼」。",
]
TRADITIONAL_TEXT = "\n".join(TRADITIONAL_SENTENCES)


def test_utf8_article_is_decoded_as_utf8() -> None:
    decoded = decode_text(ARTICLE.encode("utf-8"), "article.txt")
    assert decoded.text == ARTICLE
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize(
    ("mark", "codec", "expected_encoding"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_byte_order_mark_decides_and_is_not_part_of_the_text(
    mark: bytes, codec: str, expected_encoding: str
) -> None:
    decoded = decode_text(mark + ARTICLE.encode(codec), "article.txt")
    assert decoded.text == ARTICLE
    assert decoded.encoding == expected_encoding


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_whole_article_in_a_mainland_encoding_is_read_as_gb18030(codec: str) -> None:
    decoded = decode_text(ARTICLE.encode(codec), "article.txt")
    assert decoded.text == ARTICLE
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize("paragraph", ARTICLE_PARAGRAPHS)
def test_every_paragraph_alone_in_gbk_is_read_correctly(paragraph: str) -> None:
    # Short inputs give the scorer little to go on; each heading and caption
    # must still come back unchanged.
    assert decode_text(paragraph.encode("gbk"), "p.txt").text == paragraph


def test_traditional_text_in_big5_is_read_as_big5() -> None:
    decoded = decode_text(TRADITIONAL_TEXT.encode("big5"), "trad.txt")
    assert decoded.text == TRADITIONAL_TEXT
    assert decoded.encoding == "big5"


@pytest.mark.parametrize("sentence", TRADITIONAL_SENTENCES)
def test_every_traditional_sentence_alone_in_big5_is_read_correctly(sentence: str) -> None:
    assert decode_text(sentence.encode("big5"), "s.txt").text == sentence


def test_traditional_text_saved_as_gbk_is_read_as_gb18030() -> None:
    # GBK also holds traditional characters; the scorer must not assume Big5 for them.
    decoded = decode_text(TRADITIONAL_TEXT.encode("gbk"), "trad.txt")
    assert decoded.text == TRADITIONAL_TEXT
    assert decoded.encoding == "gb18030"


def test_big5_bytes_also_decode_as_gbk_but_score_as_garbage() -> None:
    as_gbk = TRADITIONAL_TEXT.encode("big5").decode("gb18030")
    assert as_gbk != TRADITIONAL_TEXT
    assert chinese_plausibility(as_gbk) < PLAUSIBLE_CHINESE_SHARE
    assert chinese_plausibility(TRADITIONAL_TEXT) > 0.95
    assert chinese_plausibility(ARTICLE) > 0.95


def test_common_characters_hold_both_scripts() -> None:
    common = common_chinese_characters()
    assert {"广", "廣", "这", "這", "实", "實", "的"} <= common
    assert "𠮷" not in common


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café crème brûlée, résumé, naïve façade, déjà vu.", "latin-1"),
        ("Grüße aus München: schöne Äpfel, süße Öfen.", "latin-1"),
        ("He said “déjà vu” — and left.", "cp1252"),
    ],
)
def test_european_single_byte_text_is_refused_with_advice(text: str, codec: str) -> None:
    with pytest.raises(InputFileError) as raised:
        decode_text(text.encode(codec), "letter.txt")
    message = str(raised.value)
    assert message.startswith("letter.txt: ")
    assert "save it as UTF-8" in message
    assert "\n" not in message


def test_broken_body_after_a_byte_order_mark_is_reported() -> None:
    data = codecs.BOM_UTF8 + "广州".encode() + b"\xff\xfe\xfd"
    with pytest.raises(InputFileError, match=r"^bad\.txt: starts with a UTF-8 byte-order mark"):
        decode_text(data, "bad.txt")


def test_nul_bytes_without_a_byte_order_mark_are_binary() -> None:
    utf16_without_mark = "广州 city".encode("utf-16-le")
    with pytest.raises(InputFileError, match="NUL bytes"):
        decode_text(utf16_without_mark, "u16.txt")


def test_many_control_characters_are_binary() -> None:
    with pytest.raises(InputFileError, match="control characters"):
        decode_text(b"abc\x01\x02\x03\x04\x05def" * 10, "ctl.txt")


def test_a_few_control_characters_in_long_text_are_tolerated() -> None:
    text = ARTICLE + "\x1b"
    assert decode_text(text.encode("utf-8"), "a.txt").text == text


def test_utf8_cut_short_mid_character_is_read_with_a_replacement() -> None:
    data = ARTICLE.encode("utf-8")[:-2]  # drops the final newline and cuts 觉 in two
    decoded = decode_text(data, "cut.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == ARTICLE[:-2] + "\ufffd"


def test_utf8_with_many_damaged_bytes_is_refused() -> None:
    damaged = bytearray(ARTICLE.encode("utf-8"))
    damaged[::50] = b"\xff" * len(damaged[::50])
    with pytest.raises(InputFileError, match="save it as UTF-8"):
        decode_text(bytes(damaged), "damaged.txt")
