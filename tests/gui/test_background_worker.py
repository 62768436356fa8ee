"""The window's one background worker: its thread starts with the first job and ends
with the window, and nothing submitted after that starts it again."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.ui.background_worker import BackgroundWorker


def test_the_thread_starts_with_the_first_job_and_delivers_its_result(qtbot: QtBot) -> None:
    worker = BackgroundWorker()
    try:
        assert not worker._thread.isRunning()  # nothing to do yet: no thread beside start-up
        results: list[object] = []
        with qtbot.waitSignal(worker.job_finished, timeout=10_000):
            worker.submit(lambda: 6 * 7, results.append)
        assert results == [42]
    finally:
        worker.shutdown()
    assert worker._thread.isFinished()


def test_a_job_submitted_after_shutdown_is_dropped_and_starts_no_thread(qtbot: QtBot) -> None:
    """A thread started after shutdown would still run when Qt destroys it at exit,
    which aborts the process."""
    worker = BackgroundWorker()
    with qtbot.waitSignal(worker.job_finished, timeout=10_000):
        worker.submit(lambda: None)
    worker.shutdown()
    ran: list[bool] = []
    worker.submit(lambda: ran.append(True))
    assert not worker._thread.isRunning()
    assert ran == []


def test_shutting_down_a_worker_that_never_ran_a_job_returns_at_once() -> None:
    worker = BackgroundWorker()
    worker.shutdown()
    assert not worker._thread.isRunning()
