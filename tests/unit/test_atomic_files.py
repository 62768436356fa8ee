"""Saving never leaves a half-written file, and never replaces a pipe or device."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.atomic_files import replace_atomically, write_bytes_atomically


def test_the_new_content_replaces_the_old_and_no_temporary_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "folder" / "glossary.tsv"
    write_bytes_atomically(target, b"old")
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["glossary.tsv"]


def test_a_failing_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "words.csv"
    target.write_bytes(b"saved words")

    def fails_halfway(file: Path) -> None:
        file.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        replace_atomically(target, fails_halfway)
    assert target.read_bytes() == b"saved words"
    assert [p.name for p in tmp_path.iterdir()] == ["words.csv"]


def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_bytes_atomically(fifo, b"through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert fifo.is_fifo()


def test_a_file_where_the_folder_should_be_is_an_os_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_bytes(b"")
    with pytest.raises(OSError):
        write_bytes_atomically(tmp_path / "not-a-folder" / "out.json", b"{}")
