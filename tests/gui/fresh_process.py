"""Running window code in a fresh Python process, for what a test session cannot see:
which modules start-up imports (this session has long imported them all)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def last_line_of_fresh_process(code: str, data_dir: Path) -> str:
    """The last line ``code`` prints, run offscreen with ``data_dir``; it must exit 0."""
    finished = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(data_dir)},
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.strip().splitlines()[-1]
