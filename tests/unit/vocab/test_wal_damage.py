"""A word reported saved survives damage to the WAL after the process is killed.

The writer is a real process, killed with SIGKILL once it has reported the word
saved (so no close, no checkpoint on exit, no backup); the WAL left behind is then
damaged in each of the ways a disk, a sync tool or a user can damage it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.vocab.store import VocabularyStore

REPO_ROOT = Path(__file__).resolve().parents[3]

_WRITER = textwrap.dedent(
    """
    import sys, time
    from reader.vocab.store import VocabularyStore
    from reader.vocab.word import VocabWord
    store = VocabularyStore.open(sys.argv[1])
    store.add(VocabWord("城市", "chéng shì", definition="city"))
    print("saved", flush=True)
    time.sleep(600)
    """
)


def _cut_to_header(wal: Path) -> None:
    with open(wal, "r+b") as file:
        file.truncate(min(wal.stat().st_size, 32))


def _scramble_frames(wal: Path) -> None:
    size = max(wal.stat().st_size, 4096)
    with open(wal, "r+b") as file:
        file.seek(32)
        file.write(os.urandom(size - 32))


def _zero(wal: Path) -> None:
    wal.write_bytes(bytes(max(wal.stat().st_size, 4096)))


def _delete(wal: Path) -> None:
    wal.unlink(missing_ok=True)
    Path(str(wal).removesuffix("-wal") + "-shm").unlink(missing_ok=True)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "cut to its header": _cut_to_header,
    "frames overwritten with noise": _scramble_frames,
    "zeroed": _zero,
    "deleted": _delete,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_an_acknowledged_word_survives_a_killed_writer_and_a_damaged_wal(tmp_path, damage):
    database = tmp_path / "vocabulary.sqlite3"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    writer = subprocess.Popen(
        [sys.executable, str(script), str(database)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "saved"
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    wal = Path(f"{database}-wal")
    if wal.exists():
        damage(wal)
    with VocabularyStore.open(database) as store:
        saved = store.get("城市")
    assert saved is not None and saved.definition == "city"
