"""The audit log for administrators: filter, verify the chain, export to CSV or PDF."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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

from dnclinic.clinical.demographics import parse_date
from dnclinic.services.audit import AuditAction, AuditFilter, AuditService
from dnclinic.ui.theme import set_state

COLUMNS = ("Time (UTC)", "User", "Action", "Record", "Patient id", "Details")
ACTIONS = sorted(v for k, v in vars(AuditAction).items() if k.isupper())


def readable(details: str) -> str:
    """Show stored JSON details as "key: value" pairs."""
    try:
        data = json.loads(details)
    except ValueError:
        return details
    if not isinstance(data, dict):
        return details
    return ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in data.items())


class AuditLogDialog(QDialog):
    """Filters on top, entries in the middle, verification and exports below."""

    exported = Signal(object)

    def __init__(
        self, audit: AuditService, parent: QWidget | None = None, *, clinic_name: str = ""
    ) -> None:
        super().__init__(parent)
        self._audit = audit
        self._clinic = clinic_name or "dnclinic"
        self.setObjectName("auditLogDialog")
        self.setWindowTitle("Audit log")
        self.resize(1000, 620)
        self.since = QLineEdit(self)
        self.since.setPlaceholderText("YYYY-MM-DD")
        self.until = QLineEdit(self)
        self.until.setPlaceholderText("YYYY-MM-DD")
        self.user = QLineEdit(self)
        self.user.setPlaceholderText("username")
        self.patient = QLineEdit(self)
        self.patient.setPlaceholderText("record no.")
        self.action = QComboBox(self)
        self.action.addItem("Any action", None)
        for action in ACTIONS:
            self.action.addItem(action.replace("_", " "), action)
        self.apply = QPushButton("Apply filters", self)
        filters = QFormLayout()
        row = QHBoxLayout()
        for label, widget in (("From", self.since), ("to", self.until), ("User", self.user),
                              ("Patient", self.patient), ("Action", self.action)):  # fmt: skip
            row.addWidget(QLabel(label, self))
            row.addWidget(widget)
        row.addWidget(self.apply)
        filters.addRow(row)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setObjectName("formBanner")
        self.status.setWordWrap(True)
        self.verify_button = QPushButton("Verify chain", self)
        self.csv_button = QPushButton("Export CSV…", self)
        self.pdf_button = QPushButton("Export PDF…", self)
        actions = QHBoxLayout()
        actions.addWidget(self.verify_button)
        actions.addStretch(1)
        actions.addWidget(self.csv_button)
        actions.addWidget(self.pdf_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(close)
        close.rejected.connect(self.reject)
        self.apply.clicked.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.csv_button.clicked.connect(self._on_csv_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.reload()
        self.verify()

    def current_filter(self) -> AuditFilter:
        """Return the filters as typed (an unreadable date is ignored and marked)."""

        def day(edit: QLineEdit, extra: int) -> datetime | None:
            parsed = parse_date(edit.text()) if edit.text().strip() else None
            set_state(edit, "invalid", bool(edit.text().strip()) and parsed is None)
            if parsed is None:
                return None
            return datetime.combine(parsed + timedelta(days=extra), time(), tzinfo=UTC)

        action = self.action.currentData()
        return AuditFilter(
            since=day(self.since, 0),
            until=day(self.until, 1),
            username=self.user.text().strip() or None,
            patient_mrn=self.patient.text().strip() or None,
            action=str(action) if action else None,
        )

    def reload(self) -> None:
        """List the entries that match the filters."""
        rows = self._audit.entries(self.current_filter())
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            values = (f"{e.at:%Y-%m-%d %H:%M:%S}", e.username, e.action.replace("_", " "),
                      f"{e.entity} {e.entity_id or ''}".strip(), str(e.patient_id or ""),
                      readable(e.details))  # fmt: skip
            for c, text in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def verify(self) -> bool:
        """Check the hash chain and say the result."""
        report = self._audit.verify()
        if report.ok:
            self.status.setText(f"The audit log is intact: {report.rows} entries, chain verified.")
        else:
            self.status.setText(
                f"WARNING: the audit log failed verification: {report.problem}"
                + (f" (entry {report.first_bad_id})." if report.first_bad_id else ".")
            )
        set_state(self.status, "ok", report.ok)
        return report.ok

    def export_csv_to(self, path: Path) -> None:
        """Write the filtered entries as CSV."""
        path.write_text(self._audit.export_csv(self.current_filter()), encoding="utf-8")
        self.exported.emit(path)

    def export_pdf_to(self, path: Path) -> None:
        """Write the filtered entries and the verification as PDF."""
        path.write_bytes(self._audit.export_pdf(self.current_filter(), self._clinic))
        self.exported.emit(path)

    def _on_csv_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit log", "audit-log.csv", "CSV (*.csv)"
        )
        if name:
            self.export_csv_to(Path(name))

    def _on_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export audit log", "audit-log.pdf", "PDF (*.pdf)"
        )
        if name:
            self.export_pdf_to(Path(name))
