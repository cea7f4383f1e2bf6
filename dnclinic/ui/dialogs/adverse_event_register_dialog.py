"""The clinic's adverse-event register: filter, see what still needs a report, enter the date.

Events that need a report to the regulator within the jurisdiction's deadline (Florida: 15
days) are highlighted until their report date is entered: amber while in time, red when late.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.adverse_events import SEVERITIES, AdverseEventFilter
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.services.policy import Permission
from dnclinic.ui.widgets.form_bits import message_label, show_message

if TYPE_CHECKING:
    from dnclinic.services.adverse_events import AdverseEventRow, AdverseEventService
    from dnclinic.services.clinic import PractitionerRow
    from dnclinic.services.context import Actor

HEADERS = ("Session", "Patient", "Practitioner", "Event", "Severity", "Onset", "Report due",
           "Reported")  # fmt: skip
DUE = QColor("#fff0c2")
LATE = QColor("#f9d3cf")


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


class AdverseEventRegisterDialog(QDialog):
    """The register, with its filters and the report-date entry."""

    report_saved = Signal(object)  # Saved[AdverseEventRow]

    def __init__(
        self,
        events: AdverseEventService,
        practitioners: list[PractitionerRow],
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._events = events
        self.rows: list[AdverseEventRow] = []
        self.setObjectName("adverseEventRegisterDialog")
        self.setWindowTitle("Adverse-event register")
        self.resize(1100, 620)
        self.practitioner = QComboBox(self)
        self.practitioner.addItem("All practitioners", None)
        for p in practitioners:
            self.practitioner.addItem(p.display_name, p.id)
        self.severity = QComboBox(self)
        self.severity.addItem("All severities", None)
        for sev in SEVERITIES:
            self.severity.addItem(sev.capitalize(), sev)
        self.since = QLineEdit(self)
        self.until = QLineEdit(self)
        for edit, hint in ((self.since, "from YYYY-MM-DD"), (self.until, "to YYYY-MM-DD")):
            edit.setPlaceholderText(hint)
            edit.setMaximumWidth(160)
        self.waiting = QCheckBox("Needing a report only", self)
        filters = QHBoxLayout()
        for widget in (self.practitioner, self.severity, self.since, self.until, self.waiting):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("adverseEventTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reported_on = QLineEdit(self)
        self.reported_on.setPlaceholderText("YYYY-MM-DD")
        self.reported_on.setMaximumWidth(140)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText("Regulator's reference (optional)")
        self.record = QPushButton("&Record report date", self)
        self.message = message_label(self)
        entry = QHBoxLayout()
        entry.addWidget(QLabel("Reported to the regulator on", self))
        entry.addWidget(self.reported_on)
        entry.addWidget(self.reference, 1)
        entry.addWidget(self.record)
        can_report = actor.can(Permission.ADVERSE_EVENTS_REPORT)
        for w in (self.reported_on, self.reference, self.record):
            w.setVisible(can_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.practitioner.currentIndexChanged.connect(self.reload)
        self.severity.currentIndexChanged.connect(self.reload)
        self.since.editingFinished.connect(self.reload)
        self.until.editingFinished.connect(self.reload)
        self.waiting.toggled.connect(self.reload)
        self.record.clicked.connect(self.record_report)
        self.reload()

    def current_filter(self) -> AdverseEventFilter:
        """Return the filters as chosen."""
        return AdverseEventFilter(
            practitioner_id=self.practitioner.currentData(),
            severity=self.severity.currentData(),
            since=_date(self.since.text()),
            until=_date(self.until.text()),
            needing_report_only=self.waiting.isChecked(),
        )

    def reload(self) -> None:
        """List the events that match the filters."""
        self.rows = self._events.register(self.current_filter())
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            d = r.deadline
            due = f"{d.due_on}" if d.due_on else "no deadline on file"
            if d.needs_report:
                due += " (LATE)" if d.overdue else ""
            cells = (
                f"{r.session_on}", r.patient_mrn, r.practitioner_name, r.event_label,
                r.severity, r.onset.replace("_", " "), due,
                f"{d.reported_on}" if d.reported_on else ("—" if d.due_on else ""),
            )  # fmt: skip
            colour = (LATE if d.overdue else DUE) if d.needs_report else None
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "needs a report")
                self.table.setItem(i, j, item)
        waiting = sum(1 for r in self.rows if r.deadline.needs_report)
        late = sum(1 for r in self.rows if r.deadline.overdue)
        self.summary.setText(
            f"{len(self.rows)} adverse events; {waiting} need a report to the regulator"
            + (f", {late} of them late." if late else ".")
        )

    def highlighted_rows(self) -> list[int]:
        """Return the table rows highlighted as needing a report."""
        return [i for i, r in enumerate(self.rows) if r.deadline.needs_report]

    def record_report(self) -> bool:
        """Record the report date for the selected event."""
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            show_message(self.message, "Select an event first.")
            return False
        row = self.rows[selected[0].row()]
        when = _date(self.reported_on.text())
        if when is None:
            show_message(self.message, "Enter the date it was reported, as YYYY-MM-DD.")
            return False
        try:
            saved = self._events.record_report(
                row.session_id, row.position, when, self.reference.text()
            )
        except ValidationFailed as exc:
            show_message(self.message, " ".join(i.message for i in exc.issues))
            return False
        except ServiceError as exc:
            show_message(self.message, str(exc))
            return False
        show_message(self.message, f"Report date {when} recorded.", "ok")
        self.report_saved.emit(saved)
        self.reload()
        return True
