"""'Mark entered in error…' for the exam, session note or outcome score chosen in the timeline.

Clinical records are never deleted: a record charted by mistake (the wrong patient, a duplicate)
is withdrawn with a reason, and leaves the timeline, the trends and the documents. The action is
in the Charting menu and in the timeline's context menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Callable

    from dnclinic.services.changes import Saved
    from dnclinic.ui.charting_controller import ChartingController
    from dnclinic.ui.dialogs.entered_in_error_dialog import EnteredInErrorDialog

NOUNS = {"exam": "neuro exam", "session": "session note", "outcome": "outcome score"}
CHOOSE_FIRST = "Choose an exam, a session note or an outcome score in the timeline first."


class WithdrawController(QObject):
    """Owns the action and opens the reason dialog for the selected timeline entry."""

    def __init__(self, charting: ChartingController) -> None:
        super().__init__(charting)
        self.charting = charting
        self.app = charting.app
        window = charting.window
        self.act = QAction("Mark entry entered in &error…", window)
        self.act.triggered.connect(self._on_act_triggered)
        window.addAction(self.act)
        charting.menu.addSeparator()
        charting.menu.addAction(self.act)
        self._update()

    def watch_timeline(self) -> None:
        """Follow the timeline's selection and offer the action on it (once it is built)."""
        timeline = self.charting.timeline.list
        timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        timeline.customContextMenuRequested.connect(self._on_timeline_menu_requested)
        timeline.currentItemChanged.connect(self._on_timeline_current_changed)

    def withdraw_selected(self) -> EnteredInErrorDialog | None:
        """Open the reason dialog for the selected entry (or say what to choose)."""
        from dnclinic.ui.dialogs.entered_in_error_dialog import EnteredInErrorDialog

        ref = self.charting.timeline.selected_ref()
        if ref is None or ref[0] not in NOUNS:
            self.charting.window.statusBar().showMessage(CHOOSE_FIRST, 8000)
            return None
        kind, ref_id = ref
        try:
            what, withdraw = self._target(kind, ref_id)
        except ServiceError as exc:
            self.charting.window.statusBar().showMessage(str(exc), 8000)
            return None
        noun = NOUNS[kind]
        dialog = EnteredInErrorDialog(
            f"Mark {noun} entered in error",
            f"<b>{what}</b> will leave the timeline, the outcome trends and the documents.",
            withdraw,
            self.charting.window,
            example="e.g. Charted for the wrong patient (belongs to DN-000231)",
        )
        self.charting.open_editor(dialog, "saved")
        return dialog

    def _target(self, kind: str, ref_id: int) -> tuple[str, Callable[[str], Saved[Any]]]:
        """What the entry is called, and how to withdraw it at the version shown."""
        if kind == "session":
            note = self.app.sessions.get(ref_id)
            at = note.content.session_at
            day = at.astimezone().strftime("%Y-%m-%d") if at else "undated"
            state = "signed " if note.signed else "draft "
            return (
                f"The {state}session note of {day}",
                lambda reason: self.app.sessions.mark_entered_in_error(
                    ref_id, note.version_id, reason
                ),
            )
        if kind == "exam":
            exam = self.app.exams.get(ref_id)
            on = exam.details.examined_on
            return (
                f"The neuro exam of {on.isoformat() if on else 'no date'}",
                lambda reason: self.app.exams.mark_entered_in_error(
                    ref_id, exam.version_id, reason
                ),
            )
        from dnclinic.clinical.outcomes import spec  # the instrument registry, needed only here

        score = self.app.outcomes.get(ref_id)
        label = f"The {spec(score.instrument).name} score of {score.scored_on.isoformat()}"
        return label, lambda reason: self.app.outcomes.mark_entered_in_error(
            ref_id, score.version_id, reason
        )

    def _update(self) -> None:
        built = self.charting.window.chart.built  # nothing is selected before it is
        ref = self.charting.timeline.selected_ref() if built else None
        allowed = self.app.services.actor.can(Permission.CHART_WRITE)
        self.act.setVisible(allowed)
        self.act.setEnabled(allowed and ref is not None and ref[0] in NOUNS)

    # --- slots -------------------------------------------------------------------------------
    def _on_act_triggered(self) -> None:
        self.withdraw_selected()  # not connected directly: triggered() passes "checked"

    def _on_timeline_current_changed(self, *_items: object) -> None:
        self._update()

    def _on_timeline_menu_requested(self, at: QPoint) -> None:
        timeline = self.charting.timeline.list
        item = timeline.itemAt(at)
        if item is None:
            return
        timeline.setCurrentItem(item)
        self._update()
        if self.act.isVisible():
            menu = QMenu(timeline)
            menu.addAction(self.act)
            menu.popup(timeline.viewport().mapToGlobal(at))
