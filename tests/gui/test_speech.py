"""Hearing the article in the window, with Qt's ``mock`` speech engine.

The mock engine speaks without sound: it takes about 100 ms a word, reports
each run of Latin letters or digits as a word (not Chinese characters), can
pause and resume, and has English, Norwegian and Finnish voices but no
Chinese one, which is how the missing-voice message is met.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

pytest.importorskip(
    "PySide6.QtTextToSpeech", reason="Qt's speech module cannot load (libpulse0 missing?)"
)

from reader.speech.preferences import SpeechPreferences  # noqa: E402
from reader.speech.reading import Utterance  # noqa: E402
from reader.speech.voices import missing_voice_message, no_chinese_voice_reason  # noqa: E402
from reader.ui.hover_card import SPEAK_NAME  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402
from reader.ui.settings import Settings  # noqa: E402
from reader.ui.speech import SpeechState, available_engines  # noqa: E402
from reader.ui.speech_features import (  # noqa: E402
    HOVER_HINT,
    SpeechFeatures,
    install_speech_features,
)
from reader.ui.word_popup import WordPopup  # noqa: E402
from tests.gui.fresh_process import last_line_of_fresh_process  # noqa: E402

if "mock" not in available_engines():
    pytest.skip("Qt's mock speech engine is not installed", allow_module_level=True)

SPEECH_TIMEOUT_MS = 10_000
MOCK = SpeechPreferences(engine="mock", voice="", rate=1.0)


@pytest.fixture
def speech(window: MainWindow) -> SpeechFeatures:
    window.settings().set_speech_preferences(MOCK)
    return install_speech_features(window)


def speech_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, "speechMessageBox") if box.isVisible()]


@dataclass(frozen=True)
class Heard:
    """What the window looked like as the speaker began (the mock says a word in 50 ms)."""

    utterances: list[Utterance]
    state: SpeechState
    highlights: list[tuple[int, int]]


def hear(qtbot, window: MainWindow, speech: SpeechFeatures, act: Callable[[], None]) -> Heard:
    """Do ``act`` and wait until the speaker begins what it asked for."""
    seen: list[Heard] = []

    def record(utterances: list[Utterance]) -> None:
        speaker = speech.speaker()
        assert speaker is not None
        seen.append(Heard(list(utterances), speaker.state(), window.view().highlights()))

    speech.speech_started.connect(record)
    try:
        with qtbot.waitSignal(speech.speech_started, timeout=SPEECH_TIMEOUT_MS):
            act()
    finally:
        speech.speech_started.disconnect(record)
    return seen[-1]


def focus_article(qtbot, window: MainWindow) -> None:
    """Give the article the keyboard again, in the active window (as after closing a box)."""
    window.activateWindow()
    window.view().setFocus()
    qtbot.waitUntil(lambda: window.isActiveWindow() and window.view().hasFocus())


def select_word(qtbot, window: MainWindow, word: str) -> int:
    """Make ``word``'s first occurrence the current word (as a click then Esc would)."""
    view = window.view()
    index = next(i for i, token in enumerate(view.segmented()) if token.text == word)
    view.activate(index)
    popup = view.popup()
    assert popup is not None
    popup.close()
    focus_article(qtbot, window)
    qtbot.waitUntil(lambda: view.current_index() == index)
    return index


