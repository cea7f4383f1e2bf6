"""The audit log's integrity check at start-up, run after the window is up and off its thread.

Checking the hash chain reads every entry; on a clinic with years of history that takes a
while, and the physiotherapist should not wait for it to start charting. If the check fails,
whoever logged in is told (the administrator must look into it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dnclinic.ui.workers import run_query

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from dnclinic.model.audit_chain import ChainReport
    from dnclinic.services.audit import AuditService

AUDIT_WARNING = (
    "The audit log did not pass its integrity check at start-up, which can mean that records "
    "were altered outside dnclinic. Tell your administrator. Details: "
)


class StartupAuditCheck(QObject):
    """Verifies the audit chain in the background; warns in a message box when it fails."""

    checked = Signal(bool)  # whether the chain passed

    def __init__(self, window: QWidget, audit: AuditService) -> None:
        super().__init__(window)
        self._window = window
        self._audit = audit

    def start(self) -> None:
        """Begin the check; ``checked`` is emitted when it is done."""
        run_query(self._window, self._audit.verify, self._on_verified)

    def _on_verified(self, report: ChainReport) -> None:
        if not report.ok:  # tell whoever logs in; the administrator must look into it
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self._window, "Audit log check failed", AUDIT_WARNING + report.problem
            )
        self.checked.emit(report.ok)
