"""Hostile paths on the command line: one line on stderr and status 2, never a traceback.

Each command runs in its own process, as a user would run it, so a traceback is seen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def _loop(folder: Path) -> Path:
    loop = folder / "loop"
    loop.symlink_to(loop)
    return loop


CASES: dict[str, Callable[[Path], list[str]]] = {
    "a line break in a file name": lambda d: ["annotate", str(d / "two\nlines.txt")],
    "a line break in an output name": lambda d: [
        "vocab",
        "export",
        "-o",
        str(d / "no such folder\n" / "x.csv"),
    ],
    "a file name longer than the system allows": lambda d: ["annotate", str(d / ("长" * 300))],
    "a --data-dir that is a loop of links": lambda d: [
        "--data-dir",
        str(_loop(d)),
        "vocab",
        "list",
    ],
    "a --data-dir longer than 4096 characters": lambda d: [
        "--data-dir",
        str(d / "/".join(["a" * 200] * 25)),
        "vocab",
        "list",
    ],
}


@pytest.mark.parametrize("make_arguments", CASES.values(), ids=CASES.keys())
def test_a_hostile_path_gets_one_line_and_status_2(tmp_path: Path, make_arguments) -> None:
    arguments = make_arguments(tmp_path)
    if "--data-dir" not in arguments:
        arguments = ["--data-dir", str(tmp_path / "data"), *arguments]
    finished = subprocess.run(
        [sys.executable, "-m", "reader", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=False,
    )
    assert "Traceback" not in finished.stderr, finished.stderr
    assert finished.returncode == 2, finished.stderr
    assert len(finished.stderr.splitlines()) == 1, finished.stderr


def test_an_export_over_the_settings_file_is_refused(tmp_path: Path) -> None:
    settings = tmp_path / "data" / "config" / "settings.ini"
    settings.parent.mkdir(parents=True)
    settings.write_text("[window]\n", encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data")]
        + ["vocab", "export", "-o", str(settings)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=False,
    )
    assert finished.returncode == 2 and "settings" in finished.stderr
    assert settings.read_text(encoding="utf-8") == "[window]\n"
