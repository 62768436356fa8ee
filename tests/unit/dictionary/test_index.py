"""The compiled index of the real CC-CEDICT: lookups, searches and its on-disk cache."""

from __future__ import annotations

import gzip
import json
import os
import stat
import struct
import sys
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.dictionary import cedict
from reader.dictionary import index as index_module
from reader.dictionary.cedict import bundled_source
from reader.dictionary.entry import CrossReference
from reader.dictionary.index import CedictIndex
from reader.errors import DictionaryError

SMALL_CEDICT = """\
# A user's own small CC-CEDICT
#! version=1
#! entries=3
#! date=2024-05-01T00:00:00Z
河 河 [he2] /river/CL:條|条[tiao2],道[dao4]/
河長制 河长制 [he2 zhang3 zhi4] /river chief system/
綠 绿 [lu:4] /green/
"""


def test_every_entry_of_the_bundled_file_is_indexed(index: CedictIndex) -> None:
    assert index.entry_count == 122_143
    assert index.metadata["entries"] == "122143"
    assert index.metadata["date"] == "2023-11-07T06:42:16Z"
    assert index.source_path == bundled_source()


def test_headword_with_several_readings(index: CedictIndex) -> None:
    assert {entry.pinyin for entry in index.lookup("行")} >= {"xíng", "háng"}
    assert {("cháng",), ("zhǎng",)} <= set(index.readings("长"))


def test_readings_are_distinct_lowercase_and_in_dictionary_order(index: CedictIndex) -> None:
    readings = index.readings("行")
    assert readings.index(("háng",)) < readings.index(("xíng",))
    assert len(readings) == len(set(readings))
    assert index.readings("广州") == (("guǎng", "zhōu"),)
    assert index.readings("不存在的词语") == ()


def test_u_umlaut_readings(index: CedictIndex) -> None:
    assert ("nǚ",) in index.readings("女")
    assert index.readings("绿") == (("lǜ",),)
    # 绿 is read lù only in a few names, e.g. the Yalu River.
    assert index.readings("鸭绿江") == (("yā", "lù", "jiāng"),)


def test_traditional_and_simplified_find_the_same_entry(index: CedictIndex) -> None:
    assert index.lookup("廣州") == index.lookup("广州")
    (guangzhou,) = index.lookup("廣州")
    assert guangzhou.pinyin == "Guǎng zhōu"
    assert "廣州" in index and "广州" in index and "廣州x" not in index


def test_lookup_of_an_unknown_or_empty_word(index: CedictIndex) -> None:
    assert index.lookup("") == ()
    assert index.lookup("xyzzy") == ()
    assert "" not in index


def test_classifiers_and_references_come_through(index: CedictIndex) -> None:
    (river,) = index.lookup("河")
    assert [classifier.simplified for classifier in river.classifiers] == ["条", "道"]
    references = [ref for entry in index.lookup("女") for ref in entry.references]
    assert CrossReference("archaic variant of", "汝", "汝", "rǔ") in references


def test_longest_prefix(index: CedictIndex) -> None:
    text = "我爱中华人民共和国的河流"
    word, entries = index.longest_prefix(text, 2) or ("", ())
    assert word == "中华人民共和国"
    assert entries and entries[0].simplified == "中华人民共和国"
    assert index.longest_prefix(text, len(text) - 2)[0] == "河流"  # type: ignore[index]
    assert index.longest_prefix("xyz") is None
    assert index.longest_prefix(text, len(text)) is None


def test_prefix_search_puts_shorter_headwords_first(index: CedictIndex) -> None:
    found = index.prefix_search("计算", limit=10)
    assert found[0].simplified == "计算"
    assert all(entry.simplified.startswith("计算") for entry in found)
    assert len(found) == 10
    assert len(index.prefix_search("中", limit=50)) == 50


def test_breakdown_of_a_word_not_in_the_dictionary(index: CedictIndex) -> None:
    parts = index.breakdown("河长制x")
    assert [char for char, _ in parts] == ["河", "长", "制", "x"]
    assert parts[0][1] == index.lookup("河")
    assert {entry.pinyin for entry in parts[1][1]} >= {"cháng", "zhǎng"}
    assert parts[3][1] == ()


@pytest.mark.parametrize(
    "query", ["ji4 suan4 ji1", "jisuanji", "jì suàn jī", "ji suan ji", "JiSuanJi", "ji4suan4ji1"]
)
def test_pinyin_search_in_every_notation(index: CedictIndex, query: str) -> None:
    assert index.search_pinyin(query, limit=5)[0].simplified == "计算机"


def test_pinyin_search_respects_tones_only_when_given(index: CedictIndex) -> None:
    toned = index.search_pinyin("ma3", limit=200)
    assert toned and all(entry.pinyin_numbered.lower().split()[0] == "ma3" for entry in toned)
    assert "马" in {entry.simplified for entry in toned}
    assert "妈" not in {entry.simplified for entry in toned}
    assert "妈" in {entry.simplified for entry in index.search_pinyin("ma", limit=200)}


