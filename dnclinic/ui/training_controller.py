"""Practitioners and training in the main window: Clinic menu entries and the session warning.

Adds *Practitioners and training…* (the manager's dashboard) and *Adverse-event register…* to
the Clinic menu for the roles that may see them, and puts a warning banner in the session
editor when the note's practitioner is under the clinic's threshold or the jurisdiction's
minimum. Kept apart from ``main_window.py`` so that the window only composes (HOUSE_STYLE G18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu

from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.clinical.training import Eligibility
    from dnclinic.services.changes import Saved
    from dnclinic.services.sessions import SessionRecord
    from dnclinic.ui.dialogs.adverse_event_register_dialog import AdverseEventRegisterDialog
    from dnclinic.ui.dialogs.training_dashboard_dialog import TrainingDashboardDialog
    from dnclinic.ui.main_window import MainWindow


def warning_text(e: Eligibility, name: str) -> str | None:
    """Return the session editor's training warning, or None when the hours are enough."""
    if e.eligible:
        return None
    minimum = (
        f" and {e.jurisdiction} requires at least {e.jurisdiction_minimum_hours} h"
        if e.jurisdiction_minimum_hours is not None and not e.meets_minimum
        else ""
    )
    return (
        f"Training: {name} has {e.total_hours} h of formal dry-needling training on record; "
        f"the clinic requires more than {e.threshold_hours} h{minimum}. You can still write "
        "this note; the decision wizard defers needling until the ledger shows enough training."
    )


class TrainingController(QObject):
    """Owns the training actions and windows of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self.dialog: QDialog | None = None
        self.register: AdverseEventRegisterDialog | None = None
        actor = self.app.services.actor
        self.act_dashboard = QAction("Practitioners and &training…", window)
        self.act_dashboard.triggered.connect(self.show_dashboard)
        self.act_register = QAction("Adverse-&event register…", window)
        self.act_register.triggered.connect(self.show_register)
        self.act_dashboard.setVisible(actor.can(Permission.REPORTS_READ))
        self.act_register.setVisible(actor.can(Permission.ADVERSE_EVENTS_READ))
        menu = next(
            (
                a.menu()
                for a in window.menuBar().actions()
                if a.text().replace("&", "") == "Clinic" and isinstance(a.menu(), QMenu)
            ),
            None,
        )
        if isinstance(menu, QMenu):
            menu.addSeparator()
            menu.addAction(self.act_dashboard)
            menu.addAction(self.act_register)

    def show_dashboard(self) -> TrainingDashboardDialog:
        """Open (or raise) the training dashboard."""
        from dnclinic.ui.dialogs.training_dashboard_dialog import TrainingDashboardDialog

        if isinstance(self.dialog, TrainingDashboardDialog) and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        dialog = TrainingDashboardDialog(
            self.app.training_dashboard, self.app.training, self.app.services.actor, self.window,
            profiles=self.app.profiles,
        )  # fmt: skip
        dialog.training_saved.connect(self._on_saved)
        dialog.adverse_events_requested.connect(self.show_register)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_register(self) -> AdverseEventRegisterDialog:
        """Open (or raise) the adverse-event register."""
        from dnclinic.ui.dialogs.adverse_event_register_dialog import AdverseEventRegisterDialog

        if self.register is not None and self.register.isVisible():
            self.register.raise_()
            return self.register
        people = self.app.clinic.practitioners(active_only=False)
        parent = self.dialog if self.dialog is not None and self.dialog.isVisible() else self.window
        register = AdverseEventRegisterDialog(
            self.app.adverse_events, people, self.app.services.actor, parent
        )
        register.report_saved.connect(self._on_saved)
        register.finished.connect(register.deleteLater)
        self.register = register
        register.open()
        return register

    def warn_before_session(self, dialog: QDialog, record: SessionRecord | None) -> QLabel | None:
        """Show a banner in the session editor when its practitioner lacks training hours."""
        if record is not None and record.signed:
            return None
        actor = self.app.services.actor
        pid = record.practitioner_id if record is not None else actor.practitioner_id
        if pid is None:
            return None
        try:
            eligibility = self.app.training.eligibility(pid)
        except ServiceError:
            return None
        name = record.practitioner_name if record is not None else actor.display_name
        text = warning_text(eligibility, name or "This practitioner")
        layout = dialog.layout()
        if text is None or layout is None or not hasattr(layout, "insertWidget"):
            return None
        banner = QLabel(text, dialog)
        banner.setObjectName("trainingWarning")
        banner.setWordWrap(True)
        layout.insertWidget(0, banner)
        return banner

    def _on_saved(self, saved: Saved[object]) -> None:
        from dnclinic.ui.dialogs.training_dashboard_dialog import TrainingDashboardDialog

        self.window.bus.publish(saved.changes, self)
        if isinstance(self.dialog, TrainingDashboardDialog) and self.sender() is self.register:
            self.dialog.reload()
