"""Pipes, devices and oversized files as paths: refused in one line, never a hang.

Each case runs the real command in its own process with a deadline, so a
regression shows as a failed test (the deadline passed) instead of a hung run.
The oversized files are sparse: they take no disk space.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DEADLINE_S = 120  # generous for a loaded machine; a hang never ends

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def _zero_link(folder: Path, name: str) -> Path:
    path = folder / name
    path.symlink_to("/dev/zero")
    return path


def _sparse(folder: Path, name: str, size: int) -> Path:
    path = folder / name
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def _gzip_bomb(folder: Path) -> Path:
    path = folder / "cedict_ts.u8.gz"
    with gzip.open(path, "wb", compresslevel=9) as file:
        block = b"\n" * (1024 * 1024)
        for _ in range(200):  # 200 MB of newlines, about 200 KB packed
            file.write(block)
    return path


# (arguments built from a scratch folder, words the one line must contain)
CASES: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "annotate a pipe": (lambda d: ["annotate", str(_fifo(d, "in.txt"))], "not a regular file"),
    "annotate /dev/zero": (lambda d: ["annotate", "/dev/zero"], "not a regular file"),
    "annotate a link to /dev/zero": (
        lambda d: ["annotate", str(_zero_link(d, "zero.txt"))],
        "not a regular file",
    ),
    "annotate a 1 GB file": (
        lambda d: ["annotate", str(_sparse(d, "big.txt", 1 << 30))],
        "larger than",
    ),
    "annotate into a pipe nobody reads": (
        lambda d: ["annotate", "-o", str(_fifo(d, "out.json"))],
        "no program is reading",
    ),
    "vocab import of a pipe": (
        lambda d: ["vocab", "import", str(_fifo(d, "words.json")), "--yes"],
        "not a regular file",
    ),
    "vocab export into a pipe nobody reads": (
        lambda d: ["vocab", "export", "-o", str(_fifo(d, "words.csv"))],
        "no program is reading",
    ),
    "glossary import of a pipe": (
        lambda d: ["glossary", "import", str(_fifo(d, "terms.tsv"))],
        "not a regular file",
    ),
    "glossary import of a 50 MB file": (
        lambda d: ["glossary", "import", str(_sparse(d, "terms.tsv", 50 << 20))],
        "larger than",
    ),
    "--cedict a pipe": (
        lambda d: ["--cedict", str(_fifo(d, "cedict.u8")), "lookup", "城市"],
        "not a regular file",
    ),
    "--cedict /dev/zero": (lambda d: ["--cedict", "/dev/zero", "lookup", "城市"], "not a regular"),
    "--cedict a 1 GB file": (
        lambda d: ["--cedict", str(_sparse(d, "cedict.u8", 1 << 30)), "lookup", "城市"],
        "larger than",
    ),
    "--cedict a gzip bomb": (
        lambda d: ["--cedict", str(_gzip_bomb(d)), "lookup", "城市"],
        "unpacks to more than",
    ),
}


@pytest.mark.parametrize(("make_arguments", "message"), CASES.values(), ids=CASES.keys())
def test_a_pipe_device_or_huge_file_is_refused_in_one_line(
    tmp_path: Path, make_arguments, message: str
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    arguments = make_arguments(scratch)
    finished = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data"), *arguments],
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        check=False,
    )
    assert finished.returncode == 2, finished.stderr
    assert len(finished.stderr.splitlines()) == 1, finished.stderr
    assert message in finished.stderr


def test_the_dictionary_cache_replaced_by_a_pipe_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = [sys.executable, "-m", "reader", "--data-dir", str(data), "lookup", "城市"]
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    first = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert first.returncode == 0, first.stderr
    caches = list((data / "cache").rglob("cedict-*.idx"))
    assert caches, "the first lookup wrote no dictionary cache"
    for cache in caches:
        cache.unlink()
        os.mkfifo(cache)
    again = subprocess.run(
        command, capture_output=True, text=True, env=environment, timeout=DEADLINE_S, check=False
    )
    assert again.returncode == 0, again.stderr
    assert "city" in again.stdout
