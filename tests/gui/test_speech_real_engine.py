"""One real engine: speech-dispatcher with espeak-ng's Mandarin voice.

Skipped, with the reason, where Qt's speech module cannot load, where
speech-dispatcher is not running or cannot open a sound device (as on a
headless CI machine), or where it offers no Chinese voice.
"""

from __future__ import annotations

import pytest

pytest.importorskip(
    "PySide6.QtTextToSpeech", reason="Qt's speech module cannot load (libpulse0 missing?)"
)

from reader.speech.preferences import SpeechPreferences  # noqa: E402
from reader.speech.reading import utterances_from  # noqa: E402
from reader.ui.speech import Speaker, SpeechState, available_engines  # noqa: E402

SPEECH_TIMEOUT_MS = 30_000


@pytest.fixture
def speaker(qapp) -> Speaker:
    if "speechd" not in available_engines():
        pytest.skip("Qt has no speechd engine here")
    made = Speaker(SpeechPreferences(engine="speechd"))
    reason = made.unavailable_reason()
    if reason is not None:
        pytest.skip(f"speech-dispatcher is not usable here: {reason}")
    if not made.voice_choice().chinese_available:
        pytest.skip("speech-dispatcher offers no Chinese voice (install espeak-ng)")
    return made


def test_speech_dispatcher_says_a_chinese_sentence_to_the_end(qtbot, speaker: Speaker) -> None:
    voice = speaker.voice_choice().voice
    assert voice is not None and voice.is_chinese
    with qtbot.waitSignal(speaker.reading_finished, timeout=SPEECH_TIMEOUT_MS):
        speaker.speak(utterances_from("河长制。你好。", 0))
    assert speaker.state() is SpeechState.READY
