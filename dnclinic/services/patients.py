"""Patient records: search, create, edit, and mark entered in error (never delete)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from dnclinic.clinical.demographics import PatientDetails, age_in_years, validate_patient
from dnclinic.clinical.validation import Issue, Severity
from dnclinic.model.entities import Patient
from dnclinic.model.search import fold
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.changes import ChangeSet, Saved
from dnclinic.services.errors import ConcurrentEditError, NotFoundError, ValidationFailed
from dnclinic.services.patient_search import PatientSearchService
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """A patient's full demographic record, as the edit dialog and the chart header need it."""

    id: int
    version_id: int
    details: PatientDetails
    status: str
    entered_in_error_reason: str

    @property
    def display_name(self) -> str:
        """Return "FAMILY, Given"."""
        return f"{self.details.family_name}, {self.details.given_name}"

    def age(self, today: date) -> int | None:
        """Return the age in years on ``today``."""
        dob = self.details.date_of_birth
        return None if dob is None else age_in_years(dob, today)


def _record(p: Patient) -> PatientRecord:
    details = PatientDetails(
        mrn=p.mrn,
        given_name=p.given_name,
        family_name=p.family_name,
        date_of_birth=p.date_of_birth,
        sex=p.sex,
        phone=p.phone,
        email=p.email,
        address=p.address,
        emergency_contact_name=p.emergency_contact_name,
        emergency_contact_phone=p.emergency_contact_phone,
        notes=p.notes,
    )
    return PatientRecord(p.id, p.version_id, details, p.status, p.entered_in_error_reason)


def _apply(p: Patient, d: PatientDetails) -> None:
    p.mrn = d.mrn
    p.given_name = d.given_name
    p.family_name = d.family_name
    assert d.date_of_birth is not None
    p.date_of_birth = d.date_of_birth
    p.sex = d.sex
    p.phone = d.phone
    p.email = d.email
    p.address = d.address
    p.emergency_contact_name = d.emergency_contact_name
    p.emergency_contact_phone = d.emergency_contact_phone
    p.notes = d.notes
    p.search_family = fold(d.family_name)
    p.search_given = fold(d.given_name)


class PatientService(PatientSearchService):
    """Use cases for patient records (the list's queries are inherited)."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        super().__init__(db, ctx)
        self._audit = audit

    # --- queries ---------------------------------------------------------------------------
    def get(self, patient_id: int) -> PatientRecord:
        """Return one patient's record.

        Raises:
            NotFoundError: no such patient.
            PermissionDenied: the user may not see patients.
        """
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.read() as s:
            return _record(self._load(s, patient_id))

    def find_by_mrn(self, mrn: str) -> PatientRecord | None:
        """Return the patient with this record number, if any."""
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.read() as s:
            p = s.scalar(select(Patient).where(Patient.mrn == mrn.strip().upper()))
            return None if p is None else _record(p)

    def suggest_mrn(self) -> str:
        """Suggest the next free record number in the clinic's ``DN-000001`` series."""
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.read() as s:
            count = s.scalar(select(func.count(Patient.id))) or 0
            n = int(count) + 1
            while s.scalar(select(Patient.id).where(Patient.mrn == f"DN-{n:06d}")) is not None:
                n += 1
            return f"DN-{n:06d}"

    def validate(self, details: PatientDetails, *, patient_id: int | None = None) -> list[Issue]:
        """Check ``details`` as the save would, including record-number uniqueness."""
        self._ctx.require(Permission.PATIENT_WRITE)
        issues = validate_patient(details, self._ctx.today())
        mrn = details.normalised().mrn
        if mrn and not any(i.field == "mrn" for i in issues):
            with self._db.read() as s:
                owner = s.scalar(select(Patient.id).where(Patient.mrn == mrn))
            if owner is not None and owner != patient_id:
                issues.append(
                    Issue("mrn", f"Record number {mrn} belongs to another patient.", Severity.ERROR)
                )
        return issues

    # --- commands --------------------------------------------------------------------------
    def create(self, details: PatientDetails) -> Saved[PatientRecord]:
        """Register a new patient.

        Raises:
            ValidationFailed: a field is missing or implausible; nothing was written.
            PermissionDenied: the user may not register patients.
        """
        self._ctx.require(Permission.PATIENT_WRITE)
        d = details.normalised()
        self._check(d, None)
        with self._db.write() as s:
            p = Patient(status="active", entered_in_error_reason="")
            _apply(p, d)
            self._ctx.stamp(p, created=True)
            s.add(p)
            s.flush()
            self._audit.record(
                s, AuditAction.CREATE, entity="patient", entity_id=p.id, patient_id=p.id
            )
            record = _record(p)
        return Saved(record, ChangeSet(patients=frozenset({record.id})))

    def update(
        self, patient_id: int, version_id: int, details: PatientDetails
    ) -> Saved[PatientRecord]:
        """Save edited details of a patient opened at ``version_id``.

        Raises:
            ValidationFailed: a field is missing or implausible; nothing was written.
            ConcurrentEditError: the record changed since it was opened; nothing was written.
        """
        d = details.normalised()
        self._check(d, patient_id)
        return self._mutate(patient_id, version_id, lambda p: _apply(p, d), AuditAction.UPDATE, {})

    def mark_entered_in_error(
        self, patient_id: int, version_id: int, reason: str
    ) -> Saved[PatientRecord]:
        """Withdraw a patient record created by mistake; it stays in the database and the audit.

        Raises:
            ValidationFailed: no reason was given.
            ConcurrentEditError: the record changed since it was opened.
        """
        reason = reason.strip()
        if not reason:
            raise ValidationFailed(
                [Issue("reason", "Say why this record was entered in error.", Severity.ERROR)]
            )

        def change(p: Patient) -> None:
            p.status = "entered_in_error"
            p.entered_in_error_reason = reason

        return self._mutate(
            patient_id, version_id, change, AuditAction.ENTERED_IN_ERROR, {"reason": reason}
        )

    # --- helpers ---------------------------------------------------------------------------
    def _check(self, details: PatientDetails, patient_id: int | None) -> None:
        issues = self.validate(details, patient_id=patient_id)
        if any(i.severity is Severity.ERROR for i in issues):
            raise ValidationFailed(issues)

    def _mutate(
        self,
        patient_id: int,
        version_id: int,
        change: Callable[[Patient], None],
        action: str,
        details: dict[str, str],
    ) -> Saved[PatientRecord]:
        self._ctx.require(Permission.PATIENT_WRITE)
        try:
            with self._db.write() as s:
                p = self._load(s, patient_id)
                if p.version_id != version_id:
                    raise ConcurrentEditError("patient record")
                change(p)
                self._ctx.stamp(p, created=False)
                s.flush()
                self._audit.record(
                    s, action, entity="patient", entity_id=p.id, patient_id=p.id, details=details
                )
                record = _record(p)
        except StaleDataError as exc:
            raise ConcurrentEditError("patient record") from exc
        return Saved(record, ChangeSet(patients=frozenset({patient_id})))

    @staticmethod
    def _load(s: Session, patient_id: int) -> Patient:
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFoundError(f"Patient {patient_id} does not exist.")
        return p
