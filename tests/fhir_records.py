"""Hand-made FHIR export records: one patient with every kind of record, in every state."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from dnclinic.fhir.records import (
    AdverseEventInfo,
    ClinicInfo,
    ConsentInfo,
    DocumentInfo,
    ExportData,
    OutcomeInfo,
    PatientInfo,
    PractitionerInfo,
    QualificationInfo,
    SessionInfo,
    StimulationInfo,
    TargetInfo,
)

AT = datetime(2026, 11, 2, 14, 30, tzinfo=UTC)
PDF = b"%PDF-1.4 a session note"

QUALIFICATION = QualificationInfo(
    7, "Dry Needling Course 1", "Double E Education", "APTA Florida", date(2025, 3, 1),
    date(2025, 3, 3), Decimal(28), Decimal(0), Decimal(14), Decimal(14), 25, "cert.pdf",
    "ab" * 32, "Bea Boss", AT,
)  # fmt: skip
MARIA = PractitionerInfo(3, "Maria", "Alvarez", "PT-FL-1", True, "FL", date(2020, 1, 1),
                         (QUALIFICATION,))  # fmt: skip
PATIENT = PatientInfo(
    11, "T-000011", "Ana", "Lopez", date(1980, 5, 21), "female", "(305) 555-0100",
    "ana@example.com", "1 Main St", "Luis Lopez", "(305) 555-0101", "active", "",
)  # fmt: skip
TARGETS = (
    TargetInfo(101, "lumbar_multifidus", "Lumbar multifidus", "left", "L5", "segmental", 2,
               0.25, 40.0, None, "pistoning", 0, False, None),
    TargetInfo(102, "gluteus_medius", "Gluteus medius", "right", None, "peripheral", 1, 0.3,
               50.0, 35.0, "static", 3, True, 10.0),
)  # fmt: skip
STIM = StimulationInfo(4.0, 250.0, 2.5, "biphasic", 20.0, ("Lumbar (left) to Gluteal (left)",),
                       ("warning: check the lead placement",))  # fmt: skip
EVENT = AdverseEventInfo(55, "bruising", "Bruising", "mild", "Immediately after", "Pressure.",
                         date(2026, 11, 5))  # fmt: skip


def session(sid: int, status: str = "signed", **overrides: Any) -> SessionInfo:
    """A session of PATIENT by MARIA: two muscles, 4 Hz stimulation, one adverse event."""
    signed = status == "signed"
    targets = tuple(replace(t, id=t.id + 10 * sid) for t in TARGETS)  # row ids are unique
    values: dict[str, Any] = {
        "id": sid, "patient_id": PATIENT.id, "practitioner_id": MARIA.id, "session_at": AT,
        "status": status,
        "entered_in_error_reason": "wrong patient" if status == "entered_in_error" else "",
        "consent_confirmed": True, "pain_before": 6, "pain_after": 3, "billing_code": "20560",
        "signed_at": AT if signed else None, "signed_by": "maria" if signed else None,
        "digest": "cd" * 32 if signed else None, "reason_text": "Low back pain, Lumbar",
        "targets": targets, "stimulation": (STIM,),
        "adverse_events": (replace(EVENT, id=EVENT.id + sid),),
    }  # fmt: skip
    values.update(overrides)
    return SessionInfo(**values)


def outcome(oid: int, instrument: str, answers: tuple[float | None, ...], value: float | None,
            status: str = "valid") -> OutcomeInfo:  # fmt: skip
    """A score of PATIENT."""
    reason = "typed into the wrong chart" if status == "entered_in_error" else ""
    return OutcomeInfo(oid, PATIENT.id, instrument, date(2026, 11, 2), answers, value, None,
                       status, reason)  # fmt: skip


def document() -> DocumentInfo:
    """An archived session note of session 201."""
    return DocumentInfo(
        9, PATIENT.id, "session_note", "Session note", "Session note 2026-11-02", AT,
        "Maria Alvarez", len(PDF), hashlib.sha1(PDF).hexdigest(),
        hashlib.sha256(PDF).hexdigest(), 201,
    )  # fmt: skip


def consent(screening_id: int, *, current: bool, status: str = "valid") -> ConsentInfo:
    """Written consent recorded by MARIA with a screening."""
    reason = "duplicate" if status != "valid" else ""
    on = date(2026, 10, 1)
    return ConsentInfo(
        screening_id, PATIENT.id, "written", on, on, MARIA.id, status, reason, current
    )


ODI_ANSWERS = (2.0, 1.0, 3.0, 2.0, None, 1.0, 2.0, 0.0, 1.0, 2.0)


def rich_export(**overrides: Any) -> ExportData:
    """One patient with signed, draft and erroneous records of every kind."""
    values: dict[str, Any] = {
        "clinic": ClinicInfo("2026-01-01T00:00:00+00:00", "Harbourside Physio", "1 Quay",
                             "(305) 555-0199", "FL"),
        "scope": "patient", "generated_at": AT, "practitioners": (MARIA,), "patients": (PATIENT,),
        "consents": (consent(1, current=False), consent(2, current=True),
                     consent(3, current=False, status="entered_in_error")),
        "sessions": (session(201), session(202, "draft"), session(203, "entered_in_error")),
        "outcomes": (
            outcome(301, "NPRS", (7.0,), 7.0),
            outcome(302, "ODI", ODI_ANSWERS, 31.1),
            outcome(303, "NDI", (1.0,) * 10, 20.0),
            outcome(304, "VAS", (42.5,), 42.5),
            outcome(305, "NPRS", (9.0,), 9.0, status="entered_in_error"),
        ),
        "documents": (document(),),
    }  # fmt: skip
    values.update(overrides)
    return ExportData(**values)


def with_patient(data: ExportData, **fields: Any) -> ExportData:
    """``data`` with the patient's demographics changed."""
    return replace(data, patients=(replace(data.patients[0], **fields),))
