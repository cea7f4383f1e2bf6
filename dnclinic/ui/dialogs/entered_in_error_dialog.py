"""Withdraw a record created by mistake: it is kept, marked, and a reason is required."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.widgets.validated_form import ValidatedForm

if TYPE_CHECKING:
    from dnclinic.services.patients import PatientRecord, PatientService


class EnteredInErrorDialog(QDialog):
    """Ask for the reason, then mark the patient record entered in error."""

    patient_saved = Signal(object)

    def __init__(
        self, patients: PatientService, record: PatientRecord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._patients = patients
        self._record = record
        self.setObjectName("enteredInErrorDialog")
        self.setWindowTitle("Mark record entered in error")
        self.setMinimumWidth(480)
        explain = QLabel(
            f"<b>{record.display_name}</b> ({record.details.mrn}) will disappear from the patient "
            "list. Nothing is deleted: the record and everything in it stay in the database and "
            "the audit trail, with your reason.",
            self,
        )
        explain.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("e.g. Duplicate of DN-000231, created at the front desk")
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 16)
        self.form.add_row("reason", "Reason", self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Mark entered in error")
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.banner)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _on_buttons_accepted(self) -> None:
        try:
            saved = self._patients.mark_entered_in_error(
                self._record.id, self._record.version_id, self.reason.toPlainText()
            )
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.patient_saved.emit(saved)
        self.accept()
