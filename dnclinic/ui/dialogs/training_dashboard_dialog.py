"""The manager's training dashboard: practitioners, their ledgers, the hours chart and exports.

Sort by any column and filter by name or status; "Export CSV" writes exactly the rows and
columns the table shows, in its order. The ledger below lists every version of every course;
corrections and withdrawals are new entries, so nothing here edits or deletes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import ServiceError
from dnclinic.services.policy import Permission
from dnclinic.ui.dialogs.practitioner_profile_dialog import PractitionerProfileDialog
from dnclinic.ui.dialogs.training_entry_dialog import TrainingEntryDialog
from dnclinic.ui.models.training_table_model import (
    ROW_ROLE,
    TrainingFilterProxy,
    TrainingTableModel,
)
from dnclinic.ui.views.training_dashboard_view import TrainingDashboardView
from dnclinic.ui.widgets.form_bits import show_message

if TYPE_CHECKING:
    from collections.abc import Callable

    from dnclinic.services.changes import Saved
    from dnclinic.services.context import Actor
    from dnclinic.services.practitioner_profiles import ProfileService
    from dnclinic.services.training import TrainingService
    from dnclinic.services.training_dashboard import TrainingDashboardService
    from dnclinic.services.training_store import TrainingEntryRow


class TrainingDashboardDialog(QDialog):
    """Controller of :class:`TrainingDashboardView`."""

    training_saved = Signal(object)  # Saved[...] after a course is added, corrected or verified
    adverse_events_requested = Signal()

    def __init__(
        self,
        dashboard: TrainingDashboardService,
        training: TrainingService,
        actor: Actor,
        parent: QWidget | None = None,
        *,
        profiles: ProfileService | None = None,
    ) -> None:
        super().__init__(parent)
        self._dashboard = dashboard
        self._training = training
        self._profiles = profiles
        self._actor = actor
        self.entries: list[TrainingEntryRow] = []
        self.editor: TrainingEntryDialog | None = None
        self.setObjectName("trainingDashboardDialog")
        self.setWindowTitle("Practitioners and training")
        self.resize(1280, 720)
        self.view = TrainingDashboardView(self)
        self.model = TrainingTableModel(self)
        self.proxy = TrainingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view.table.setModel(self.proxy)
        self.view.fit_columns()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        v = self.view
        can_write = actor.can(Permission.TRAINING_WRITE)
        for button in (v.add_course, v.correct, v.withdraw):
            button.setVisible(can_write)
        for button in (v.new_practitioner, v.profile):
            button.setVisible(can_write and profiles is not None)
        v.new_practitioner.clicked.connect(self._on_new_practitioner_clicked)
        v.profile.clicked.connect(self._on_profile_clicked)
        v.verify.setVisible(actor.can(Permission.TRAINING_VERIFY))
        v.adverse_events.setVisible(actor.can(Permission.ADVERSE_EVENTS_READ))
        v.search.textChanged.connect(self._on_filters_changed)
        v.status.currentIndexChanged.connect(self._on_filters_changed)
        v.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.proxy.layoutChanged.connect(self._redraw_chart)
        v.add_course.clicked.connect(self.add_course)
        v.correct.clicked.connect(self._on_correct_clicked)
        v.withdraw.clicked.connect(self._on_withdraw_clicked)
        v.verify.clicked.connect(self.verify_selected)
        v.certificate.clicked.connect(self._on_certificate_clicked)
        v.export_csv.clicked.connect(self._on_export_csv_clicked)
        v.export_pdf.clicked.connect(self._on_export_pdf_clicked)
        v.adverse_events.clicked.connect(self.adverse_events_requested)
        v.ledger.itemSelectionChanged.connect(self._update_buttons)
        self.reload()

    # --- data --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Reload the rows, keeping the selected practitioner."""
        keep = self.selected_practitioner()
        self.model.set_rows(self._dashboard.rows())
        self._redraw_chart()
        if keep is not None:
            self.select_practitioner(keep)
        self._show_ledger()

    def selected_practitioner(self) -> int | None:
        """Return the id of the practitioner selected in the table."""
        index = self.view.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_practitioner(self, practitioner_id: int) -> bool:
        """Select a practitioner's row (if the filters show it)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE) == practitioner_id:
                self.view.table.setCurrentIndex(index)
                return True
        return False

    def status_of(self, practitioner_id: int) -> str:
        """Return the status text shown for a practitioner."""
        for row in self.proxy.rows():
            if row.practitioner_id == practitioner_id:
                return row.eligibility.status
        return ""

    def _redraw_chart(self) -> None:
        self.view.chart.show_rows(self.proxy.rows())

    def _show_ledger(self) -> None:
        v = self.view
        pid = self.selected_practitioner()
        v.ledger.setRowCount(0)
        self.entries = []
        if pid is None:
            v.ledger_title.setText("Select a practitioner to see the training ledger.")
            v.reasons.clear()
            self._update_buttons()
            return
        row = next(r for r in self.proxy.rows() if r.practitioner_id == pid)
        v.ledger_title.setText(f"{row.name}: {row.totals.total} h — {row.eligibility.status}")
        v.reasons.setText(" ".join(row.eligibility.reasons))
        self.entries = self._training.entries(pid)
        v.ledger.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            c = e.course
            counts = (
                "yes" if e.current
                else "withdrawn" if e.withdrawn
                else "corrected"
            )  # fmt: skip
            verified = f"{e.verified_at:%Y-%m-%d}" if e.verified_at else "no"
            cells = (
                c.course_title, f"{c.ended_on}", str(c.total_hours),
                e.certificate.filename if e.certificate else "missing", verified, counts,
            )  # fmt: skip
            split = (
                f"{c.in_person_hours} h in person, {c.online_hours} h online; "
                f"{c.theory_hours} h theory, {c.hands_on_hours} h hands-on; "
                f"{c.supervised_sessions} supervised sessions"
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    split if j == 2
                    else f"verified by {e.verified_by}" if j == 4 and e.verified_by
                    else f"replaced by entry {e.superseded_by}" if j == 5 and e.superseded_by
                    else text
                )  # fmt: skip
                if not e.current:
                    item.setForeground(Qt.GlobalColor.gray)
                v.ledger.setItem(i, j, item)
        self._update_buttons()

    def selected_entry(self) -> TrainingEntryRow | None:
        """Return the ledger entry selected below the table."""
        rows = self.view.ledger.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        v = self.view
        entry = self.selected_entry()
        v.add_course.setEnabled(self.selected_practitioner() is not None)
        v.profile.setEnabled(self.selected_practitioner() is not None)
        for button in (v.correct, v.withdraw):
            button.setEnabled(entry is not None and entry.current)
        v.verify.setEnabled(entry is not None and entry.current and not entry.verified)
        v.certificate.setEnabled(entry is not None and entry.certificate is not None)

    # --- commands ----------------------------------------------------------------------------
    def add_course(self) -> TrainingEntryDialog | None:
        """Open the course form for the selected practitioner."""
        return self._edit(None)

    def _edit(self, corrects: TrainingEntryRow | None) -> TrainingEntryDialog | None:
        pid = self.selected_practitioner()
        if pid is None:
            return None
        name = next(r.name for r in self.proxy.rows() if r.practitioner_id == pid)
        self.editor = TrainingEntryDialog(self._training, pid, name, corrects, self)
        self.editor.entry_saved.connect(self._on_saved)
        self.editor.open()
        return self.editor

    def withdraw_selected(self, reason: str) -> bool:
        """Withdraw the selected course (a correction that counts for nothing)."""
        entry = self.selected_entry()
        if entry is None:
            return False
        return self._run(lambda: self._training.withdraw_entry(entry.id, reason))

    def verify_selected(self) -> bool:
        """Verify the selected course as the logged-in manager."""
        entry = self.selected_entry()
        if entry is None:
            return False
        return self._run(lambda: self._training.verify_entry(entry.id))

    def export_csv_to(self, path: Path) -> None:
        """Write the table as shown (filtered, sorted) to ``path``."""
        text = self._dashboard.export_csv(self.proxy.rows(), self.proxy.describe())
        path.write_text(text, encoding="utf-8", newline="")
        self._say(f"Exported {self.proxy.rowCount()} practitioners to {path}.", "ok")

    def export_pdf_to(self, path: Path) -> None:
        """Write the training report to ``path``."""
        path.write_bytes(self._dashboard.report_pdf())
        self._say(f"Training report written to {path}.", "ok")

    def _run(self, action: Callable[[], Saved[Any]]) -> bool:
        try:
            saved = action()
        except ServiceError as exc:
            self._say(str(exc))
            return False
        self._on_saved(saved)
        return True

    def _say(self, text: str, level: str = "error") -> None:
        show_message(self.view.message, text, level)

    # --- slots -------------------------------------------------------------------------------
    def _on_saved(self, saved: Saved[object]) -> None:
        self.training_saved.emit(saved)
        self.reload()

    def _on_filters_changed(self) -> None:
        self.proxy.set_text(self.view.search.text())
        self.proxy.set_status(self.view.status.currentIndex())
        self._redraw_chart()

    def _on_table_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_ledger()

    def edit_profile(self, practitioner_id: int | None) -> PractitionerProfileDialog | None:
        """Open the profile of a practitioner (None: register a new one)."""
        if self._profiles is None:
            return None
        profile = next((p for p in self._profiles.profiles() if p.id == practitioner_id), None)
        dialog = PractitionerProfileDialog(self._profiles, profile, self)
        dialog.profile_saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def _on_new_practitioner_clicked(self) -> None:
        self.edit_profile(None)

    def _on_profile_clicked(self) -> None:
        if (pid := self.selected_practitioner()) is not None:
            self.edit_profile(pid)

    def _on_correct_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._edit(entry)

    def _on_withdraw_clicked(self) -> None:
        reason, ok = QInputDialog.getText(self, "Withdraw a course", "Why is it withdrawn?")
        if ok:
            self.withdraw_selected(reason)

    def _on_certificate_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is None or entry.certificate is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the certificate", entry.certificate.filename
        )
        if name:
            try:
                data = self._training.certificate(entry.certificate.id).content
                Path(name).write_bytes(data)
            except (ServiceError, OSError) as exc:
                self._say(str(exc))

    def _on_export_csv_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export CSV", "training.csv", "CSV (*.csv)")
        if name:
            self._export(self.export_csv_to, name)

    def _on_export_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Training report", "training-report.pdf", "PDF (*.pdf)"
        )
        if name:
            self._export(self.export_pdf_to, name)

    def _export(self, write: Callable[[Path], None], name: str) -> None:
        try:
            write(Path(name))
        except (ServiceError, OSError) as exc:
            self._say(str(exc))
