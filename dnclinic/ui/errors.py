"""Unexpected errors: logged in full, shown to the user in plain words, never as a traceback."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from types import TracebackType

    from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("dnclinic.ui")

PLAIN_MESSAGE = (
    "Something went wrong that dnclinic did not expect. What you had already saved is safe, "
    "and anything still open on screen has been kept. The details were written to the log "
    "file; please tell your administrator if it happens again."
)


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """Show a non-blocking error message box and return it (tests read its text)."""
    from PySide6.QtWidgets import QMessageBox  # loaded when the first message is shown

    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorBox")
    box.open()
    return box


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    log.error("Unexpected error", exc_info=(kind, value, tb))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        show_error(app.activeWindow(), "Unexpected problem", PLAIN_MESSAGE)


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in slots) to the log and a message."""
    sys.excepthook = _excepthook
