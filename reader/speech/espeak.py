"""Sound files from the ``espeak-ng`` program, for flashcards.

Qt's ``QTextToSpeech.synthesize`` would hand audio over in memory, but PySide6
does not offer it (it takes a C++ callable), so flashcard audio comes from
``espeak-ng`` where it is installed: offline, with a Mandarin voice, and able to
write a WAV file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from reader.errors import SpeechError

# espeak-ng's Mandarin that reads Latin letters as pinyin: given numbered pinyin it
# says exactly the card's reading.  (The plain "cmn" voice reads Latin as English,
# and in espeak-ng 1.51 spells out many syllables it has no rule for, 你好 as
# "n-i three h-a-o three".)
MANDARIN_VOICE = "cmn-latn-pinyin"
NO_SOUND_MAKER = (
    "no speech engine here can write sound files (Qt's synthesize is not available "
    "from Python; install espeak-ng)"
)
"""Why a deck gets no audio on this computer: the command line and the window say this."""
_TIMEOUT_S = 30


class EspeakSynthesizer:
    """Makes a WAV file's bytes for a word; ``available()`` first tells whether it can."""

    def __init__(self, program: str | None = None) -> None:
        self._program = program or shutil.which("espeak-ng")

    def available(self) -> bool:
        return self._program is not None

    def __call__(self, text: str) -> bytes:
        """The WAV bytes of ``text`` (characters, or numbered pinyin: ``yin2 hang2``)
        read by the Mandarin voice; SpeechError if it fails."""
        if self._program is None:
            raise SpeechError("espeak-ng is not installed")
        with tempfile.TemporaryDirectory(prefix="reader-speech-") as folder:
            target = Path(folder) / "word.wav"
            try:
                # The text goes in on stdin: a word starting with "-" is not an option.
                finished = subprocess.run(
                    [self._program, "-v", MANDARIN_VOICE, "-w", str(target)],
                    input=text.encode("utf-8"),
                    capture_output=True,
                    timeout=_TIMEOUT_S,
                    check=False,
                )
            except (OSError, subprocess.TimeoutExpired) as error:
                raise SpeechError(f"espeak-ng failed on {text!r}: {error}") from error
            if finished.returncode != 0 or not target.is_file():
                reason = finished.stderr.decode("utf-8", "replace").strip().splitlines()
                detail = reason[0] if reason else f"exit status {finished.returncode}"
                raise SpeechError(f"espeak-ng failed on {text!r}: {detail}")
            return target.read_bytes()
