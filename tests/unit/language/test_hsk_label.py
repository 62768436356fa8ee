"""One wording for HSK levels, wherever a level is shown."""

from __future__ import annotations

import json

from reader.cli import main as cli
from reader.language.hsk import hsk_band, hsk_label, hsk_level


def test_levels_are_written_one_way() -> None:
    assert [hsk_label(level) for level in (1, 6, 7, None)] == [
        "HSK 1",
        "HSK 6",
        "HSK 7-9",
        "Not in HSK 3.0",
    ]
    assert hsk_band(7) == "7-9"


def test_the_command_line_shows_the_band_not_a_level_seven(capsys) -> None:
    assert hsk_level("堵塞") == 7
    assert cli(["lookup", "堵塞"]) == 0
    shown = capsys.readouterr().out
    assert "HSK 7-9" in shown and "HSK 7 " not in shown


def test_json_statistics_key_levels_by_the_same_band_names(capsys) -> None:
    assert cli(["annotate", "--format", "json"]) == 0
    levels = json.loads(capsys.readouterr().out)["stats"]["hsk_levels"]
    assert list(levels) == ["1", "2", "3", "4", "5", "6", "7-9", "none"]


def test_an_anki_card_shows_the_band_and_reads_back_as_the_level(tmp_path) -> None:
    from reader.vocab.export import ExportFormat, export_words
    from reader.vocab.importing import parse_import
    from reader.vocab.text_formats import anki_note_fields
    from reader.vocab.word import VocabWord

    words = [VocabWord("堵塞", "dǔ sè", hsk=7), VocabWord("城市", "chéng shì", hsk=3)]
    fields = [anki_note_fields(word)[6] for word in words]
    assert fields == [hsk_label(7), hsk_label(3)] == ["HSK 7-9", "HSK 3"]
    exported = tmp_path / "words.txt"
    export_words(words, exported, ExportFormat.ANKI_TEXT)
    assert [word.hsk for word in parse_import(exported).good] == [7, 3]
