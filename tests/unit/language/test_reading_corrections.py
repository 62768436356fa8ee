"""The learner's reading corrections: what is accepted, how they are kept, damaged files."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from pypinyin.pinyin_dict import pinyin_dict

from reader import paths
from reader.language import reading_corrections
from reader.language.notation import VALID_SYLLABLES, is_valid_syllable, numbered_to_marks
from reader.language.reading_corrections import (
    ReadingCorrection,
    ReadingCorrectionError,
    ReadingCorrections,
    parse_reading,
)

ACCEPTED = [
    ("长城", "chang2 cheng2", ("cháng", "chéng")),
    ("长城", "cháng chéng", ("cháng", "chéng")),
    ("长城", "chángchéng", ("cháng", "chéng")),
    ("长城", "Chang2Cheng2", ("cháng", "chéng")),
    ("東西", "dong1 xi5", ("dōng", "xi")),  # a neutral tone: 5, 0 or no mark
    ("东西", "dong1 xi0", ("dōng", "xi")),
    ("东西", "dōng xi", ("dōng", "xi")),
    ("绿", "lv4", ("lǜ",)),
    ("女", "nu:3", ("nǚ",)),
    ("女", "nǚ", ("nǚ",)),
    ("西安", "xi1'an1", ("xī", "ān")),
    ("12345热线", "re4 xian4", ("rè", "xiàn")),  # one syllable per Han character
    # ê, in numbers, in marks (precomposed or not), and as CC-CEDICT spells 欸 (ei)
    ("欸", "ê1", ("ê̄",)),
    ("欸", "Ê4", ("ề",)),
    ("欸", "ế", ("ế",)),
    ("欸", "ê̌", ("ê̌",)),
    ("欸", "e\u0302\u0300", ("ề",)),
    ("欸", "ei4", ("èi",)),
    ("欸乃", "ǎi nǎi", ("ǎi", "nǎi")),
]


def fullwidth(text: str) -> str:
    """``text`` as an IME in full-width mode types it: ｃｈａｎｇ２　ｃｈｅｎｇ２."""
    return "".join(
        "\u3000" if char == " " else chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char
        for char in text
    )


@pytest.mark.parametrize(("word", "written", "reading"), ACCEPTED)
def test_numbered_and_marked_pinyin_are_both_accepted(
    word: str, written: str, reading: tuple[str, ...]
) -> None:
    assert parse_reading(word, written) == reading


@pytest.mark.parametrize(("word", "written", "reading"), ACCEPTED)
def test_every_spelling_is_accepted_as_typed_in_full_width_too(
    word: str, written: str, reading: tuple[str, ...]
) -> None:
    typed = fullwidth(written)
    assert typed != written or not written.isascii()
    assert parse_reading(word, typed) == reading
    assert parse_reading(word, f"\u3000{typed}\u3000") == reading


def test_every_syllable_the_reader_shows_is_accepted_as_it_is(
    readings_for: Callable[[str], Sequence[tuple[str, ...]]],
) -> None:
    """What pypinyin shows (ê̄ ế ê̌ ề among them) and what CC-CEDICT reads 欸 as can be
    chosen from the menu and typed back: the parser gives each back unchanged."""
    shown = {syllable for readings in pinyin_dict.values() for syllable in readings.split(",")}
    shown = {syllable for syllable in shown if is_valid_syllable(syllable)}
    assert {"ê̄", "ế", "ê̌", "ề"} <= shown and len(shown) > 1400
    refused = [s for s in sorted(shown) if parse_reading("字", s) != (s,)]
    assert refused == []
    for reading in readings_for("欸"):
        assert parse_reading("欸", " ".join(reading)) == reading


def test_a_saved_file_is_read_as_the_parser_reads_it(data_dir: Path) -> None:
    """Every syllable in every tone as this reader writes it, and pinyin written by
    hand in any other accepted way, reads back as ``parse_reading`` gives it."""
    tones = range(1, 6)
    written = sorted(
        {numbered_to_marks(f"{base}{tone}") for base in VALID_SYLLABLES for tone in tones}
    )
    by_hand = [(word, pinyin) for word, pinyin, _ in ACCEPTED]
    by_hand += [("长城", " ＣＨＡＮＧ２  cheng2 "), ("重点", "zhòng  diǎn"), ("女", "nǚ ")]
    rows = [(chr(0x4E00 + number), syllable) for number, syllable in enumerate(written)]
    rows += [
        (f"{chr(0x9000 + number)}{word}", f"ma5 {pinyin}")  # one word each
        for number, (word, pinyin) in enumerate(by_hand)
    ]
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    document = {"version": 1, "corrections": [{"word": w, "pinyin": p} for w, p in rows]}
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    store = ReadingCorrections.load()

    assert store.problem == ""
    assert {(c.word, c.pinyin) for c in store.all()} == {(w, parse_reading(w, p)) for w, p in rows}


@pytest.mark.parametrize(
    ("word", "written", "says"),
    [
        ("长城", "chang2", "2 characters but “chang2” is 1 syllable"),
        ("长", "chang2 cheng2", "1 character but"),
        ("长城", "", "give the pinyin of 长城"),
        ("长城", "xyz abc", "is not pinyin"),
        ("长城", "chang22 cheng2", "is not pinyin"),
        ("长城", "chǎng3 cheng2", "both a tone mark and a tone number"),
        ("长城", "chang7 cheng2", "tone numbers are 1 to 5"),
        ("abc", "a", "no Chinese characters"),
        ("长 城", "chang2 cheng2", "not one word"),
        # typed in full width, with ê, or with what a terminal or a paste lets through
        ("长城", "ｘｙｚ　ａｂｃ", "“xyz” in “xyz abc” is not pinyin"),
        ("长城", "ｃｈａｎｇ９ ｃｈｅｎｇ２", "tone numbers are 1 to 5"),
        ("长城", "ｃｈａｎｇ２", "2 characters but “chang2” is 1 syllable"),
        ("欸", "dê4", "is not pinyin"),
        ("欸", "ê̄4", "both a tone mark and a tone number"),
        ("长城", "xyz\nabc", "“xyz” in “xyz abc” is not pinyin"),
        ("长城", "chang2\x1b[31m cheng2", "\\\\u001b"),
        ("长城", "chang2\u200bcheng2", "\\\\u200b"),
    ],
)
def test_anything_else_is_refused_with_a_message_saying_what_to_write(
    word: str, written: str, says: str
) -> None:
    with pytest.raises(ReadingCorrectionError, match=says) as raised:
        parse_reading(word, written)
    assert str(raised.value).isprintable()  # one line, nothing a terminal would act on


def test_corrections_round_trip_through_the_file(data_dir: Path) -> None:
    store = ReadingCorrections.load()
    assert not store and store.problem == ""

    store.set("长城", "zhang3 cheng2")
    store.set("为", ["wèi"])

    again = ReadingCorrections.load()
    assert again.file == paths.reading_corrections_file()
    assert again.all() == [
        ReadingCorrection("为", ("wèi",)),
        ReadingCorrection("长城", ("zhǎng", "chéng")),
    ]
    assert again.reading_for("长城") == ("zhǎng", "chéng")
    assert again.problem == ""

    assert again.remove("长城") == ReadingCorrection("长城", ("zhǎng", "chéng"))
    assert again.remove("长城") is None
    assert [c.word for c in ReadingCorrections.load().all()] == ["为"]


def test_a_traditional_word_and_its_simplified_form_share_one_correction(
    data_dir: Path,
) -> None:
    store = ReadingCorrections.load()
    store.set("長城", "zhang3 cheng2")

    assert store.reading_for("长城") == ("zhǎng", "chéng")
    assert store.reading_for("長城") == ("zhǎng", "chéng")
    store.set("长城", "chang2 cheng2")  # replaces it: one word, one correction
    assert len(store) == 1 and store.reading_for("長城") == ("cháng", "chéng")
    assert store.remove("長城") is not None and not store


def test_the_correction_replaces_the_readers_reading_of_that_word_only() -> None:
    store = ReadingCorrections()  # in memory
    store.set("为", "wei4")
    assert store.corrected("为", ("wéi",)) == ("wèi",)
    assert store.corrected("為", ("wéi",)) == ("wèi",)
    assert store.corrected("为了", ("wèi", "le")) == ("wèi", "le")
    assert store.corrected("，", ()) == ()


def test_a_change_made_elsewhere_meanwhile_is_kept(data_dir: Path) -> None:
    window = ReadingCorrections.load()
    command_line = ReadingCorrections.load()
    command_line.set("长城", "zhang3 cheng2")

    window.set("为", "wei4")  # reads the file again before writing it

    assert {c.word for c in ReadingCorrections.load().all()} == {"为", "长城"}


def test_a_damaged_file_is_moved_aside_reported_and_not_written_over(data_dir: Path) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(b'{"version": 1, "corrections": [{"word": "\xe9\x95')  # cut short

    store = ReadingCorrections.load()

    assert not store
    assert "damaged (it is not JSON)" in store.problem
    moved = list(paths.damaged_dir().iterdir())
    assert len(moved) == 1 and str(moved[0]) in store.problem
    assert moved[0].read_bytes().endswith(b"\xe9\x95")  # the learner's bytes, kept whole
    assert not file.exists()
    store.set("长城", "zhang3 cheng2")
    assert len(list(paths.damaged_dir().iterdir())) == 1


def test_entries_that_cannot_be_read_are_set_aside_and_the_good_ones_kept(
    data_dir: Path,
) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "version": 1,
        "corrections": [
            {"word": "长城", "pinyin": "zhǎng chéng"},
            {"word": "为", "pinyin": "not pinyin"},
            {"word": "东西"},
        ],
    }
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")

    store = ReadingCorrections.load()

    assert store.all() == [ReadingCorrection("长城", ("zhǎng", "chéng"))]
    assert "2 entries could not be read" in store.problem
    assert "1 correction that could be read is kept" in store.problem
    (moved,) = paths.damaged_dir().iterdir()
    assert json.loads(moved.read_text(encoding="utf-8")) == document
    assert ReadingCorrections.load().all() == store.all()  # saved again, without the bad ones
    assert ReadingCorrections.load().problem == ""


def test_an_unreadable_file_is_reported_and_never_written_over(data_dir: Path) -> None:
    file = paths.reading_corrections_file()
    file.mkdir(parents=True)  # not a file at all

    store = ReadingCorrections.load()

    assert not store and "is a folder" in store.problem
    with pytest.raises(ReadingCorrectionError, match="is a folder"):
        store.set("长城", "zhang3 cheng2")
    assert file.is_dir()


def test_a_traditional_character_several_share_in_simplified_corrects_only_itself() -> None:
    """乾 qián, 幹 gàn and 干 gān all simplify to 干: a correction of one is not one of
    another, while a word OpenCC converts both ways (長城 <-> 长城) is one word."""
    store = ReadingCorrections()
    store.set("乾", "qian2")
    assert store.corrected("乾", ("gān",)) == ("qián",)
    assert store.corrected("干", ("gàn",)) == ("gàn",)
    assert store.corrected("幹", ("gàn",)) == ("gàn",)
    store.set("長城", "chang2 cheng2")
    assert store.corrected("长城", ("zhǎng", "chéng")) == ("cháng", "chéng")


@pytest.mark.parametrize(
    "word",
    ["<b>重</b>", "\x1b[31m重", "重\u200b点", "重\x00点", "\ud800重", "重&点"],
)
def test_a_word_with_characters_no_word_is_written_with_is_refused(word: str) -> None:
    """Markup, terminal escapes, zero-width and control characters, lone surrogates:
    a word that would not look like itself in a list or a message."""
    with pytest.raises(ReadingCorrectionError, match="which no word is written with") as raised:
        ReadingCorrections().set(word, "zhong4")
    assert raised.value.args[0].isprintable()


@pytest.mark.parametrize(
    "content",
    [
        ("[" * 100_000 + "]" * 100_000).encode(),  # deeper than Python's recursion limit
        b'{"version": 1, "corrections": [{"word": ["\xe9\x87\x8d"], "pinyin": "zhong4"}]}',
        b'{"version": 1, "corrections": [{"word": "\\ud800\xe9\x87\x8d", "pinyin": "zhong4"}]}',
        b'{"version": 1, "corrections": [{"word": "\xe9\x87\x8d", "pinyin": 4}]}',
    ],
)
def test_a_hostile_file_is_set_aside_never_raised(data_dir: Path, content: bytes) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)

    store = ReadingCorrections.load()

    assert not store and "damaged" in store.problem
    (moved,) = paths.damaged_dir().iterdir()
    assert moved.read_bytes() == content


def test_a_newer_versions_file_is_left_alone_and_not_written_over(data_dir: Path) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    content = b'{"version": 2, "corrections": [], "new": "fields"}'
    file.write_bytes(content)

    store = ReadingCorrections.load()

    assert "saved by a newer version of the reader" in store.problem
    with pytest.raises(ReadingCorrectionError, match="newer version"):
        store.set("长城", "chang2 cheng2")
    assert file.read_bytes() == content and not paths.damaged_dir().exists()


class FileUse:
    """How often the corrections file is read, checked (parsed) and written."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads = self.parses = self.writes = 0
        for name, counter in [
            ("read_regular_file", "reads"),
            ("_parse_file", "parses"),
            ("write_bytes_atomically", "writes"),
        ]:
            monkeypatch.setattr(reading_corrections, name, self._counting(name, counter))

    def _counting(self, name: str, counter: str) -> Callable[..., object]:
        original = getattr(reading_corrections, name)

        def counted(*arguments: object, **keywords: object) -> object:
            setattr(self, counter, getattr(self, counter) + 1)
            return original(*arguments, **keywords)

        return counted

    def __call__(self) -> tuple[int, int, int]:
        return self.reads, self.parses, self.writes


