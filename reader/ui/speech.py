"""One text-to-speech engine, speaking a word, a sentence or a whole article.

This module imports ``QtTextToSpeech`` (which loads Qt Multimedia, about a
third of a second): nothing imports it until the learner first asks to hear
something, and then the window's worker does (``probe_engine``, called from
``reader/ui/speech_features.py``), before the ``Speaker`` is made.

Engines speak in the background and report by signal; nothing here waits for
them.  An article is given to the engine one sentence at a time, so that the
sentence being read and, where the engine reports it, the word being read are
known by their offsets in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLoggingCategory, QObject, Signal

from reader.speech.preferences import SpeechPreferences
from reader.speech.reading import Utterance
from reader.speech.voices import Voice, VoiceChoice, choose_voice

# Qt Multimedia notes, on loading, each optional sound library it does not find
# (PipeWire): not the learner's concern, and the command line promises one line.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")

from PySide6.QtTextToSpeech import QTextToSpeech, QVoice  # noqa: E402  (after the rule)


class SpeechState(Enum):
    READY = "ready"
    SPEAKING = "speaking"
    PAUSED = "paused"
    UNAVAILABLE = "unavailable"


_STATES = {
    QTextToSpeech.State.Ready: SpeechState.READY,
    QTextToSpeech.State.Speaking: SpeechState.SPEAKING,
    QTextToSpeech.State.Synthesizing: SpeechState.SPEAKING,
    QTextToSpeech.State.Paused: SpeechState.PAUSED,
    QTextToSpeech.State.Error: SpeechState.UNAVAILABLE,
}


def available_engines() -> list[str]:
    """The engines Qt found on this system (``mock`` is Qt's test engine)."""
    return list(QTextToSpeech.availableEngines())


def _voice(voice: QVoice) -> Voice:
    return Voice(voice.name(), voice.locale().name())


def _engine_problem(engine: QTextToSpeech, asked_for: str) -> str | None:
    """Why ``engine`` does not work (one line), None when it does."""
    if engine.state() != QTextToSpeech.State.Error:
        return None
    detail = engine.errorString() or "it could not start"
    name = engine.engine() or asked_for or "(none)"
    return f"The speech engine {name} is not working: {detail}."


def _all_voices(engine: QTextToSpeech) -> list[QVoice]:
    # A null locale asks for the voices of every language (PySide6's stubs omit it).
    return list(engine.allVoices(None))  # type: ignore[arg-type]


class Speaker(QObject):
    """Speaks utterances with the learner's preferences; see the module docstring."""

    state_changed = Signal(object)
    """The SpeechState now."""
    utterance_started = Signal(int, int)
    """The engine began the article's [start, end)."""
    word_spoken = Signal(int, int)
    """The engine is saying the article's [start, end) (engines that report words)."""
    reading_finished = Signal()
    """The last utterance was said, or reading was stopped."""
    failed = Signal(str)
    """The engine reported an error (one line)."""

    def __init__(self, preferences: SpeechPreferences, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preferences = preferences
        self._pending: list[Utterance] = []
        self._current: Utterance | None = None
        self._pause_requested = False
        self._held = False  # paused between two utterances (see pause)
        self._engine = self._create_engine(preferences.engine)
        self._choice = VoiceChoice(None, False)
        self._apply_preferences()

    # -- what the engine offers ------------------------------------------------

    def engine_name(self) -> str:
        return self._engine.engine()

    def unavailable_reason(self) -> str | None:
        """Why nothing can be spoken (one line), or None when the engine works."""
        problem = _engine_problem(self._engine, self._preferences.engine)
        if problem is not None:
            return problem
        if self._engine.state() == QTextToSpeech.State.Ready and self._choice.voice is None:
            return f"The speech engine {self.engine_name()} offers no voice."
        return None

    def voices(self) -> list[Voice]:
        """Every voice of the engine, whatever its language."""
        return [_voice(v) for v in _all_voices(self._engine)]

    def voice_choice(self) -> VoiceChoice:
        return self._choice

    def state(self) -> SpeechState:
        if self._held:
            return SpeechState.PAUSED
        return _STATES.get(self._engine.state(), SpeechState.UNAVAILABLE)

    def current(self) -> Utterance | None:
        """What is being said (or paused in), None when idle."""
        return self._current

    # -- settings ------------------------------------------------------------

    def set_preferences(self, preferences: SpeechPreferences) -> None:
        """Use another voice, rate or pitch from the next utterance on (the same engine)."""
        self._preferences = preferences
        self._apply_preferences()

    # -- speaking --------------------------------------------------------------

    def speak(self, utterances: list[Utterance]) -> None:
        """Say ``utterances`` in order, instead of anything being said now."""
        self._pending = [u for u in utterances if u.text.strip()]
        self._current = None
        self._held = self._pause_requested = False
        if self._engine.state() in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Paused):
            # Stopping reports Ready, which starts the next utterance (the first one).
            self._engine.stop()
            if self._engine.state() != QTextToSpeech.State.Ready:
                return
        self._say_next()

    def pause(self) -> None:
        """Pause as soon as the engine can: mid-sentence, or else where the sentence ends."""
        if self._engine.state() == QTextToSpeech.State.Speaking:
            self._pause_requested = True
            self._engine.pause()

    def resume(self) -> None:
        if self._held:  # paused between two sentences
            self._held = False
            self._say_next()
            self.state_changed.emit(self.state())
        elif self._engine.state() == QTextToSpeech.State.Paused:
            self._engine.resume()

    def stop(self) -> None:
        had_work = self._current is not None or bool(self._pending)
        self._pending = []
        self._current = None
        self._held = self._pause_requested = False
        self._engine.stop()
        if had_work:
            self.reading_finished.emit()

    # -- engine --------------------------------------------------------------

    def _create_engine(self, name: str) -> QTextToSpeech:
        engine = QTextToSpeech(name, self) if name else QTextToSpeech(self)
        engine.stateChanged.connect(self._engine_state_changed)
        engine.sayingWord.connect(self._engine_saying_word)
        engine.errorOccurred.connect(self._engine_failed)
        return engine

    def _apply_preferences(self) -> None:
        engine = self._engine
        if engine.state() == QTextToSpeech.State.Error:
            return
        self._choice = choose_voice(self.voices(), self._preferences.voice or None)
        if self._choice.voice is not None:
            for voice in _all_voices(engine):
                if _voice(voice) == self._choice.voice:
                    engine.setVoice(voice)
                    break
        engine.setRate(self._preferences.rate)
        engine.setPitch(self._preferences.pitch)

    def _say_next(self) -> None:
        if not self._pending:
            if self._current is not None:
                self._current = None
                self.reading_finished.emit()
            return
        if self._engine.state() != QTextToSpeech.State.Ready:
            return  # an engine still starting says it when it reports Ready
        self._current = self._pending.pop(0)
        self.utterance_started.emit(self._current.start, self._current.end)
        self._engine.say(self._current.text)

    def _engine_state_changed(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Paused:
            self._pause_requested = False
        elif state == QTextToSpeech.State.Ready:
            if not self._choice.voice:
                self._apply_preferences()  # an engine that starts in the background
            # Engines pause at a word's end; one that finished the sentence
            # first (e.g. a sentence it takes as one word) holds before the next.
            self._held = self._pause_requested and bool(self._pending)
            self._pause_requested = False
            if not self._held:
                self._say_next()
        elif state == QTextToSpeech.State.Error:
            self._pending = []
            self._current = None
        self.state_changed.emit(self.state())

    def _engine_saying_word(self, word: str, _id: int, start: int, length: int) -> None:
        current = self._current
        if current is None or length <= 0 or start < 0 or start + length > len(current.text):
            return  # e.g. an engine's empty "word" between punctuation
        self.word_spoken.emit(current.start + start, current.start + start + length)

    def _engine_failed(self, _reason: object, message: str) -> None:
        self._pending = []
        self._current = None
        self.failed.emit(message or "the speech engine reported an error")


@dataclass(frozen=True, slots=True)
class EngineReport:
    """What starting an engine showed: its voices, or why it does not work."""

    engine: str
    voices: tuple[Voice, ...]
    problem: str | None


def probe_engine(name: str) -> EngineReport:
    """Start the engine ``name`` ("" for the platform's default) once and report on it.

    Safe to run in the worker thread, and meant to: starting an engine can take
    seconds (speech-dispatcher is spawned on first use, and without a sound
    device it gives up only after several), and once it has started, the
    ``Speaker`` made on the UI thread connects at once.  The engine is deleted
    here, in the thread that made it.
    """
    engine = QTextToSpeech(name) if name else QTextToSpeech()
    if engine.state() == QTextToSpeech.State.Error:
        detail = engine.errorString() or "it could not start"
        problem = (
            f"The speech engine {engine.engine() or name or '(none)'} is not working: {detail}."
        )
        return EngineReport(engine.engine(), (), problem)
    return EngineReport(engine.engine(), tuple(_voice(v) for v in _all_voices(engine)), None)
