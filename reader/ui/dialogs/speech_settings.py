"""Speech ▸ Speech Settings…: engine, voice, rate and pitch.

Shown non-modally (``show()``); ``preferences_chosen`` carries the result when
the learner presses OK.  Chinese voices are listed first, and the first entry
("Best Chinese voice") lets the reader pick one itself.  An engine's voices
are asked for with ``request_voices(engine, deliver)``, which may answer later
(starting an engine can take seconds, so the window asks its worker).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from reader.speech.preferences import MAX_LEVEL, MIN_LEVEL, SpeechPreferences
from reader.speech.voices import Voice

_STEPS = 10  # slider steps per unit of Qt's -1..1 scale
DEFAULT_ENGINE_LABEL = "System default"
BEST_VOICE_LABEL = "Best Chinese voice"
LOADING_LABEL = "Loading the voices…"
VoiceRequest = Callable[[str, Callable[[list[Voice]], None]], None]


class SpeechSettingsDialog(QDialog):
    preferences_chosen = Signal(object)
    """The SpeechPreferences the learner accepted."""

    def __init__(
        self,
        preferences: SpeechPreferences,
        engines: Sequence[str],
        request_voices: VoiceRequest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speechSettingsDialog")
        self.setWindowTitle("Speech Settings")
        self._request_voices = request_voices
        self._wanted_voice = preferences.voice

        self._engine = QComboBox(self)
        self._engine.addItem(DEFAULT_ENGINE_LABEL, "")
        for name in engines:
            self._engine.addItem(name, name)
        self._voice = QComboBox(self)
        self._rate = self._slider(preferences.rate)
        self._pitch = self._slider(preferences.pitch)

        form = QFormLayout()
        form.addRow("&Engine:", self._engine)
        form.addRow("&Voice:", self._voice)
        form.addRow("&Rate (slow to fast):", self._rate)
        form.addRow("&Pitch (low to high):", self._pitch)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        engine_index = self._engine.findData(preferences.engine)
        self._engine.setCurrentIndex(max(0, engine_index))
        self._voice.currentIndexChanged.connect(self._voice_chosen)
        self._ask_for_voices()
        self._engine.currentIndexChanged.connect(lambda _index: self._ask_for_voices())

    def engine_box(self) -> QComboBox:
        return self._engine

    def voice_box(self) -> QComboBox:
        return self._voice

    def rate_slider(self) -> QSlider:
        return self._rate

    def pitch_slider(self) -> QSlider:
        return self._pitch

    def voices_loaded(self) -> bool:
        return self._voice.isEnabled()

    def preferences(self) -> SpeechPreferences:
        return SpeechPreferences(
            engine=str(self._engine.currentData() or ""),
            voice=str(self._voice.currentData() or ""),
            rate=self._rate.value() / _STEPS,
            pitch=self._pitch.value() / _STEPS,
        )

    def accept(self) -> None:
        self.preferences_chosen.emit(self.preferences())
        super().accept()

    def _slider(self, value: float) -> QSlider:
        slider = QSlider(Qt.Orientation.Horizontal, self)
        slider.setRange(round(MIN_LEVEL * _STEPS), round(MAX_LEVEL * _STEPS))
        slider.setValue(round(value * _STEPS))
        return slider

    def _ask_for_voices(self) -> None:
        engine = str(self._engine.currentData() or "")
        self._voice.setEnabled(False)  # before clearing: no "choice" is recorded meanwhile
        self._voice.clear()
        self._voice.addItem(LOADING_LABEL, self._wanted_voice)
        self._request_voices(engine, lambda voices: self._fill_voices(engine, voices))

    def _fill_voices(self, engine: str, voices: list[Voice]) -> None:
        if engine != str(self._engine.currentData() or ""):
            return  # the learner chose another engine meanwhile
        wanted = self._wanted_voice
        self._voice.clear()  # still disabled
        self._voice.addItem(BEST_VOICE_LABEL, "")
        for voice in sorted(voices, key=lambda v: (not v.is_chinese, v.locale, v.name)):
            self._voice.addItem(voice.label(), voice.name)
        self._voice.setCurrentIndex(max(0, self._voice.findData(wanted)))
        self._voice.setEnabled(True)

    def _voice_chosen(self, _index: int) -> None:
        if self._voice.isEnabled():
            self._wanted_voice = str(self._voice.currentData() or "")
