"""Withdraw a record created by mistake: it is kept, marked, and a reason is required.

One dialog for patients and for clinical records (exams, session notes, outcome scores): it asks
for the reason and calls the service's ``mark_entered_in_error``; a missing reason is shown next
to the field and what was typed stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    from collections.abc import Callable

    from dnclinic.services.changes import Saved
    from dnclinic.services.patients import PatientRecord, PatientService

KEPT = (
    "Nothing is deleted: the record and everything in it stay in the database and the audit "
    "trail, with your reason."
)


class EnteredInErrorDialog(QDialog):
    """Ask for the reason, then mark the record entered in error (``withdraw(reason)``)."""

    saved = Signal(object)  # the service's Saved result

    def __init__(
        self,
        title: str,
        explanation: str,
        withdraw: Callable[[str], Saved[Any]],
        parent: QWidget | None = None,
        *,
        example: str = "",
    ) -> None:
        super().__init__(parent)
        self._withdraw = withdraw
        self.setObjectName("enteredInErrorDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        explain = QLabel(f"{explanation} {KEPT}", self)
        explain.setWordWrap(True)
        self.form = ValidatedForm(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(example)
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
            saved = self._withdraw(self.reason.toPlainText())
        except ValidationFailed as exc:
            self.form.show_issues(exc.issues)
            return
        except ServiceError as exc:
            self.banner.setText(str(exc))
            self.banner.setVisible(True)
            return
        self.saved.emit(saved)
        self.accept()


def patient_withdrawal(
    patients: PatientService, record: PatientRecord, parent: QWidget | None = None
) -> EnteredInErrorDialog:
    """The dialog that withdraws a patient record (a duplicate, a test registration)."""
    return EnteredInErrorDialog(
        "Mark record entered in error",
        f"<b>{record.display_name}</b> ({record.details.mrn}) will disappear from the patient "
        "list.",
        lambda reason: patients.mark_entered_in_error(record.id, record.version_id, reason),
        parent,
        example="e.g. Duplicate of DN-000231, created at the front desk",
    )
