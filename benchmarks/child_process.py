"""Run a command as a child and measure its wall time and peak RSS honestly.

Linux carries a process's peak RSS across fork and exec, so a child started
straight from a benchmark that has already loaded jieba or Qt reports the
benchmark's own peak.  The command is therefore started by a small launcher
process, whose own fork carries only its few megabytes, and the launcher
reports the grandchild's figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

_LAUNCHER = r"""
import json, os, subprocess, sys, time
out_path, err_path, *command = sys.argv[1:]
with open(out_path, "wb") as out, open(err_path, "wb") as err:
    started = time.time()
    process = subprocess.Popen(command, stdout=out, stderr=err)
    _, status, usage = os.wait4(process.pid, 0)
    finished = time.time()
print(json.dumps({"started": started, "finished": finished,
                  "status": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}))
"""


@dataclass(frozen=True)
class ChildRun:
    started: float  # time.time() just before the child was started
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str


BYTECODE_CACHE = Path(tempfile.gettempdir()) / "reader-benchmarks-bytecode"
"""Where children keep Python's compiled modules (outside the source tree)."""


def with_bytecode_cache(environment: dict[str, str]) -> dict[str, str]:
    """``environment`` with Python's bytecode cache on, kept in ``BYTECODE_CACHE``.

    Every figure here is of a warm start, and an installed program starts from
    compiled modules (pip compiles them on installation).  With
    PYTHONDONTWRITEBYTECODE set, as in some shells, a child would compile every
    module of an editable checkout from source at every start: a quarter of a
    second of the window's start that no user pays, and that the bare anchors,
    having no such modules, never pay either.
    """
    cached = {key: value for key, value in environment.items() if key != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(BYTECODE_CACHE)
    return cached


def run_child(command: list[str], environment: dict[str, str], cwd: Path) -> ChildRun:
    """Run ``command`` to its end (with ``with_bytecode_cache``); raises RuntimeError if it
    fails."""
    with tempfile.TemporaryDirectory() as folder:
        out_path, err_path = Path(folder) / "out", Path(folder) / "err"
        report = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(out_path), str(err_path), *command],
            env=with_bytecode_cache(environment),
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(report.stdout)
        stdout = out_path.read_text(encoding="utf-8", errors="replace")
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
    if figures["status"] != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {stderr[-500:]}")
    return ChildRun(
        started=figures["started"],
        seconds=figures["finished"] - figures["started"],
        peak_rss_mb=figures["maxrss_kb"] / 1024,
        stdout=stdout,
        stderr=stderr,
    )
