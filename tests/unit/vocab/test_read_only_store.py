"""A read-only vocabulary still lists and exports; changes are refused saying "read-only".

The read-only states are real: a read-only bind mount of the data folder and
``chattr +i`` on the file, both of which need root (the test is skipped otherwise).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader import paths
from reader.cli import main

_SAVED = ("城市", "治理")

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="a read-only bind mount and chattr +i need root",
)


def _saved_words() -> None:
    for characters in _SAVED:
        assert main(["vocab", "add", characters]) == 0


def _run(capsys, *arguments: str) -> tuple[int, str, str]:
    status = main(list(arguments))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@contextlib.contextmanager
def _read_only_bind_mount(source: Path, target: Path) -> Iterator[Path]:
    target.mkdir()
    mounted = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(source), str(target)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"bind mounts are not allowed here: {mounted.stderr.decode().strip()}")
    try:
        yield target
    finally:
        # lazily: a cache the command mapped into memory may still hold the mount
        subprocess.run(["umount", "--lazy", str(target)], check=True)


@contextlib.contextmanager
def _immutable(path: Path) -> Iterator[Path]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    changed = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if changed.returncode != 0:
        pytest.skip(f"this file system has no immutable flag: {changed.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def _assert_reads_and_refuses_changes(capsys, data: Path, tmp_path: Path) -> None:
    status, out, err = _run(capsys, "--data-dir", str(data), "vocab", "list")
    assert status == 0, err
    assert all(characters in out for characters in _SAVED)
    export = tmp_path / "words.csv"
    status, _, err = _run(capsys, "--data-dir", str(data), "vocab", "export", "-o", str(export))
    assert status == 0, err
    assert all(characters in export.read_text(encoding="utf-8") for characters in _SAVED)
    status, _, err = _run(capsys, "--data-dir", str(data), "vocab", "add", "现代化")
    assert status == 2
    assert len(err.splitlines()) == 1 and "read-only" in err


@needs_root
def test_a_read_only_bind_mount_of_the_data_folder(data_dir, tmp_path, capsys):
    _saved_words()
    with _read_only_bind_mount(data_dir, tmp_path / "read-only") as mounted:
        _assert_reads_and_refuses_changes(capsys, mounted, tmp_path)


@needs_root
def test_an_immutable_vocabulary_file(data_dir, tmp_path, capsys):
    _saved_words()
    with _immutable(paths.vocabulary_db()):
        _assert_reads_and_refuses_changes(capsys, data_dir, tmp_path)


@needs_root
def test_an_unwritable_backups_folder_saves_the_word_and_warns(data_dir, capsys):
    _saved_words()
    with _immutable(paths.backups_dir()):
        status, _, err = _run(capsys, "vocab", "add", "现代化")
    assert status == 0
    assert len(err.splitlines()) == 1 and "warning" in err and "backup" in err
    status, out, _ = _run(capsys, "vocab", "list")
    assert "现代化" in out
