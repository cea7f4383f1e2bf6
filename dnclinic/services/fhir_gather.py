"""Reading what a FHIR export holds, inside one read session, into :mod:`dnclinic.fhir.records`.

Helpers of :mod:`dnclinic.services.fhir_export`. Each table is queried once for the whole scope
(one patient, or ``None`` for the clinic), never once per patient.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from dnclinic.clinical.vocab import label
from dnclinic.fhir.records import (
    ClinicInfo,
    ConsentInfo,
    DocumentInfo,
    OutcomeInfo,
    PatientInfo,
    PractitionerInfo,
    QualificationInfo,
)
from dnclinic.model.entities import (
    Clinic,
    OutcomeScore,
    Patient,
    PatientDocument,
    Practitioner,
    Screening,
    User,
)
from dnclinic.services.documents import KIND_LABELS
from dnclinic.services.training_store import entry_rows, jurisdiction_of

if TYPE_CHECKING:
    from collections.abc import Collection

    from sqlalchemy.orm import Session
    from sqlalchemy.sql import Select

    from dnclinic.services.training_store import TrainingEntryRow


def scoped(stmt: Select[Any], column: Any, patient_id: int | None) -> Select[Any]:
    """Return ``stmt`` limited to one patient (``None``: the whole clinic)."""
    return stmt if patient_id is None else stmt.where(column == patient_id)


def clinic_info(s: Session) -> ClinicInfo:
    """Return the clinic; its id key is the creation time of the clinic's first account.

    That account is made with the clinic and never deleted, so the key (and every resource id
    derived from it) stays the same for the life of the clinic, across renames and servers.
    """
    first = s.scalar(select(User.created_at).order_by(User.id).limit(1))
    key = first.isoformat() if first is not None else "no-accounts"
    c = s.scalar(select(Clinic).order_by(Clinic.id).limit(1))
    if c is None:
        return ClinicInfo(key, "", "", "", "other")
    return ClinicInfo(key, c.name, c.address, c.phone, c.jurisdiction)


def patients(s: Session, patient_id: int | None) -> tuple[PatientInfo, ...]:
    """Return the patients in scope (entered-in-error ones included), by id."""
    stmt = scoped(select(Patient), Patient.id, patient_id).order_by(Patient.id)
    return tuple(
        PatientInfo(
            p.id, p.mrn, p.given_name, p.family_name, p.date_of_birth, p.sex, p.phone, p.email,
            p.address, p.emergency_contact_name, p.emergency_contact_phone, p.status,
            p.entered_in_error_reason,
        )
        for p in s.scalars(stmt)
    )  # fmt: skip


def consents(s: Session, patient_id: int | None) -> tuple[ConsentInfo, ...]:
    """Return the consents recorded with screenings; the newest valid screening's is current."""
    stmt = scoped(select(Screening), Screening.patient_id, patient_id).order_by(
        Screening.patient_id, Screening.screened_on, Screening.id
    )
    rows = list(s.scalars(stmt))
    newest = {r.patient_id: r.id for r in rows if r.status == "valid"}  # ordered: last wins
    return tuple(
        ConsentInfo(
            r.id, r.patient_id, r.consent_type, r.consent_date, r.screened_on,
            r.consent_recorded_by_id, r.status, r.entered_in_error_reason,
            current=newest.get(r.patient_id) == r.id,
        )
        for r in rows
        if r.consent_type != "none"
    )  # fmt: skip


def outcomes(s: Session, patient_id: int | None) -> tuple[OutcomeInfo, ...]:
    """Return every outcome score in scope (entered-in-error ones included)."""
    stmt = scoped(select(OutcomeScore), OutcomeScore.patient_id, patient_id).order_by(
        OutcomeScore.patient_id, OutcomeScore.scored_on, OutcomeScore.id
    )
    return tuple(
        OutcomeInfo(
            o.id, o.patient_id, o.instrument, o.scored_on, tuple(o.answers), o.value, o.band,
            o.status, o.entered_in_error_reason,
        )
        for o in s.scalars(stmt)
    )  # fmt: skip


def documents(s: Session, patient_id: int | None) -> tuple[DocumentInfo, ...]:
    """Return the archived PDFs in scope, with the SHA-1 FHIR wants (computed from the bytes)."""
    stmt = scoped(select(PatientDocument), PatientDocument.patient_id, patient_id).order_by(
        PatientDocument.id
    )
    out = []
    for d in s.scalars(stmt.execution_options(yield_per=20)):  # PDFs: a few at a time
        session_id = d.source_id if d.kind == "session_note" else None
        out.append(
            DocumentInfo(
                d.id, d.patient_id, d.kind, KIND_LABELS.get(d.kind, label(d.kind)), d.title,
                d.printed_at, d.author_name or d.author, d.size,
                hashlib.sha1(d.pdf, usedforsecurity=False).hexdigest(), d.sha256, session_id,
            )
        )  # fmt: skip
    return tuple(out)


def _qualification(row: TrainingEntryRow) -> QualificationInfo:
    c, cert = row.course, row.certificate
    return QualificationInfo(
        row.id, c.course_title, c.provider, c.approving_body, c.started_on, c.ended_on,
        c.in_person_hours, c.online_hours, c.theory_hours, c.hands_on_hours,
        c.supervised_sessions, cert.filename if cert else None, cert.sha256 if cert else None,
        row.verified_by, row.verified_at,
    )  # fmt: skip


def practitioners(s: Session, only: Collection[int] | None) -> tuple[PractitionerInfo, ...]:
    """Return practitioners (all, or ``only`` these ids) with their current training courses."""
    stmt = select(Practitioner).order_by(Practitioner.id)
    if only is not None:
        stmt = stmt.where(Practitioner.id.in_(sorted(only)))
    return tuple(
        PractitionerInfo(
            p.id, p.given_name, p.family_name, p.licence_number, p.active,
            jurisdiction_of(s, p), p.needling_since,
            tuple(_qualification(r) for r in entry_rows(s, p.id) if r.current),
        )
        for p in s.scalars(stmt)
    )  # fmt: skip
