"""Background tasks (app/ui/workers.py): a window closed while its task runs is no error."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.workers import Worker


def test_a_task_ending_after_its_window_was_deleted_reports_nothing(qtbot) -> None:
    """The window goes (closed, deleted) while its task runs: the task's answer has nobody
    to go to. It used to raise 'Signal source has been deleted' in the pool's thread,
    which pytest-qt reports as an exception in the Qt event loop (a flaky teardown)."""
    pool = QThreadPool()
    window = QWidget()
    worker = Worker(window, pool=pool)
    started, release = threading.Event(), threading.Event()
    answers: list[object] = []

    def task() -> str:
        started.set()
        release.wait(10)
        return "late"

    worker.submit(task, answers.append, answers.append)
    assert started.wait(10)
    shiboken6.delete(window)  # the window and its worker go, the task still runs
    release.set()
    assert pool.waitForDone(10_000)
    QApplication.processEvents()
    assert answers == []  # nobody told, and no exception escaped the pool's thread
