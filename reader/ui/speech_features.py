"""Hearing the article in the reading window, installed with ``install_speech_features``.

* S says the current word (hovered or reached with the keyboard) or the
  selected text; the speaker button on the hover card says the card's word,
  the popup's Hear button and S in the popup say the popup's word.  Once the
  engine has started, both buttons are greyed out, the reason in their
  tooltip, when it cannot speak Chinese (no engine, no voice, no Chinese
  voice); the keys then say why, or speak with the voice there is;
* Shift+S says the sentence around the current word (or the first one on screen);
* Speech ▸ Read Aloud (Ctrl+Shift+S) reads the article from there to the end,
  sentence by sentence, with Pause/Resume (Ctrl+Shift+P) and Stop (Ctrl+.);
  the sentence being read is highlighted and, where the engine reports words,
  the word being read; the view scrolls to follow;
* Speech ▸ Speech Settings… chooses the engine, voice, rate and pitch (kept in
  the settings file).

The speech engine is started on the first request, in a background worker of
its own (the window's ``BackgroundWorker`` type, a second instance): loading
``QtTextToSpeech`` takes a third of a second and starting an engine can take
seconds (speech-dispatcher is spawned on first use), and the window must not
wait for either; nor should the first S wait behind the window's worker while
that loads the full annotator (about a second after an article opens).  The
request is said once the engine is ready.
With no engine every request says why in the status bar (and once in a
message box); with no Chinese voice the reader says once how to get one, then
speaks with the voice it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from reader.errors import ReaderError
from reader.speech.reading import Utterance, sentence_utterance, utterances_from
from reader.speech.voices import (
    Voice,
    how_to_get_a_chinese_voice,
    missing_voice_message,
    no_chinese_voice_reason,
)

if TYPE_CHECKING:
    from reader.ui.background_worker import BackgroundWorker
    from reader.ui.dialogs.speech_settings import SpeechSettingsDialog
    from reader.ui.main_window import MainWindow
    from reader.ui.speech import EngineReport, Speaker, SpeechState
    from reader.ui.word_popup import WordPopup

HOVER_HINT = "S: hear it · Shift+S: the sentence"
_MESSAGE_MS = 6000


class SpeechFeatures(QObject):
    """The speech actions, menu and highlighting of one window (see the module docstring)."""

    speaker_ready = Signal()
    """The engine has started (in the worker) and the speaker exists."""
    speech_started = Signal(object)
    """The speaker was given these utterances (a list of Utterance) and began the first."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._speaker: Speaker | None = None
        self._unavailable_reported = False
        self._starting = False
        self._waiting: list[Utterance] = []
        self._highlight: tuple[int, int] | None = None
        self._dialog: SpeechSettingsDialog | None = None
        # Why the speaker buttons cannot speak; None while they can (or before the engine starts).
        self._blocked: str | None = None
        self._popup: WordPopup | None = None  # the view's popup, once connected
        self._engine_worker: BackgroundWorker | None = None  # made on the first request
        window.installEventFilter(self)  # to stop that worker when the window closes
        self._build_actions()
        self._build_menu()
        view = window.view()
        card = view.hover_card()
        card.set_hint(HOVER_HINT)
        card.set_speaker(True)
        card.speak_requested.connect(self._speak_card_word)
        view.word_activated.connect(self._connect_popup)

    # -- public (menus, keys, tests) ---------------------------------------------

    def speaker(self) -> Speaker | None:
        """The engine's wrapper, None until speech was first asked for."""
        return self._speaker

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def menu(self) -> QMenu:
        return self._menu

    def speak_word(self) -> None:
        """Say the word the popup shows, else the selected text, else the current word."""
        view = self._window.view()
        popup = view.popup()
        # The popup is the view's child, so S may reach this action from there;
        # it may show a cross-referenced word rather than the article's.
        if popup is not None and popup.isVisible() and popup.current_word():
            self.say_text(popup.current_word())
            return
        selected = view.textCursor().selectedText().replace("\u2029", "\n").strip()
        if selected:
            self.say_text(selected)
            return
        index = view.current_index()
        info = view.word_info(index) if index is not None else None
        if info is None or not info.token.text.strip():
            self._status("Point at a word (or select text) to hear it")
            return
        self._speak([Utterance(info.token.text, info.token.start)])

    def shutdown(self) -> None:
        """Stop the engine worker, if speech was ever asked for (the window is closing)."""
        if self._engine_worker is not None:
            self._engine_worker.shutdown()
            self._engine_worker = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.shutdown()  # a later request, if the close is refused, starts another
        return False

    def buttons_blocked(self) -> str | None:
        """Why the speaker buttons are greyed out, or None when they speak."""
        return self._blocked

    def speak_sentence(self) -> None:
        utterance = sentence_utterance(self._window.view().text(), self._reading_offset())
        if utterance is None:
            self._status("No sentence to read here")
            return
        self._speak([utterance])

    def read_aloud(self) -> None:
        """Read the article from the current word (or the top of the screen) to the end."""
        utterances = utterances_from(self._window.view().text(), self._reading_offset())
        if not utterances:
            self._status("Nothing left to read from here")
            return
        self._speak(utterances)

    def say_text(self, text: str) -> None:
        """Say ``text``, which is not (necessarily) at a known place in the article."""
        self._speak([Utterance(text, -1)])

    def pause_or_resume(self) -> None:
        speaker = self._speaker
        if speaker is None or speaker.current() is None:
            self._status("Nothing is being read; Ctrl+Shift+S reads aloud from the cursor")
            return
        from reader.ui.speech import SpeechState

        if speaker.state() is SpeechState.PAUSED:
            speaker.resume()
        else:
            speaker.pause()

    def stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()

    def open_settings(self) -> None:
        from reader.ui.dialogs.speech_settings import SpeechSettingsDialog

        try:
            from reader.ui.speech import available_engines
        except ImportError as error:
            self._report_unavailable(_load_failure(error))
            return

        if self._dialog is not None:
            self._dialog.close()
        self._dialog = SpeechSettingsDialog(
            self._window.settings().speech_preferences(),
            available_engines(),
            self._request_voices,
            self._window,
        )
        self._dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog.preferences_chosen.connect(self._preferences_chosen)
        self._dialog.destroyed.connect(self._dialog_closed)
        self._dialog.show()

    def settings_dialog(self) -> SpeechSettingsDialog | None:
        return self._dialog

    # -- speaking ----------------------------------------------------------------

    def _speak(self, utterances: list[Utterance]) -> None:
        speaker = self._speaker
        if speaker is None:
            # The engine starts in the worker first (see _probe); this request
            # is said once it is ready, a newer one instead of it.
            self._waiting = utterances
            if not self._starting:
                self._starting = True
                self._status("Starting the speech engine…")
                engine = self._window.settings().speech_preferences().engine
                self._engines().submit(
                    lambda: _probe(engine), self._engine_probed, self._engine_failed
                )
            return
        reason = speaker.unavailable_reason()
        if reason is not None:
            self._report_unavailable(reason)
            return
        choice = speaker.voice_choice()
        if choice.voice is not None and not choice.chinese_available:
            self._report_missing_voice()
        speaker.speak(utterances)
        self.speech_started.emit(utterances)

    def _engine_probed(self, report: EngineReport) -> None:
        self._starting = False
        if report.problem is not None:
            # Not made here: making it again would block the window as long.
            self._engine_failed(report.problem)
            return
        from reader.ui.speech import Speaker

        speaker = Speaker(self._window.settings().speech_preferences(), self)
        speaker.utterance_started.connect(self._utterance_started)
        speaker.word_spoken.connect(self._word_spoken)
        speaker.reading_finished.connect(self._clear_highlight)
        speaker.state_changed.connect(self._state_changed)
        speaker.failed.connect(lambda message: self._status(f"Speech failed: {message}"))
        self._speaker = speaker
        self._show_buttons()
        self.speaker_ready.emit()
        waiting, self._waiting = self._waiting, []
        if waiting:
            self._speak(waiting)

    def _engine_failed(self, message: str) -> None:
        self._starting = False
        self._waiting = []
        self._show_buttons(message)
        self._report_unavailable(message)

    def _speak_card_word(self, word: str) -> None:
        """The hover card's speaker: its word, highlighted in the article where it is the card's."""
        view = self._window.view()
        index = view.current_index()
        info = view.word_info(index) if index is not None else None
        if info is not None and info.token.text == word:
            self._speak([Utterance(word, info.token.start)])
        else:
            self.say_text(word)

    def _show_buttons(self, problem: str | None = None) -> None:
        """Grey the speaker buttons out, with the reason, when the engine cannot speak Chinese."""
        speaker = self._speaker
        if problem is None and speaker is not None:
            problem = speaker.unavailable_reason()
            if problem is None and not speaker.voice_choice().chinese_available:
                problem = no_chinese_voice_reason()
        self._blocked = problem
        view = self._window.view()
        view.hover_card().set_speaker(True, problem)
        popup = view.popup()
        if popup is not None:
            popup.set_speaker(True, problem)

    def _request_voices(self, engine: str, deliver: Callable[[list[Voice]], None]) -> None:
        def failed(message: str) -> None:
            self._status(message)
            deliver([])

        self._engines().submit(
            lambda: _probe(engine), lambda report: deliver(list(report.voices)), failed
        )

    def _reading_offset(self) -> int:
        view = self._window.view()
        index = view.current_index()
        info = view.word_info(index) if index is not None else None
        return info.token.start if info is not None else view.first_visible_offset()

    def _utterance_started(self, start: int, end: int) -> None:
        if start >= 0:
            self._show_highlight(start, end)

    def _word_spoken(self, start: int, end: int) -> None:
        if start >= 0:
            self._show_highlight(start, end)

    def _show_highlight(self, start: int, end: int) -> None:
        view = self._window.view()
        # Find's matches give way while reading, and come back with the next search.
        self._highlight = (start, end)
        view.set_highlights([self._highlight], 0)

    def _clear_highlight(self) -> None:
        view = self._window.view()
        if self._highlight is not None and view.highlights() == [self._highlight]:
            view.set_highlights([], None)
        self._highlight = None

    def _state_changed(self, state: SpeechState) -> None:
        from reader.ui.speech import SpeechState

        reading = self._speaker is not None and self._speaker.current() is not None
        self._actions["pause_speech"].setText(
            "&Resume Reading" if state is SpeechState.PAUSED else "&Pause Reading"
        )
        self._actions["pause_speech"].setEnabled(reading)
        self._actions["stop_speech"].setEnabled(reading)
        if state is SpeechState.PAUSED:
            self._status("Reading paused (Ctrl+Shift+P resumes)")

    def _engines(self) -> BackgroundWorker:
        """The worker that starts engines, made on the first request (a thread
        nobody who never listens should pay for)."""
        if self._engine_worker is None:
            from reader.ui.background_worker import BackgroundWorker

            self._engine_worker = BackgroundWorker(self)
        return self._engine_worker

    # -- messages ----------------------------------------------------------------

    def _status(self, message: str) -> None:
        self._window.statusBar().showMessage(message, _MESSAGE_MS)

    def _report_unavailable(self, reason: str) -> None:
        self._status(reason)
        if not self._unavailable_reported:
            self._unavailable_reported = True
            self._message_box(f"{reason} To hear Chinese, {how_to_get_a_chinese_voice()}.")

    def _report_missing_voice(self) -> None:
        settings = self._window.settings()
        if settings.missing_voice_reported():
            return
        settings.set_missing_voice_reported()
        message = missing_voice_message()
        self._status(message)
        self._message_box(message)

    def _message_box(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Speech",
            message,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("speechMessageBox")
        box.open()

    # -- settings ----------------------------------------------------------------

    def _preferences_chosen(self, preferences: object) -> None:
        from reader.speech.preferences import SpeechPreferences

        assert isinstance(preferences, SpeechPreferences)
        before = self._window.settings().speech_preferences()
        self._window.settings().set_speech_preferences(preferences)
        self._unavailable_reported = False
        if self._speaker is None:
            self._show_buttons()  # a new engine may work: the buttons try it
            return
        if preferences.engine == before.engine:
            self._speaker.set_preferences(preferences)
        else:  # the new engine starts in the worker on the next request
            self._speaker.stop()
            self._speaker.deleteLater()
            self._speaker = None
        self._show_buttons()

    def _dialog_closed(self) -> None:
        self._dialog = None

    # -- wiring ------------------------------------------------------------------

    def _connect_popup(self, _index: int) -> None:
        popup = self._window.view().popup()
        if popup is not None and popup is not self._popup:
            self._popup = popup  # the view makes it once, on the first click
            popup.speak_requested.connect(self.say_text)
            popup.set_speaker(True, self._blocked)

    def _build_actions(self) -> None:
        view = self._window.view()
        specs = [
            ("speak_word", "Hear the &Word", "S", self.speak_word, True),
            ("speak_sentence", "Hear the &Sentence", "Shift+S", self.speak_sentence, True),
            ("read_aloud", "&Read Aloud from Here", "Ctrl+Shift+S", self.read_aloud, False),
            ("pause_speech", "&Pause Reading", "Ctrl+Shift+P", self.pause_or_resume, False),
            ("stop_speech", "S&top Reading", "Ctrl+.", self.stop, False),
            ("speech_settings", "Speech Se&ttings…", None, self.open_settings, False),
        ]
        self._actions: dict[str, QAction] = {}
        for name, text, shortcut, slot, on_article in specs:
            action = QAction(text, self._window)
            action.setObjectName(name)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            if on_article:
                # A letter key: only while the article has the focus, so that S
                # can still be typed in the find bar or the sidebar.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                view.addAction(action)
            else:
                self._window.addAction(action)  # shortcuts work with the menu bar hidden
            self._actions[name] = action
        self._actions["pause_speech"].setEnabled(False)
        self._actions["stop_speech"].setEnabled(False)

    def _build_menu(self) -> None:
        self._menu = QMenu("&Speech", self._window)
        self._menu.setObjectName("speechMenu")
        for name in ("speak_word", "speak_sentence", None, "read_aloud", "pause_speech"):
            if name is None:
                self._menu.addSeparator()
            else:
                self._menu.addAction(self._actions[name])
        self._menu.addAction(self._actions["stop_speech"])
        self._menu.addSeparator()
        self._menu.addAction(self._actions["speech_settings"])
        self._window.menus().add_feature_menu(self._menu)


def _load_failure(error: ImportError) -> str:
    return f"Speech is not available: Qt's speech module cannot load ({error})."


def _probe(engine: str) -> EngineReport:
    """In the worker: load Qt's speech module (a third of a second) and start ``engine``."""
    try:
        from reader.ui.speech import probe_engine
    except ImportError as error:  # e.g. libpulse.so.0, which Qt's speech module needs
        raise ReaderError(_load_failure(error)) from error
    return probe_engine(engine)


def install_speech_features(window: MainWindow) -> SpeechFeatures:
    """Add the speech actions and menu to ``window`` (the engine waits for first use)."""
    return SpeechFeatures(window)
