"""Parsing CC-CEDICT lines and files (the real bundled file and small user files)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from reader.dictionary.cedict import (
    bundled_source,
    decode_source,
    parse_line,
    read_source_bytes,
    resolve_source,
    split_source,
)
from reader.dictionary.entry import Classifier, CrossReference
from reader.errors import DictionaryError


@pytest.fixture(scope="module")
def bundled() -> tuple[dict[str, str], list[str]]:
    path = bundled_source()
    return split_source(decode_source(read_source_bytes(path), path), path)


def test_bundled_file_keeps_every_entry(bundled: tuple[dict[str, str], list[str]]) -> None:
    metadata, lines = bundled
    assert len(lines) == 122_143 == int(metadata["entries"])
    assert metadata["date"] == "2023-11-07T06:42:16Z"


def test_headword_with_several_readings_keeps_them_all(
    bundled: tuple[dict[str, str], list[str]],
) -> None:
    _, lines = bundled
    xing_readings = {parse_line(line).pinyin for line in lines if line.startswith("行 行 ")}
    assert {"xíng", "háng"} <= xing_readings


def test_classifiers_are_taken_out_of_the_senses() -> None:
    entry = parse_line("河 河 [he2] /river/CL:條|条[tiao2],道[dao4]/")
    assert entry.senses == ("river",)
    assert entry.classifiers == (
        Classifier("條", "条", "tiáo"),
        Classifier("道", "道", "dào"),
    )


def test_variant_reference_keeps_the_sense_text() -> None:
    entry = parse_line("亞 亚 [ya4] /variant of 亞|亚[ya4]/")
    assert entry.senses == ("variant of 亞|亚[ya4]",)
    assert entry.references == (CrossReference("variant of", "亞", "亚", "yà"),)


@pytest.mark.parametrize(
    ("sense", "expected"),
    [
        ("old variant of 俗[su2]", CrossReference("old variant of", "俗", "俗", "sú")),
        ("see 行[hang2]", CrossReference("see", "行", "行", "háng")),
        ("see also 荊|荆[jing1]", CrossReference("see also", "荊", "荆", "jīng")),
        (
            "World Bank (abbr. for 世界銀行|世界银行[Shi4 jie4 Yin2 hang2])",
            CrossReference("abbr. for", "世界銀行", "世界银行", "Shì jiè Yín háng"),
        ),
        ("Japanese variant of 擇|择", CrossReference("Japanese variant of", "擇", "择", "")),
    ],
)
def test_cross_references_in_their_several_forms(sense: str, expected: CrossReference) -> None:
    entry = parse_line(f"甲 甲 [jia3] /{sense}/")
    assert entry.references == (expected,)
    assert entry.senses == (sense,)


def test_english_after_a_reference_is_not_taken_for_a_word() -> None:
    entry = parse_line("孜 孜 [zi1] /see 孜然[zi1 ran2], cumin/")
    assert entry.references == (CrossReference("see", "孜然", "孜然", "zī rán"),)


def test_proper_noun_keeps_its_capital() -> None:
    entry = parse_line("廣州 广州 [Guang3 zhou1] /Guangzhou/")
    assert entry.pinyin == "Guǎng zhōu"
    assert entry.pinyin_numbered == "Guang3 zhou1"


def test_u_colon_becomes_u_umlaut() -> None:
    assert parse_line("女 女 [nu:3] /female/").pinyin == "nǚ"


def test_letters_and_punctuation_in_pinyin_pass_through() -> None:
    assert parse_line("3C 3C [san1 C] /electronics/").pinyin == "sān C"


def test_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no such file"):
        read_source_bytes(tmp_path / "cedict_ts.u8")


def test_damaged_gzip_is_a_dictionary_error(tmp_path: Path) -> None:
    broken = gzip.compress("河 河 [he2] /river/\n".encode())[:-8] + b"garbage!"
    with pytest.raises(DictionaryError, match="gzip"):
        decode_source(broken, tmp_path / "cedict.gz")


def test_text_that_is_not_utf8_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="UTF-8"):
        decode_source("河 河 [he2] /river/\n".encode("gb18030"), tmp_path / "cedict_ts.u8")


def test_file_that_is_not_cedict_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="line 1"):
        split_source("hello world\nthis is prose\n河 河 [he2] /river/\n", tmp_path / "x.txt")


def test_file_without_entries_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="no CC-CEDICT entries"):
        split_source("# only a comment\n", tmp_path / "x.txt")


def test_environment_variable_names_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_file = tmp_path / "cedict_ts.u8"
    monkeypatch.setenv("READER_CEDICT", str(user_file))
    assert resolve_source() == user_file
    assert resolve_source(tmp_path / "other.u8") == tmp_path / "other.u8"
    monkeypatch.delenv("READER_CEDICT")
    assert resolve_source() == bundled_source()
