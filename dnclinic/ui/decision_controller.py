"""The decision wizard in the main window: the action, the wizard, and what Finish leads to.

Opens the wizard prefilled from the chart; after Finish publishes the change, and when asked
opens the session editor prefilled with the segmental targets and stimulation defaults. Opens
recorded decisions (viewer) and home plans (editor) from the chart timeline. Kept apart from
``main_window.py`` so the window only composes (HOUSE_STYLE G18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QToolBar

from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.services.changes import Saved
    from dnclinic.services.decisions import DecisionRecord
    from dnclinic.ui.dialogs.session_dialog import SessionDialog
    from dnclinic.ui.main_window import MainWindow
    from dnclinic.ui.wizard.decision_wizard import DecisionWizard

SHORTCUT = "Ctrl+Shift+D"


class DecisionController(QObject):
    """Owns the "Decide whether to needle" action and its windows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.app = window.app
        self.wizard: DecisionWizard | None = None
        self.dialog: QDialog | None = None
        self.act_decide = QAction("&Decide whether to needle…", window)
        self.act_decide.setShortcut(QKeySequence(SHORTCUT))
        self.act_decide.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_decide.triggered.connect(self.open_wizard)
        window.addAction(self.act_decide)
        window.charting.session_editor_opened.connect(self._on_session_editor_opened)
        menu = next(
            (
                a.menu()
                for a in window.menuBar().actions()
                if a.text() == "C&harting" and isinstance(a.menu(), QMenu)
            ),
            None,
        )
        if isinstance(menu, QMenu):
            menu.addSeparator()
            menu.addAction(self.act_decide)
        toolbar = window.findChild(QToolBar, "mainToolbar")
        if toolbar is not None:
            toolbar.addAction(self.act_decide)
        window.chart.when_built(self._on_chart_built)

    def _on_chart_built(self) -> None:
        self.window.chart.timeline_view.item_opened.connect(self._on_timeline_item_opened)

    def update_actions(self, has_patient: bool) -> None:
        """Show the action to those who may chart; enable it when a patient is shown."""
        allowed = self.app.services.actor.can(Permission.CHART_WRITE)
        self.act_decide.setVisible(allowed)
        self.act_decide.setEnabled(allowed and has_patient)

    def _on_session_editor_opened(self, editor: object) -> None:
        """Offer the wizard from a note being written (not from a signed one)."""
        from dnclinic.ui.dialogs.session_dialog import SessionDialog

        if not isinstance(editor, SessionDialog) or (editor.record and editor.record.signed):
            return
        if not self.act_decide.isVisible():
            return
        button = QPushButton("Decision &wizard…", editor)
        button.setObjectName("decisionWizardButton")
        button.setToolTip("Walk through the dry-needling decision for this patient")
        button.clicked.connect(self.open_wizard)
        close = editor.view.close_button
        holder = close.parentWidget()
        row = holder.layout() if holder is not None else None
        for child in row.children() if row is not None else ():
            if isinstance(child, QHBoxLayout) and child.indexOf(close) >= 0:
                child.insertWidget(0, button)
                return

    def open_wizard(self) -> DecisionWizard | None:
        """Open the wizard for the patient shown, prefilled from the chart."""
        from dnclinic.ui.wizard.decision_wizard import DecisionWizard

        pid = self.window.chart.patient_id
        if pid is None:
            return None
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            return self.wizard
        try:
            draft = self.app.decisions.prefill(pid)
        except ServiceError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return None
        wizard = DecisionWizard(self.app.decisions, draft, self.window)
        wizard.decision_recorded.connect(self._on_wizard_decision_recorded)
        wizard.finished.connect(self._on_wizard_finished)
        self.wizard = wizard
        wizard.open()
        return wizard

    def start_session(self, record: DecisionRecord) -> SessionDialog | None:
        """Open the session editor prefilled from a recorded decision's plan."""
        from dnclinic.clinical.case import Case
        from dnclinic.clinical.decision import evaluate
        from dnclinic.services.decision_guidance import plan_note, session_prefill

        rec = evaluate(Case.from_dict(record.case))  # same rule set: targets for the editor
        at = record.decided_at.astimezone().strftime("%Y-%m-%d")
        note = plan_note(rec, f"decision of {at}")
        content = session_prefill(
            rec, self.app.sessions.muscles, now=self.app.services.now(),
            episode_id=record.episode_id, note=note,
        )  # fmt: skip
        return self.window.charting.open_prefilled_session(
            content, "Prefilled from the decision: check every target and set the intensity."
        )

    # --- slots -------------------------------------------------------------------------------
    def _on_wizard_decision_recorded(self, saved: Saved[DecisionRecord]) -> None:
        self.window.bus.publish(saved.changes, self)
        self.window.statusBar().showMessage("Decision recorded in the chart.", 8000)

    def _on_wizard_finished(self, _result: int) -> None:
        wizard = self.wizard
        self.wizard = None
        if wizard is None:
            return
        wizard.deleteLater()
        saved = wizard.saved
        if saved is not None and wizard.draft.start_session:
            rec = wizard.draft.recommendation()
            if wizard.draft.acts_as_needle(rec):
                self.start_session(saved.value)

    def _on_timeline_item_opened(self, kind: str, ref_id: int) -> None:
        from dnclinic.ui.dialogs.decision_view_dialog import DecisionViewDialog
        from dnclinic.ui.dialogs.plan_dialog import PlanDialog

        try:
            if kind == "decision":
                self._show(DecisionViewDialog(self.app.decisions.get(ref_id), self.window))
            elif kind == "plan":
                record = self.app.plans.get(ref_id)
                dialog = PlanDialog(
                    record.details, plans=self.app.plans, record=record, parent=self.window
                )
                dialog.plan_saved.connect(self._on_plan_saved)
                self._show(dialog)
        except ServiceError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)

    def _show(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.open()

    def _on_plan_saved(self, saved: Saved[object]) -> None:
        self.window.bus.publish(saved.changes, self)