def _save(rows: list[tuple[str, str]]) -> None:
    document = {"version": 1, "corrections": [{"word": w, "pinyin": p} for w, p in rows]}
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("change", ["set", "remove"])
@pytest.mark.parametrize("meanwhile", ["nothing", "changed elsewhere", "damaged elsewhere"])
@pytest.mark.parametrize("store", ["command line", "window"])
def test_a_change_reads_checks_and_writes_the_file_once_and_loses_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str, meanwhile: str, store: str
) -> None:
    """The command line's store reads the file only to change it; the window's was loaded
    at start and checks the file again only if it is not what it last read or wrote."""
    _save([("长城", "zhǎng chéng"), ("为", "wèi")])
    corrections = ReadingCorrections.load() if store == "window" else ReadingCorrections.to_change()
    expected = {"长城": ("zhǎng", "chéng"), "为": ("wèi",)}
    if meanwhile == "changed elsewhere":
        ReadingCorrections.to_change().set("重点", "chong2 dian3")
        expected["重点"] = ("chóng", "diǎn")
    elif meanwhile == "damaged elsewhere":
        _save([("长城", "zhǎng chéng"), ("为", "not pinyin"), ("重点", "chóng diǎn")])
        del expected["为"]
        expected["重点"] = ("chóng", "diǎn")
    use = FileUse(monkeypatch)

    if change == "set":
        corrections.set("东西", "dong1 xi5")
        expected["东西"] = ("dōng", "xi")
    else:
        assert corrections.remove("长城") is not None
        del expected["长城"]

    reads, parses, writes = use()
    assert (reads, writes) == (1, 1)
    assert parses == (0 if store == "window" and meanwhile == "nothing" else 1)
    assert {c.word: c.pinyin for c in corrections.all()} == expected
    assert {c.word: c.pinyin for c in ReadingCorrections.load().all()} == expected
    if meanwhile == "damaged elsewhere":
        assert "1 entry could not be read" in corrections.problem
        (moved,) = paths.damaged_dir().iterdir()
        assert "not pinyin" in moved.read_text(encoding="utf-8")


