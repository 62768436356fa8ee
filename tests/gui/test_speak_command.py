"""``reader speak`` end to end, in a child process, with Qt's ``mock`` engine (no sound)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip(
    "PySide6.QtTextToSpeech", reason="Qt's speech module cannot load (libpulse0 missing?)"
)


def reader(data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(data_dir)},
        timeout=120,
        check=False,
    )


def one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_without_a_chinese_voice_it_says_how_to_get_one(data_dir: Path) -> None:
    line = one_line_failure(reader(data_dir, "speak", "你好", "--engine", "mock"))
    assert "no Chinese voice" in line and "--voice" in line


def test_a_named_voice_reads_the_text_to_the_end(data_dir: Path) -> None:
    done = reader(data_dir, "speak", "你好。再见。", "--engine", "mock", "--voice", "Anne")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""


def test_a_file_is_read_aloud(data_dir: Path, tmp_path: Path) -> None:
    article = tmp_path / "short.txt"
    article.write_text("第一句。\n第二句 Alpha。\n", encoding="utf-8")
    done = reader(
        data_dir,
        "speak",
        "--file",
        str(article),
        "--engine",
        "mock",
        "--voice",
        "Anne",
        "--rate",
        "1",
    )
    assert done.returncode == 0, done.stderr


def test_unknown_engine_and_voice_are_one_line(data_dir: Path) -> None:
    assert "no speech engine called 'nope'" in one_line_failure(
        reader(data_dir, "speak", "你好", "--engine", "nope")
    )
    assert "no voice called 'Nobody'" in one_line_failure(
        reader(data_dir, "speak", "你好", "--engine", "mock", "--voice", "Nobody")
    )


def test_list_voices_as_json_and_text(data_dir: Path) -> None:
    done = reader(data_dir, "speak", "--list-voices", "--engine", "mock", "--format", "json")
    assert done.returncode == 0, done.stderr
    voices = json.loads(done.stdout)
    assert {"engine": "mock", "name": "Anne", "locale": "en_GB", "chinese": False} in voices
    assert len(voices) == 10
    text = reader(data_dir, "speak", "--list-voices", "--engine", "mock")
    assert "mock\tAnne\ten_GB" in text.stdout.splitlines()
