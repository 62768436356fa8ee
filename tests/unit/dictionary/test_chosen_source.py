"""Which CC-CEDICT file a run uses: one rule for the command line and the window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.dictionary.cedict import SOURCE_ENV, bundled_source, resolve_source
from reader.paths import chosen_cedict as chosen_source


def test_given_beats_environment_beats_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SOURCE_ENV, raising=False)
    assert chosen_source() is None
    assert resolve_source() == bundled_source()
    assert chosen_source(saved="/saved.u8") == Path("/saved.u8")

    monkeypatch.setenv(SOURCE_ENV, "/from-env.u8")
    assert chosen_source(saved="/saved.u8") == Path("/from-env.u8")
    assert chosen_source("/given.u8", saved="/saved.u8") == Path("/given.u8")
    assert resolve_source() == Path("/from-env.u8")


def test_the_command_line_reports_a_missing_file_it_was_given(tmp_path: Path) -> None:
    missing = tmp_path / "missing.u8"
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--cedict", str(missing), "lookup", "河"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "READER_DATA_DIR": str(tmp_path / "data")},
        check=False,
    )
    assert result.returncode == 2
    assert str(missing) in result.stderr and len(result.stderr.splitlines()) == 1