def test_the_speech_module_loads_on_first_use_only(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    assert speech.speaker() is None
    window.view().setFocus()
    qtbot.keyClick(window.view(), Qt.Key.Key_Right)

    def press_s() -> None:
        qtbot.keyClick(window.view(), Qt.Key.Key_S)
        assert speech.speaker() is None  # the engine starts in the worker, not here

    heard = hear(qtbot, window, speech, press_s)
    assert heard.state is SpeechState.SPEAKING and heard.utterances


def test_s_says_the_current_word_and_the_card_names_the_key(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    view = window.view()
    index = select_word(qtbot, window, "河长制")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: view.hover_card().isVisible())
    assert view.hover_card().hint_text() == HOVER_HINT

    heard = hear(qtbot, window, speech, lambda: qtbot.keyClick(view, Qt.Key.Key_S))

    assert heard.state is SpeechState.SPEAKING
    [said] = heard.utterances
    assert said.text == "河长制" and said.start == view.segmented().token(index).start
    assert heard.highlights == [(said.start, said.end)]
    qtbot.waitUntil(lambda: view.highlights() == [], timeout=SPEECH_TIMEOUT_MS)


def test_shift_s_says_the_sentence_around_the_current_word(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    view = window.view()
    index = select_word(qtbot, window, "河长制")

    heard = hear(
        qtbot,
        window,
        speech,
        lambda: qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier),
    )

    [said] = heard.utterances
    assert heard.highlights == [(said.start, said.end)]
    start = view.segmented().token(index).start
    assert said.start <= start < said.end and "河长制" in said.text
    assert said.text == view.text()[said.start : said.end]
    assert said.text[-1] in "。！？；\n" or said.end == len(view.text().rstrip())


def open_popup(window: MainWindow, word: str) -> WordPopup:
    """Click on ``word``'s first occurrence, as a user opens its dictionary popup."""
    view = window.view()
    view.activate(next(i for i, token in enumerate(view.segmented()) if token.text == word))
    popup = view.popup()
    assert popup is not None and popup.isVisible()
    return popup


def test_the_popups_hear_button_works_from_the_keyboard(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    button = open_popup(window, "河长制").speak_button()
    button.setFocus()  # as Tab reaches it
    heard = hear(qtbot, window, speech, lambda: qtbot.keyClick(button, Qt.Key.Key_Space))
    assert [u.text for u in heard.utterances] == ["河长制"]


def test_the_popups_hear_button_and_s_say_its_word(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    popup = open_popup(window, "河长制")
    assert popup.speak_button().isVisible()
    assert popup.speak_button().accessibleName() == SPEAK_NAME

    clicked = hear(
        qtbot,
        window,
        speech,
        lambda: qtbot.mouseClick(popup.speak_button(), Qt.MouseButton.LeftButton),
    )
    assert clicked.state is SpeechState.SPEAKING
    assert [u.text for u in clicked.utterances] == ["河长制"]

    pressed = hear(qtbot, window, speech, lambda: qtbot.keyClick(popup.browser(), Qt.Key.Key_S))
    assert pressed.state is SpeechState.SPEAKING
    assert [u.text for u in pressed.utterances] == ["河长制"]

    popup.show_linked_word("治理")  # a cross-reference: S says the word shown
    linked = hear(qtbot, window, speech, lambda: qtbot.keyClick(popup.browser(), Qt.Key.Key_S))
    assert [u.text for u in linked.utterances] == ["治理"]


def hover_word(qtbot, window: MainWindow, word: str) -> tuple[int, QPoint]:
    """Move the mouse onto ``word``'s first occurrence until the card shows it.

    Returns the word's index and where the mouse is (viewport coordinates).
    """
    view = window.view()
    index = next(i for i, token in enumerate(view.segmented()) if token.text == word)
    view.scroll_to_offset(view.segmented().token(index).start)
    found = view.document().find(word)  # the first occurrence is the first token
    middle = QTextCursor(view.document())
    middle.setPosition(found.selectionStart() + 1)
    point = view.cursorRect(middle).center()
    qtbot.mouseMove(view.viewport(), QPoint(1, 1))  # a move to where the mouse is sends nothing
    qtbot.mouseMove(view.viewport(), point)
    card = view.hover_card()
    qtbot.waitUntil(lambda: card.isVisible() and card.word_text() == word)
    assert view.current_index() == index
    return index, point


def test_the_hover_cards_speaker_button_is_reached_from_the_word_and_says_it(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    view = window.view()
    index, on_word = hover_word(qtbot, window, "河长制")
    card = view.hover_card()
    button = card.speak_button()
    assert button.isVisible() and button.isEnabled()
    assert button.accessibleName() == SPEAK_NAME and button.toolTip() == "Hear 河长制 (S)"
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus  # the article keeps S, A, 1-4

    # On the way from the word down to the button the card stays on the word,
    # though the mouse passes over the next line.
    on_button = view.viewport().mapFromGlobal(button.geometry().center())
    for point in ((on_word + on_button) / 2, on_button):
        qtbot.mouseMove(view.viewport(), point)
        assert card.isVisible() and card.word_text() == "河长制"
        assert view.current_index() == index

    heard = hear(qtbot, window, speech, lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton))
    [said] = heard.utterances
    assert said.text == "河长制" and said.start == view.segmented().token(index).start
    assert heard.state is SpeechState.SPEAKING


def test_the_speaker_buttons_say_why_they_are_greyed_out(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    """The mock engine has no Chinese voice: once it has started, the buttons say so."""
    view = window.view()
    card_button = view.hover_card().speak_button()
    assert card_button.isEnabled()  # before the engine starts nothing is known against it
    select_word(qtbot, window, "河长制")
    hear(qtbot, window, speech, lambda: qtbot.keyClick(view, Qt.Key.Key_S))

    reason = no_chinese_voice_reason()
    assert speech.buttons_blocked() == reason
    assert not card_button.isEnabled() and card_button.toolTip() == reason
    popup = open_popup(window, "河长制")
    assert popup.speak_button().isVisible()
    assert not popup.speak_button().isEnabled() and popup.speak_button().toolTip() == reason


def test_no_chinese_voice_is_said_once_and_speech_goes_on(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    view = window.view()
    select_word(qtbot, window, "河长制")

    first = hear(qtbot, window, speech, lambda: qtbot.keyClick(view, Qt.Key.Key_S))
    assert first.state is SpeechState.SPEAKING  # spoken all the same, with another voice
    [box] = speech_boxes(window)
    assert box.text() == missing_voice_message()
    assert Settings().missing_voice_reported()
    box.close()
    qtbot.waitUntil(lambda: not speech_boxes(window))

    focus_article(qtbot, window)
    again = hear(qtbot, window, speech, lambda: qtbot.keyClick(view, Qt.Key.Key_S))
    assert again.state is SpeechState.SPEAKING
    assert speech_boxes(window) == []


def test_a_missing_engine_is_explained_never_silent(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    window.settings().set_speech_preferences(SpeechPreferences(engine="no-such-engine"))
    view = window.view()
    select_word(qtbot, window, "河长制")

    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: len(speech_boxes(window)) == 1, timeout=SPEECH_TIMEOUT_MS)
    assert "no-such-engine" in window.statusBar().currentMessage()
    speech_boxes(window)[0].close()
    qtbot.waitUntil(lambda: not speech_boxes(window))

    window.statusBar().clearMessage()
    focus_article(qtbot, window)
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: "no-such-engine" in window.statusBar().currentMessage(), timeout=SPEECH_TIMEOUT_MS
    )
    assert speech.speaker() is None
    assert speech_boxes(window) == []  # the box once; the status bar every time
    button = view.hover_card().speak_button()  # greyed out, saying why
    assert not button.isEnabled() and "no-such-engine" in button.toolTip()


def test_s_with_no_current_word_says_what_to_do(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    view = window.view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the mouse may rest on a word from earlier tests
    assert view.current_index() is None
    qtbot.keyClick(view, Qt.Key.Key_S)
    assert "Point at a word" in window.statusBar().currentMessage()


def test_typing_s_in_the_find_bar_does_not_speak(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    window.show_find_bar()
    line = window.find_bar().focusWidget() or window.find_bar()
    qtbot.keyClick(line, Qt.Key.Key_S)
    assert speech.speaker() is None


LONG_TEXT = (
    "开头 Alpha 一句。\n"
    + "".join(f"第{n}段只是填充的中文句子。\n" for n in range(60))
    + "最后 Omega 一句。\n"
)


def test_reading_aloud_follows_the_spoken_word_and_scrolls(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    with qtbot.waitSignal(window.annotation_finished, timeout=60_000):
        window.open_text(LONG_TEXT)
    view = window.view()
    view.set_scroll_fraction(0.0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # read from the top, not from a hovered word
    assert view.current_index() is None
    omega = LONG_TEXT.index("Omega")
    alpha = LONG_TEXT.index("Alpha")
    seen: dict[tuple[int, int], tuple[list[tuple[int, int]], int]] = {}

    def word_spoken(start: int, end: int) -> None:
        # Connected after the features: the view already shows this word.
        seen[(start, end)] = (view.highlights(), view.verticalScrollBar().value())

    with qtbot.waitSignal(speech.speaker_ready, timeout=SPEECH_TIMEOUT_MS):
        speech.action("read_aloud").trigger()
    speaker = speech.speaker()
    assert speaker is not None
    speaker.word_spoken.connect(word_spoken)
    with qtbot.waitSignal(speaker.reading_finished, timeout=30_000):
        pass

    assert seen[(alpha, alpha + 5)] == ([(alpha, alpha + 5)], 0)
    highlighted, scrolled_to = seen[(omega, omega + 5)]
    assert highlighted == [(omega, omega + 5)]
    assert scrolled_to > 0  # the view followed the reading down the page
    assert view.highlights() == []


def test_pause_resume_and_stop_reading(qtbot, window: MainWindow, speech: SpeechFeatures) -> None:
    with qtbot.waitSignal(window.annotation_finished, timeout=60_000):
        window.open_text(LONG_TEXT)
    hear(qtbot, window, speech, speech.action("read_aloud").trigger)
    speaker = speech.speaker()
    assert speaker is not None
    pause = speech.action("pause_speech")
    assert pause.isEnabled()

    with qtbot.waitSignal(speaker.state_changed, timeout=SPEECH_TIMEOUT_MS):
        pause.trigger()
    qtbot.waitUntil(lambda: speaker.state() is SpeechState.PAUSED, timeout=SPEECH_TIMEOUT_MS)
    paused_at = speaker.current()
    assert pause.text().replace("&", "") == "Resume Reading"

    pause.trigger()
    qtbot.waitUntil(lambda: speaker.state() is SpeechState.SPEAKING, timeout=SPEECH_TIMEOUT_MS)
    assert speaker.current() == paused_at  # resumed where it paused

    with qtbot.waitSignal(speaker.reading_finished, timeout=SPEECH_TIMEOUT_MS):
        speech.action("stop_speech").trigger()
    assert speaker.state() is SpeechState.READY
    assert speaker.current() is None
    assert window.view().highlights() == []
    assert not speech.action("stop_speech").isEnabled()


def test_pausing_in_a_sentence_said_as_one_word_holds_before_the_next(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    # The mock engine takes a run of Chinese characters as one word and pauses
    # only at a word's end: here, where the sentence ends.
    text = "第一句话。第二句话。第三句话。"
    with qtbot.waitSignal(window.annotation_finished, timeout=60_000):
        window.open_text(text)
    focus_article(qtbot, window)
    qtbot.keyClick(window.view(), Qt.Key.Key_Escape)
    heard = hear(qtbot, window, speech, speech.action("read_aloud").trigger)
    assert [u.text for u in heard.utterances] == ["第一句话。", "第二句话。", "第三句话。"]
    speaker = speech.speaker()
    assert speaker is not None

    speech.action("pause_speech").trigger()
    qtbot.waitUntil(lambda: speaker.state() is SpeechState.PAUSED, timeout=SPEECH_TIMEOUT_MS)
    held = speaker.current()
    assert held is not None and held.text == "第一句话。"  # not on to the second
    assert speech.action("pause_speech").text().replace("&", "") == "Resume Reading"

    with qtbot.waitSignal(speaker.utterance_started, timeout=SPEECH_TIMEOUT_MS) as started:
        speech.action("pause_speech").trigger()
    assert started.args == [text.index("第二"), text.index("第三")]
    with qtbot.waitSignal(speaker.reading_finished, timeout=SPEECH_TIMEOUT_MS):
        pass


def test_settings_choose_engine_voice_rate_and_pitch_and_are_remembered(
    qtbot, window: MainWindow, speech: SpeechFeatures
) -> None:
    speech.open_settings()
    dialog = speech.settings_dialog()
    assert dialog is not None
    engine = dialog.engine_box()
    engine.setCurrentIndex(engine.findData("mock"))
    qtbot.waitUntil(dialog.voices_loaded, timeout=SPEECH_TIMEOUT_MS)
    voices = [dialog.voice_box().itemData(i) for i in range(dialog.voice_box().count())]
    assert voices[0] == "" and "Anne" in voices  # "best Chinese voice", then the engine's
    dialog.voice_box().setCurrentIndex(dialog.voice_box().findData("Anne"))
    dialog.rate_slider().setValue(5)
    dialog.pitch_slider().setValue(-3)
    dialog.accept()

    stored = Settings().speech_preferences()
    assert stored == SpeechPreferences(engine="mock", voice="Anne", rate=0.5, pitch=-0.3)

    select_word(qtbot, window, "河长制")
    hear(qtbot, window, speech, lambda: qtbot.keyClick(window.view(), Qt.Key.Key_S))
    speaker = speech.speaker()
    assert speaker is not None and speaker.voice_choice().voice is not None
    assert speaker.voice_choice().voice.name == "Anne"

    speech.open_settings()
    again = speech.settings_dialog()
    assert again is not None
    qtbot.waitUntil(again.voices_loaded, timeout=SPEECH_TIMEOUT_MS)
    assert again.preferences() == stored
    again.voice_box().setCurrentIndex(again.voice_box().findData("Bob"))
    again.accept()  # the same engine: the speaker takes the new voice at once
    voice = speaker.voice_choice().voice
    assert speech.speaker() is speaker and voice is not None and voice.name == "Bob"


STARTUP_CHILD = r"""
import sys
from PySide6.QtGui import QAction
from reader.ui.app import create_application
from reader.ui.main_window import MainWindow

app = create_application()
window = MainWindow()
window.open_initial(None)
window.show()
window.start()
window.install_features()
window.annotation_finished.connect(app.quit)
window.annotation_failed.connect(lambda _message: app.exit(3))
app.exec()
speech_modules = sorted(m for m in sys.modules if "TextToSpeech" in m or m == "reader.ui.speech")
print(speech_modules, window.findChild(QAction, "speak_word") is not None)
window.close()
"""


def test_start_up_installs_the_actions_without_loading_speech(data_dir: Path) -> None:
    assert last_line_of_fresh_process(STARTUP_CHILD, data_dir) == "[] True"
