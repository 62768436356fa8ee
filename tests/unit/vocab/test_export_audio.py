"""Anki packages with a sound file per word, and the command line's --audio."""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import pytest

from reader.errors import ReaderError
from reader.vocab.export import ExportFormat, export_words, sound_file_name
from reader.vocab.word import Context, VocabWord


def tone(text: str) -> bytes:
    """A short WAV whose pitch depends on the text, so each word's file differs."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        frequency = 200 + sum(map(ord, text)) % 600
        samples = (int(8000 * math.sin(2 * math.pi * frequency * n / 8000)) for n in range(800))
        sound.writeframes(b"".join(struct.pack("<h", s) for s in samples))
    return buffer.getvalue()


@pytest.fixture
def words(store, sentences, article_title):
    store.add(
        VocabWord("治理", "zhì lǐ"),
        Context(next(s for s in sentences if "治理" in s), article_title),
    )
    store.add(VocabWord("行", "háng", definition="row"))
    store.add(VocabWord("行", "xíng", definition="to go"))
    return store.words()


def _package(path: Path) -> tuple[dict[str, bytes], list[list[str]]]:
    """The media files by name, and each note's fields."""
    with zipfile.ZipFile(path) as archive:
        names = json.loads(archive.read("media"))
        media = {name: archive.read(number) for number, name in names.items()}
        database = path.parent / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT flds FROM notes ORDER BY id").fetchall()
    return media, [fields.split("\x1f") for (fields,) in rows]


def test_each_word_has_one_sound_played_with_its_pinyin(words, tmp_path) -> None:
    package = tmp_path / "words.apkg"
    asked: list[str] = []

    def audio(text: str) -> bytes:
        asked.append(text)
        return tone(text)

    assert export_words(words, package, ExportFormat.APKG, audio) == 3
    media, notes = _package(package)
    # the reading is said, so 行 háng and 行 xíng each sound as their card reads
    assert sorted(asked) == ["hang2", "xing2", "zhi4 li3"]
    assert media == {
        sound_file_name("治理", "zhì lǐ"): tone("zhi4 li3"),
        sound_file_name("行", "háng"): tone("hang2"),
        sound_file_name("行", "xíng"): tone("xing2"),
    }
    readings = {"治理": ["zhì lǐ"], "行": ["háng", "xíng"]}
    for fields in notes:  # the pinyin field is tone-coloured HTML, then the sound
        word = fields[0]
        assert any(
            fields[2].endswith(f" [sound:{sound_file_name(word, pinyin)}]")
            for pinyin in readings[word]
        )


def test_sound_names_are_the_same_on_every_export_and_differ_by_word(words, tmp_path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export_words(words, first, ExportFormat.APKG, tone)
    export_words(words, second, ExportFormat.APKG, tone)
    assert _package(first)[0].keys() == _package(second)[0].keys()
    names = {
        sound_file_name(w, p) for w, p in [("治理", ""), ("行", "háng"), ("行", "xíng"), ("x", "")]
    }
    assert len(names) == 4 and all(n.endswith(".wav") and n.isascii() for n in names)


def test_without_audio_the_cards_have_no_sound(words, tmp_path) -> None:
    package = tmp_path / "words.apkg"
    export_words(words, package, ExportFormat.APKG)
    media, notes = _package(package)
    assert media == {} and not any("[sound:" in field for fields in notes for field in fields)


def test_a_failing_sound_leaves_the_earlier_export_intact(words, tmp_path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    package = folder / "words.apkg"
    export_words(words, package, ExportFormat.APKG)
    before = package.read_bytes()

    def broken(_text: str) -> bytes:
        raise ReaderError("espeak-ng failed on '行': no voice")

    with pytest.raises(ReaderError):
        export_words(words, package, ExportFormat.APKG, broken)
    assert package.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["words.apkg"]  # no temporary left behind


def _reader(
    data_dir: Path, *arguments: str, path: str | None = None
) -> subprocess.CompletedProcess:
    environment = {**os.environ, "READER_DATA_DIR": str(data_dir)}
    if path is not None:
        environment["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_vocab_export_audio_puts_espeak_recordings_in_the_deck(words, data_dir, tmp_path) -> None:
    package = tmp_path / "out.apkg"
    done = _reader(data_dir, "vocab", "export", "-o", str(package), "--audio")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "with audio" in done.stdout
    media, _notes = _package(package)
    assert set(media) == {
        sound_file_name("治理", "zhì lǐ"),
        sound_file_name("行", "háng"),
        sound_file_name("行", "xíng"),
    }
    assert all(sound.startswith(b"RIFF") and len(sound) > 5000 for sound in media.values())


def test_vocab_export_audio_without_an_engine_says_so_and_exports(
    words, data_dir, tmp_path
) -> None:
    package = tmp_path / "out.apkg"
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    done = _reader(data_dir, "vocab", "export", "-o", str(package), "--audio", path=str(empty_bin))
    assert done.returncode == 0
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "exporting without audio" in lines[0]
    media, notes = _package(package)
    assert media == {} and len(notes) == 3


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("reading", ["ni3 hao3", "zhong4 dian3", "yin2 hang2", "lv4", "dong1 xi5"])
def test_the_flashcard_voice_says_a_reading_in_mandarin_not_spelt_out_in_english(
    reading: str,
) -> None:
    """espeak-ng marks a switch to another language in its phonemes: ``(en)`` is the
    English voice spelling a syllable out ("n-i three"), which its plain cmn voice
    does for 你好 in version 1.51."""
    from reader.speech.espeak import MANDARIN_VOICE

    phonemes = subprocess.run(
        ["espeak-ng", "-v", MANDARIN_VOICE, "-x", "-q"],
        input=reading,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert phonemes.strip() and "(en)" not in phonemes
