"""Sound files from espeak-ng (skipped where it is not installed)."""

from __future__ import annotations

import io
import shutil
import wave

import pytest

from reader.errors import SpeechError
from reader.speech.espeak import EspeakSynthesizer

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"
)


@needs_espeak
def test_a_word_becomes_a_wav_file_of_speech() -> None:
    synthesizer = EspeakSynthesizer()
    assert synthesizer.available()
    audio = synthesizer("河长制")
    with wave.open(io.BytesIO(audio)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert 0.3 < seconds < 5  # three syllables, not silence, not a runaway


@needs_espeak
def test_text_starting_with_a_dash_is_read_not_taken_as_an_option() -> None:
    assert EspeakSynthesizer()("-v 你好").startswith(b"RIFF")


def test_a_missing_program_is_a_clear_error(tmp_path) -> None:
    missing = EspeakSynthesizer(str(tmp_path / "no-espeak-ng"))
    with pytest.raises(SpeechError) as raised:
        missing("你好")
    assert "espeak-ng failed" in str(raised.value)
