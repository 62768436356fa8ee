"""One real engine: speech-dispatcher with espeak-ng's Mandarin voice.

The test starts its own speech-dispatcher, playing into libao's null driver so
that it needs no sound device and makes no sound, and points Qt's engine at it
with ``SPEECHD_ADDRESS``.  Skipped, with the reason, where Qt's speech module
cannot load, where speech-dispatcher or its espeak-ng module is not installed,
or where it offers no Chinese voice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip(
    "PySide6.QtTextToSpeech", reason="Qt's speech module cannot load (libpulse0 missing?)"
)

from reader.speech.preferences import SpeechPreferences  # noqa: E402
from reader.speech.reading import utterances_from  # noqa: E402
from reader.ui.speech import Speaker, SpeechState, available_engines  # noqa: E402

SPEECH_TIMEOUT_MS = 30_000
SYSTEM_CONFIG = Path("/etc/speech-dispatcher")


@pytest.fixture
def dispatcher(qtbot, monkeypatch) -> Iterator[None]:
    program = shutil.which("speech-dispatcher")
    if program is None or not (SYSTEM_CONFIG / "speechd.conf").is_file():
        pytest.skip("speech-dispatcher is not installed")
    if "speechd" not in available_engines():
        pytest.skip("Qt has no speechd engine here")
    # A short folder: the socket's path must fit in 108 bytes.
    folder = Path(tempfile.mkdtemp(prefix="spd-"))
    try:
        config = folder / "conf"
        shutil.copytree(SYSTEM_CONFIG, config)
        settings = config / "speechd.conf"
        lines = settings.read_text(encoding="utf-8").splitlines()
        lines = [line for line in lines if "AudioOutputMethod" not in line]
        settings.write_text("\n".join([*lines, 'AudioOutputMethod "libao"', ""]), "utf-8")
        home = folder / "home"
        home.mkdir()
        (home / ".libao").write_text("default_driver=null\n", encoding="utf-8")
        runtime = folder / "run"
        runtime.mkdir(mode=0o700)
        process = subprocess.Popen(
            [program, "--run-single", "--config-dir", str(config), "--timeout", "60"],
            env={**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            socket = runtime / "speech-dispatcher" / "speechd.sock"
            qtbot.waitUntil(lambda: socket.exists() or process.poll() is not None, timeout=15_000)
            if not socket.exists():
                pytest.skip("speech-dispatcher did not start here")
            monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
            yield
        finally:
            process.terminate()
            process.wait(timeout=15)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def speaker(dispatcher: None) -> Speaker:
    made = Speaker(SpeechPreferences(engine="speechd"))
    reason = made.unavailable_reason()
    if reason is not None:
        pytest.skip(f"speech-dispatcher is not usable here: {reason}")
    if not made.voice_choice().chinese_available:
        pytest.skip(
            "speech-dispatcher offers no Chinese voice (install speech-dispatcher-espeak-ng)"
        )
    return made


def test_speech_dispatcher_reads_chinese_sentences_to_the_end(qtbot, speaker: Speaker) -> None:
    voice = speaker.voice_choice().voice
    assert voice is not None and voice.is_chinese
    text = "河长制。你好。"
    started: list[tuple[int, int]] = []
    speaker.utterance_started.connect(lambda start, end: started.append((start, end)))
    with qtbot.waitSignal(speaker.reading_finished, timeout=SPEECH_TIMEOUT_MS):
        speaker.speak(utterances_from(text, 0))
    assert started == [(0, 4), (4, 7)]
    assert speaker.state() is SpeechState.READY