@pytest.mark.parametrize("query", ["nv3", "nü3", "nu:3", "nǚ"])
def test_pinyin_search_accepts_every_spelling_of_u_umlaut(index: CedictIndex, query: str) -> None:
    assert index.search_pinyin(query, limit=5)[0].simplified == "女"


def test_pinyin_search_ranks_exact_readings_then_longer_ones(index: CedictIndex) -> None:
    found = index.search_pinyin("jisuan", limit=20)
    assert found[0].simplified == "计算"
    lengths = [len(cedict_key(entry.pinyin_numbered)) for entry in found]
    assert lengths == sorted(lengths)


def test_pinyin_search_ranks_common_characters_first(index: CedictIndex) -> None:
    top = [entry.simplified for entry in index.search_pinyin("shi4", limit=10)]
    assert "是" in top and "事" in top


def test_pinyin_search_of_nothing(index: CedictIndex) -> None:
    assert index.search_pinyin("") == ()
    assert index.search_pinyin("   ") == ()


def cedict_key(numbered: str) -> str:
    return "".join(char for char in numbered.lower() if char.isalpha())


def test_english_search_ranks_whole_sense_matches_first(index: CedictIndex) -> None:
    top = [entry.simplified for entry in index.search_english("river", limit=5)]
    assert "河" in top and "江" in top


def test_english_search_with_several_words(index: CedictIndex) -> None:
    found = index.search_english("green tea", limit=5)
    assert found[0].simplified == "绿茶"
    assert all(
        any("green" in sense.lower() and "tea" in sense.lower() for sense in entry.senses)
        for entry in found
    )


def test_english_search_falls_back_to_word_beginnings(index: CedictIndex) -> None:
    found = index.search_english("riverban", limit=5)
    assert found and all(
        any("riverbank" in sense.lower() for sense in entry.senses) for entry in found
    )
    assert index.search_english("qqqzzzx") == ()
    assert index.search_english("") == ()


# ------------------------------------------------------------------ the cache


def _only_cache_file(cache_dir: Path) -> Path:
    (cache_file,) = cache_dir.glob("cedict-*.idx")
    return cache_file


def _spy_on_builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    built: list[Path] = []
    real_build = index_module._build_payload

    def counting_build(source_path: Path, raw: bytes) -> bytes:
        built.append(source_path)
        return real_build(source_path, raw)

    monkeypatch.setattr(index_module, "_build_payload", counting_build)
    return built


def test_second_load_uses_the_cache(
    index: CedictIndex, index_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _spy_on_builds(monkeypatch)
    again = CedictIndex.load(bundled_source(), cache_dir=index_cache)
    assert built == []
    assert again.lookup("河") == index.lookup("河")


def _crafted(change: Callable[[dict[str, bytes]], None]) -> Callable[[bytes], bytes]:
    """Damage that keeps the checksum valid: one section changed, the header made to match,
    as a crafted cache (or a bug in the writer) would be."""

    def damage(data: bytes) -> bytes:
        header = index_module._HEADER
        fields = list(header.unpack_from(data, 0))
        split = index_module._split_payload(memoryview(data)[header.size :])
        sections = {name: bytes(section) for name, section in split.items()}
        change(sections)
        payload = b"".join(
            index_module._SECTION_LENGTH.pack(len(sections[name])) + sections[name]
            for name in index_module._SECTIONS
        )
        fields[-2], fields[-1] = len(payload), zlib.crc32(payload)
        return header.pack(*fields) + payload

    return damage


def _numbers(section: bytes, change: Callable[[array], None]) -> bytes:
    numbers = array("I")
    numbers.frombytes(section)
    change(numbers)
    return numbers.tobytes()


def _postings_past_the_end(sections: dict[str, bytes]) -> None:
    sections["postings"] = _numbers(sections["postings"], lambda n: n.__setitem__(0, 10**9))


def _line_offsets_past_the_end(sections: dict[str, bytes]) -> None:
    sections["line_offsets"] = _numbers(
        sections["line_offsets"], lambda n: n.__setitem__(len(n) // 2, 2**31)
    )


def _keys_without_postings(sections: dict[str, bytes]) -> None:
    sections["posting_starts"] = sections["posting_starts"][:-400]


def _metadata_of_another_shape(sections: dict[str, bytes]) -> None:
    sections["meta"] = json.dumps({"byteorder": sys.byteorder, "metadata": []}).encode()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_crafted(_postings_past_the_end), id="crafted-postings-past-the-end"),
        pytest.param(_crafted(_line_offsets_past_the_end), id="crafted-offsets-past-the-end"),
        pytest.param(_crafted(_keys_without_postings), id="crafted-keys-without-postings"),
        pytest.param(_crafted(_metadata_of_another_shape), id="crafted-metadata"),
        pytest.param(lambda data: b"garbage bytes" * 100, id="garbage"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]), id="flipped-byte"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(
            lambda data: data[:12] + struct.pack("<I", cedict.PARSER_VERSION + 1) + data[16:],
            id="wrong-parser-version",
        ),
    ],
)
def test_damaged_cache_is_rebuilt_and_results_stay_right(
    index: CedictIndex, index_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    good_cache = _only_cache_file(index_cache)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / good_cache.name).write_bytes(damage(good_cache.read_bytes()))

    built = _spy_on_builds(monkeypatch)
    rebuilt = CedictIndex.load(bundled_source(), cache_dir=cache_dir)
    assert built == [bundled_source()]
    assert rebuilt.entry_count == 122_143
    assert rebuilt.lookup("行") == index.lookup("行")
    assert rebuilt.search_pinyin("jisuanji")[0].simplified == "计算机"
    assert (cache_dir / good_cache.name).read_bytes() == good_cache.read_bytes()

    built.clear()
    CedictIndex.load(bundled_source(), cache_dir=cache_dir)
    assert built == [], "the rebuilt cache is trusted on the next load"


