"""``reader speak``'s Qt side: list the voices, or say a text and wait until it is said.

``reader/cli/speak_command.py`` checks the arguments and calls in here.  Every
problem a user can meet (no engine, no Chinese voice, an unknown voice, an
engine that stops answering) is one line on stderr and status 2.
"""

from __future__ import annotations

import json
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer

from reader.speech.preferences import SpeechPreferences
from reader.speech.reading import utterances_from
from reader.speech.voices import Voice, how_to_get_a_chinese_voice
from reader.ui.speech import Speaker, SpeechState, available_engines, probe_engine

EXIT_OK = 0
EXIT_FAILED = 2
EXIT_INTERRUPTED = 130
TEST_ENGINE = "mock"  # Qt's engine for tests: listed only when asked for by name
_START_TIMEOUT_MS = 10_000
_BASE_TIMEOUT_MS = 20_000
_TIMEOUT_PER_CHARACTER_MS = 500


def _application() -> QCoreApplication:
    app = QCoreApplication.instance()
    return app if app is not None else QCoreApplication(sys.argv[:1])


def _fail(message: str) -> int:
    print(f"reader: speak: {message}", file=sys.stderr)
    return EXIT_FAILED


def list_voices(engine: str, output_format: str) -> int:
    """Print every voice of ``engine`` (every engine when ""), Chinese ones first."""
    _application()
    engines = [engine] if engine else [e for e in available_engines() if e != TEST_ENGINE]
    if engine and engine not in available_engines():
        return _fail(f"no speech engine called {engine!r} (engines: {_engine_names()})")
    found: list[tuple[str, Voice]] = []
    for name in engines:
        voices = probe_engine(name).voices
        found += [(name, v) for v in sorted(voices, key=lambda v: (not v.is_chinese, v.locale))]
    if not found:
        return _fail(f"no speech engine here offers a voice; {how_to_get_a_chinese_voice()}")
    if output_format == "json":
        records = [
            {"engine": name, "name": v.name, "locale": v.locale, "chinese": v.is_chinese}
            for name, v in found
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for name, voice in found:
            mark = "  (Chinese)" if voice.is_chinese else ""
            print(f"{name}\t{voice.name}\t{voice.locale}{mark}")
    return EXIT_OK


def _engine_names() -> str:
    return ", ".join(e for e in available_engines() if e != TEST_ENGINE) or "none installed"


def speak(text: str, preferences: SpeechPreferences) -> int:
    """Say ``text`` sentence by sentence; returns once it is said (or on a problem)."""
    app = _application()
    if preferences.engine and preferences.engine not in available_engines():
        return _fail(f"no speech engine called {preferences.engine!r} (engines: {_engine_names()})")
    if not available_engines():
        return _fail(f"no speech engine is installed; {how_to_get_a_chinese_voice()}")
    speaker = Speaker(preferences)
    outcome = _Outcome()

    def finish(status: int, message: str = "") -> None:
        outcome.status, outcome.message = status, message
        speaker.stop()
        app.exit(status)

    def start() -> None:
        problem = _problem(speaker, preferences)
        if problem:
            finish(EXIT_FAILED, problem)
            return
        speaker.reading_finished.connect(lambda: finish(EXIT_OK))
        speaker.failed.connect(lambda message: finish(EXIT_FAILED, message))
        speaker.speak(utterances_from(text, 0))
        timeout = _BASE_TIMEOUT_MS + _TIMEOUT_PER_CHARACTER_MS * len(text)
        QTimer.singleShot(
            timeout, lambda: finish(EXIT_FAILED, "the speech engine stopped answering")
        )

    if speaker.state() in (SpeechState.READY, SpeechState.UNAVAILABLE):
        QTimer.singleShot(0, start)
    else:  # an engine that starts in the background
        speaker.state_changed.connect(lambda _state: start() if not outcome.message else None)
        QTimer.singleShot(
            _START_TIMEOUT_MS, lambda: finish(EXIT_FAILED, "the engine did not start")
        )
    # Python handles Ctrl+C only when it runs: a timer gives it the chance.
    previous = signal.signal(signal.SIGINT, lambda *_: finish(EXIT_INTERRUPTED))
    ticker = QTimer()
    ticker.timeout.connect(lambda: None)
    ticker.start(200)
    try:
        app.exec()
    finally:
        signal.signal(signal.SIGINT, previous)
    if outcome.status == EXIT_FAILED:
        return _fail(outcome.message)
    return outcome.status


class _Outcome:
    """How speaking ended, set by whichever signal ends it."""

    def __init__(self) -> None:
        self.status = EXIT_OK
        self.message = ""


def _problem(speaker: Speaker, preferences: SpeechPreferences) -> str:
    """Why ``speaker`` cannot say Chinese as asked; "" when it can."""
    reason = speaker.unavailable_reason()
    if reason is not None:
        return reason[0].lower() + reason[1:].rstrip(".")
    if preferences.voice:
        if all(voice.name != preferences.voice for voice in speaker.voices()):
            return (
                f"the engine {speaker.engine_name()} has no voice called {preferences.voice!r} "
                "(see reader speak --list-voices)"
            )
        return ""
    if not speaker.voice_choice().chinese_available:
        return (
            f"the engine {speaker.engine_name()} has no Chinese voice; "
            f"{how_to_get_a_chinese_voice()} (or name a voice with --voice)"
        )
    return ""
