"""Speech: from the S key to the engine speaking, and no speech module at start-up.

Run: ``python benchmarks/bench_speech.py`` (offscreen, Qt's ``mock`` engine,
which makes no sound).  Everything runs in a child process, so that the first
key press pays for loading ``QtTextToSpeech`` as it does in the app:

* the window is shown on the bundled article with every feature installed and
  annotated, then ``sys.modules`` is checked for the speech modules;
* S on the current word, timed from sending the key to the engine reporting
  the speaking state (checked when the features say speech started): the
  first press (the worker loads the module and starts the engine, then the
  window makes its speaker) and the median of later presses.  The first
  press is measured twice, in two runs: as soon as the article is annotated
  (the engine's start waits in the one worker behind the jobs still queued
  then, such as loading the full annotator) and once the worker is idle;
* the anchors: a bare ``QTextToSpeech("mock").say()`` to its speaking state, in
  the same process (for later presses), and, in a fresh process with a bare
  ``QApplication``, importing ``QtTextToSpeech``, making the mock engine and
  saying a word until it speaks (for the first press).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, statistics, sys, time
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from reader.speech.preferences import SpeechPreferences
from reader.ui.app import create_application
from reader.ui.main_window import MainWindow

app = create_application()
window = MainWindow()
window.settings().set_speech_preferences(SpeechPreferences(engine="mock"))
window.settings().set_missing_voice_reported()  # the mock has no Chinese voice: no message box
window.open_initial(None)
window.show()
window.start()
window.install_features()
done = []
window.annotation_finished.connect(lambda: done.append(True))
while not done:
    app.processEvents()
if IDLE:
    while window.worker().pending():
        app.processEvents()
report = {
    "speech_loaded_at_startup": "reader.ui.speech" in sys.modules,
    "qt_speech_loaded_at_startup": "PySide6.QtTextToSpeech" in sys.modules,
}
view = window.view()
view.setFocus()
QTest.keyClick(view, Qt.Key.Key_Right)
features = window.speech_features()


def press() -> float:
    heard = []
    features.speech_started.connect(heard.append)
    started = time.perf_counter()
    QTest.keyClick(view, Qt.Key.Key_S)
    while not heard:  # emitted once the engine has been told to speak
        app.processEvents()
        if time.perf_counter() - started > 30:
            raise SystemExit("S did not start speech within 30 s")
    elapsed = time.perf_counter() - started
    features.speech_started.disconnect(heard.append)
    from reader.ui.speech import SpeechState

    assert features.speaker().state() is SpeechState.SPEAKING
    features.speaker().stop()
    return elapsed


report["first_press_s"] = press()
if IDLE:
    print(json.dumps({"first_press_idle_worker_s": report["first_press_s"]}))
else:
    report["later_press_s"] = statistics.median(press() for _ in range(15))
    from PySide6.QtTextToSpeech import QTextToSpeech

    bare = []
    for _ in range(15):
        engine = QTextToSpeech("mock")
        started = time.perf_counter()
        engine.say("河长制")
        while engine.state() != QTextToSpeech.State.Speaking:
            app.processEvents()
        bare.append(time.perf_counter() - started)
        engine.stop()
    report["bare_say_s"] = statistics.median(bare)
    print(json.dumps(report))
window.close()
"""


_BARE_FIRST_SAY = r"""
import json, time
from PySide6.QtWidgets import QApplication

app = QApplication([])
started = time.perf_counter()
from PySide6.QtTextToSpeech import QTextToSpeech

engine = QTextToSpeech("mock")
engine.say("河长制")
while engine.state() != QTextToSpeech.State.Speaking:
    app.processEvents()
print(json.dumps({"bare_first_say_s": time.perf_counter() - started}))
"""


def _child(code: str, data_dir: Path, idle: bool = False) -> dict[str, float | bool]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "READER_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(REPO_ROOT),
    }
    finished = subprocess.run(
        [sys.executable, "-c", f"IDLE = {idle}\n{code}"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=True,
    )
    result: dict[str, float | bool] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def measure(data_dir: Path) -> dict[str, float | bool]:
    return {
        **_child(_CHILD, data_dir),
        **_child(_CHILD, data_dir, idle=True),
        **_child(_BARE_FIRST_SAY, data_dir),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = measure(Path(folder))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