def test_changed_source_is_reindexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    assert CedictIndex.load(source, cache_dir=cache_dir).entry_count == 3

    source.write_text(SMALL_CEDICT + "山 山 [shan1] /mountain/\n", encoding="utf-8")
    updated = CedictIndex.load(source, cache_dir=cache_dir)
    assert updated.entry_count == 4
    assert updated.lookup("山")[0].senses == ("mountain",)


def test_touched_but_unchanged_source_keeps_its_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    CedictIndex.load(source, cache_dir=cache_dir)
    os.utime(source, ns=(1_000_000_000, 1_000_000_000))
    built = _spy_on_builds(monkeypatch)
    assert CedictIndex.load(source, cache_dir=cache_dir).entry_count == 3
    assert built == []


def test_plain_user_file_named_by_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    monkeypatch.setenv("READER_CEDICT", str(source))
    user_index = CedictIndex.load(cache_dir=tmp_path / "cache")
    assert user_index.source_path == source
    assert user_index.entry_count == 3
    assert user_index.metadata["date"] == "2024-05-01T00:00:00Z"
    assert user_index.lookup("河長制")[0].pinyin == "hé zhǎng zhì"
    assert user_index.search_pinyin("he zhang zhi")[0].simplified == "河长制"
    assert user_index.search_english("river")[0].simplified == "河"
    assert user_index.readings("绿") == (("lǜ",),)


def test_gzipped_user_file(tmp_path: Path) -> None:
    source = tmp_path / "cedict_ts.u8.gz"
    source.write_bytes(gzip.compress(SMALL_CEDICT.encode("utf-8")))
    assert CedictIndex.load(source, cache_dir=tmp_path / "cache").entry_count == 3


def test_cache_goes_to_the_paths_cache_folder_by_default(tmp_path: Path, data_dir: Path) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    CedictIndex.load(source)
    assert list((data_dir / "cache").glob("cedict-*.idx"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_folder_still_gives_an_index(tmp_path: Path) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert CedictIndex.load(source, cache_dir=locked / "cache").lookup("河")
        assert CedictIndex.load(source, cache_dir=locked).lookup("河")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(stat.S_IRWXU)


def test_cache_folder_that_is_a_file_still_gives_an_index(tmp_path: Path) -> None:
    source = tmp_path / "cedict_ts.u8"
    source.write_text(SMALL_CEDICT, encoding="utf-8")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way", encoding="utf-8")
    assert CedictIndex.load(source, cache_dir=not_a_folder).entry_count == 3


def test_missing_source_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="not found"):
        CedictIndex.load(tmp_path / "nowhere.u8", cache_dir=tmp_path / "cache")


def test_source_that_is_not_cedict_is_a_dictionary_error(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("just some notes\nnothing more\n", encoding="utf-8")
    with pytest.raises(DictionaryError):
        CedictIndex.load(source, cache_dir=tmp_path / "cache")


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("背着", ("bēi", "zhe")),  # carrying on one's back; bèi zhe "turning one's back to"
        ("好学", ("hǎo", "xué")),  # CC-CEDICT's order: the reading in context decides
        ("倒车", ("dǎo", "chē")),
    ],
)
def test_readings_that_differ_in_a_full_tone_keep_dictionary_order(
    index: CedictIndex, word: str, first: tuple[str, ...]
) -> None:
    """Only a word listed with and without a neutral tone is reordered (the everyday
    entry first); two readings with different full tones are two words."""
    assert index.readings(word)[0] == first
