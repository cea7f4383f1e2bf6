"""Create or edit a patient. Problems are shown next to their fields; nothing typed is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from dnclinic.clinical.demographics import PatientDetails, parse_date
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.services.errors import ServiceError, ValidationFailed
from dnclinic.ui.views.patient_form_view import PatientFormView

if TYPE_CHECKING:
    from dnclinic.services.changes import Saved
    from dnclinic.services.patients import PatientRecord, PatientService


class PatientDialog(QDialog):
    """The patient form as a dialog; emits ``patient_saved`` after a successful save."""

    patient_saved = Signal(object)  # Saved[PatientRecord]

    def __init__(
        self,
        patients: PatientService,
        record: PatientRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._patients = patients
        self._record = record
        self._tried = False
        self.setObjectName("patientDialog")
        self.setWindowTitle("Edit patient" if record else "New patient")
        self.setMinimumWidth(640)
        self.view = PatientFormView(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._fill(record)
        for edit in (
            self.view.mrn,
            self.view.given_name,
            self.view.family_name,
            self.view.date_of_birth,
            self.view.phone,
            self.view.email,
            self.view.emergency_contact_phone,
        ):
            edit.textEdited.connect(self._on_field_edited)
        first = self.view.given_name if record is None else self.view.family_name
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- form <-> details ----------------------------------------------------------------------
    def _fill(self, record: PatientRecord | None) -> None:
        v = self.view
        if record is None:
            v.mrn.setText(self._patients.suggest_mrn())
            v.sex.setCurrentIndex(v.sex.findData("unknown"))
            return
        d = record.details
        v.mrn.setText(d.mrn)
        v.given_name.setText(d.given_name)
        v.family_name.setText(d.family_name)
        v.date_of_birth.setText(d.date_of_birth.isoformat() if d.date_of_birth else "")
        v.sex.setCurrentIndex(max(0, v.sex.findData(d.sex)))
        v.phone.setText(d.phone)
        v.email.setText(d.email)
        v.address.setPlainText(d.address)
        v.emergency_contact_name.setText(d.emergency_contact_name)
        v.emergency_contact_phone.setText(d.emergency_contact_phone)
        v.notes.setPlainText(d.notes)

    def details(self) -> PatientDetails:
        """Return what is in the form now."""
        v = self.view
        return PatientDetails(
            mrn=v.mrn.text(),
            given_name=v.given_name.text(),
            family_name=v.family_name.text(),
            date_of_birth=parse_date(v.date_of_birth.text()),
            sex=str(v.sex.currentData()),
            phone=v.phone.text(),
            email=v.email.text(),
            address=v.address.toPlainText(),
            emergency_contact_name=v.emergency_contact_name.text(),
            emergency_contact_phone=v.emergency_contact_phone.text(),
            notes=v.notes.toPlainText(),
        )

    def _issues(self) -> list[Issue]:
        issues = self._patients.validate(
            self.details(), patient_id=self._record.id if self._record else None
        )
        typed = self.view.date_of_birth.text().strip()
        if typed and parse_date(typed) is None:
            issues = [i for i in issues if i.field != "date_of_birth"]
            issues.append(
                Issue(
                    "date_of_birth",
                    f"“{typed}” is not a date. Use YYYY-MM-DD, for example 1980-05-21.",
                    Severity.ERROR,
                )
            )
        return issues

    def _show(self, issues: list[Issue]) -> None:
        unplaced = self.view.form.show_issues(issues)
        self._set_banner(" ".join(i.message for i in unplaced))

    def _set_banner(self, text: str) -> None:
        self.view.banner.setText(text)
        self.view.banner.setVisible(bool(text))

    # --- slots ---------------------------------------------------------------------------------
    def _on_field_edited(self, _text: str) -> None:
        if self._tried:  # once a save was refused, messages follow the corrections live
            self._show(self._issues())

    def _on_buttons_accepted(self) -> None:
        self._tried = True
        issues = self._issues()
        if any(i.severity is Severity.ERROR for i in issues):
            self._show(issues)
            return
        try:
            if self._record is None:
                saved: Saved[PatientRecord] = self._patients.create(self.details())
            else:
                saved = self._patients.update(
                    self._record.id, self._record.version_id, self.details()
                )
        except ValidationFailed as exc:
            self._show(list(exc.issues))
            return
        except ServiceError as exc:
            self._set_banner(str(exc))
            return
        self._record = saved.value
        self.patient_saved.emit(saved)
        self.accept()
