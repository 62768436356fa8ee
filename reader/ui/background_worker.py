"""Running core jobs off the UI thread: the one way the window does background work.

One worker thread runs jobs one after another, in the order submitted: the
annotator is created first (about a second), then each article is segmented,
searched, its glossary terms listed...  A job is a plain function that calls
only the core; its result or its exception comes back to the UI thread
through a queued signal, where the callbacks given to ``submit`` run.  Jobs
never touch widgets.  A failure always has somewhere to go: the caller's
``on_failure``, else the worker's ``job_failed`` signal, which the window
turns into a message.
"""

from __future__ import annotations

import queue
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from reader.errors import ReaderError

Result = TypeVar("Result")
FailureCallback = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class _Submitted:
    """A job waiting in the worker's queue, with the number its signals carry."""

    job_id: int
    job: Callable[[], object]
    finish_before_exit: bool = False


def failure_message(error: BaseException) -> str:
    """The one line a user sees for a failed job."""
    if isinstance(error, ReaderError):
        return str(error)
    return f"Unexpected error ({type(error).__name__}): {error}"


class _WorkerThread(QThread):
    job_finished = Signal(int, object)
    job_failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.jobs: queue.Queue[_Submitted | None] = queue.Queue()

    def run(self) -> None:
        while True:
            submitted = self.jobs.get()
            if submitted is None:
                return
            try:
                result = submitted.job()
            except Exception as error:  # every failure must reach the UI as a message
                if not isinstance(error, ReaderError):
                    traceback.print_exc(file=sys.stderr)  # a bug: keep the details for a report
                self.job_failed.emit(submitted.job_id, failure_message(error))
            else:
                self.job_finished.emit(submitted.job_id, result)


class BackgroundWorker(QObject):
    """Submit functions to run in the background; get their results on the UI thread."""

    job_finished = Signal(int, object)
    """A job returned (job id, result), after its success callback ran."""
    job_failed = Signal(int, str)
    """A job raised (job id, one-line message), after its failure callback ran."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, FailureCallback | None]] = {}
        self._next_id = 1
        self._thread = _WorkerThread()
        self._thread.job_finished.connect(self._deliver_result)
        self._thread.job_failed.connect(self._deliver_failure)
        # Started with the first job: the window makes its worker before its first
        # paint, and a thread started then would take turns with it for the GIL.
        self._shut_down = False

    def submit(
        self,
        job: Callable[[], Result],
        on_success: Callable[[Result], None] | None = None,
        on_failure: FailureCallback | None = None,
        *,
        finish_before_exit: bool = False,
    ) -> int:
        """Queue ``job``; returns its id.  Callbacks run later on the UI thread.

        ``finish_before_exit``: ``shutdown`` runs the job even if it has not
        started yet (saving something the next start needs), where other queued
        jobs are dropped."""
        job_id = self._next_id
        self._next_id += 1
        self._callbacks[job_id] = (on_success, on_failure)
        self._thread.jobs.put(_Submitted(job_id, job, finish_before_exit))
        if not self._thread.isRunning() and not self._shut_down:
            self._thread.start()  # after shutdown a job is dropped, as it always was
        return job_id

    def pending(self) -> int:
        """How many submitted jobs have not reported back yet."""
        return len(self._callbacks)

    def shutdown(self) -> None:
        """Let the running job finish, run the queued ones marked ``finish_before_exit``,
        drop the others, and stop the thread."""
        self._shut_down = True
        kept = []
        while True:
            try:
                submitted = self._thread.jobs.get_nowait()
            except queue.Empty:
                break
            if submitted is not None and submitted.finish_before_exit:
                kept.append(submitted)
        self._callbacks.clear()
        for submitted in kept:
            self._thread.jobs.put(submitted)
        self._thread.jobs.put(None)
        self._thread.wait()

    def _deliver_result(self, job_id: int, result: object) -> None:
        on_success, _ = self._callbacks.pop(job_id, (None, None))
        if on_success is not None:
            on_success(result)
        self.job_finished.emit(job_id, result)

    def _deliver_failure(self, job_id: int, message: str) -> None:
        _, on_failure = self._callbacks.pop(job_id, (None, None))
        if on_failure is not None:
            on_failure(message)
        self.job_failed.emit(job_id, message)
