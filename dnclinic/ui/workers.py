"""Slow work off the UI thread through one helper (HOUSE_STYLE G6).

``run_query(parent, fn, on_success, on_failure=None)`` runs the Qt-free ``fn`` on the global
``QThreadPool`` and calls back on the main thread. ``fn`` must open its own database session
(every service method does), because SQLAlchemy sessions are not thread-safe. An exception
becomes a plain-words error box unless ``on_failure`` is given; a traceback is only logged.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from dnclinic.services.errors import ServiceError
from dnclinic.ui.errors import PLAIN_MESSAGE, show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)
_running: set[_Job] = set()  # keeps each job (and its signals) alive until it reports back


class _Signals(QObject):
    """Lives on the main thread, so that its signals are delivered there."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # noqa: BLE001 - reported on the main thread
            if not isinstance(exc, ServiceError):
                log.error("Background task failed", exc_info=exc)
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.succeeded, result)

    @staticmethod
    def _report(signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # its window was closed (the app is quitting): nobody to tell
            log.info("A background task finished after its window had closed")


def run_query(
    parent: QWidget,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None] | None = None,
) -> None:
    """Run ``fn`` in the thread pool; call ``on_success(result)`` on the main thread.

    Args:
        parent: the widget the callbacks and any error box belong to.
        fn: Qt-free work; it must not touch widgets.
        on_success: receives ``fn``'s result.
        on_failure: receives the exception; default: an error box in plain words.
    """
    signals = _Signals(parent)
    job = _Job(fn, signals)
    _running.add(job)

    def done(result: object) -> None:
        _running.discard(job)
        signals.deleteLater()
        on_success(result)

    def failed(exc: object) -> None:
        _running.discard(job)
        signals.deleteLater()
        assert isinstance(exc, Exception)
        if on_failure is not None:
            on_failure(exc)
        else:
            message = str(exc) if isinstance(exc, ServiceError) else PLAIN_MESSAGE
            show_error(parent, "Could not finish", message)

    signals.succeeded.connect(done)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)


run_mutation = run_query  # the same mechanics; the name says the work writes
run_task = run_query  # the name the backup screens use
