"""Background work (ui/workers.py): a result for a window that has closed is dropped quietly."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from dnclinic.ui.workers import run_query

if TYPE_CHECKING:
    import pytest
    from pytestqt.qtbot import QtBot


def test_a_task_that_outlives_its_window_ends_without_a_traceback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    window = QWidget()
    release = threading.Event()
    delivered: list[object] = []

    def slow() -> str:
        release.wait(timeout=20)
        return "done"

    run_query(window, slow, delivered.append)
    shiboken6.delete(window)  # the window (and the task's signals with it) is gone
    caplog.set_level(logging.INFO, logger="dnclinic.ui.workers")
    release.set()
    assert QThreadPool.globalInstance().waitForDone(20_000)
    QApplication.processEvents()  # deliver anything the task queued (nothing should be)
    assert delivered == []
    assert "finished after its window had closed" in caplog.text
    assert "Traceback" not in capfd.readouterr().err
