"""Slow work off the UI thread, through one helper (HOUSE_STYLE G6).

``run_task(parent, fn, on_success, on_failure)`` runs the Qt-free callable ``fn`` in the global
``QThreadPool`` and calls back on the main thread. ``fn`` must open its own units of work (the
services do): a SQLAlchemy Session is never shared between threads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dnclinic.errors import ServiceError
from dnclinic.ui.errors import PLAIN_MESSAGE, show_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries the result back to the thread that owns it (the main thread)."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported on the main thread, never lost
            log.warning("Background task failed", exc_info=True)
            outcome, signal_name = exc, "failed"
        else:
            outcome, signal_name = result, "succeeded"
        try:
            getattr(self._relay, signal_name).emit(outcome)
        except RuntimeError:  # the window that asked was closed meanwhile
            log.info("A background task finished after its window closed")


def run_task(
    parent: QWidget,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[Exception], None] | None = None,
) -> QObject:
    """Run ``fn`` in the thread pool; call ``on_success(result)`` or ``on_failure(error)`` after.

    Without ``on_failure`` an error is shown in a plain-language message box (a ServiceError's
    own sentence, or a generic one). Returns the relay object (tests may wait on its signals).
    """
    relay = _Relay(parent)

    def failed(exc: Exception) -> None:
        relay.deleteLater()
        if on_failure is not None:
            on_failure(exc)
            return
        message = str(exc) if isinstance(exc, ServiceError) else PLAIN_MESSAGE
        show_error(parent, "dnclinic", message)

    def succeeded(result: Any) -> None:
        relay.deleteLater()
        on_success(result)

    relay.succeeded.connect(succeeded)
    relay.failed.connect(failed)
    QThreadPool.globalInstance().start(_Task(fn, relay))
    return relay