@pytest.mark.parametrize("change", ["set", "remove"])
def test_a_change_to_a_newer_versions_file_is_refused_without_reading_it_twice(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    file = paths.reading_corrections_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    content = b'{"version": 2, "corrections": [{"word": "\xe9\x87\x8d", "pinyin": "zhong4"}]}'
    file.write_bytes(content)
    use = FileUse(monkeypatch)
    corrections = ReadingCorrections.to_change()

    with pytest.raises(ReadingCorrectionError, match="newer version") as raised:
        if change == "set":
            corrections.set("长城", "chang2 cheng2")
        else:
            corrections.remove("重")

    assert "\n" not in str(raised.value) and corrections.problem == ""
    assert use() == (1, 1, 0)
    assert file.read_bytes() == content and not paths.damaged_dir().exists()


def test_the_file_holds_one_correction_a_line(data_dir: Path) -> None:
    """Plain JSON a learner can read and edit by hand."""
    store = ReadingCorrections.to_change()
    store.set("长城", "zhang3 cheng2")
    store.set("欸", "ê4")

    lines = paths.reading_corrections_file().read_text(encoding="utf-8").splitlines()

    assert '  {"word": "欸", "pinyin": "ề"},' in lines
    assert '  {"word": "长城", "pinyin": "zhǎng chéng"}' in lines
    store.remove("长城")
    store.remove("欸")
    document = json.loads(paths.reading_corrections_file().read_text(encoding="utf-8"))
    assert document == {"version": 1, "corrections": []}
