"""What the FHIR mapping reads: frozen records, assembled by the export service.

Every record is a plain value (no ORM instance, no session), so the mapping is a pure function
that tests can feed directly. Labels are resolved by the service (muscle names, vocabularies).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime
    from decimal import Decimal


@dataclass(frozen=True, slots=True)
class ClinicInfo:
    """The clinic: ``key`` seeds the resource ids (stable for the life of the clinic)."""

    key: str
    name: str
    address: str
    phone: str
    jurisdiction: str


@dataclass(frozen=True, slots=True)
class QualificationInfo:
    """One current dry-needling course of a practitioner's training ledger (hours in h)."""

    entry_id: int
    course_title: str
    provider: str
    approving_body: str
    started_on: date | None
    ended_on: date | None
    in_person_hours: Decimal
    online_hours: Decimal
    theory_hours: Decimal
    hands_on_hours: Decimal
    supervised_sessions: int
    certificate_filename: str | None
    certificate_sha256: str | None
    verified_by: str | None
    verified_at: datetime | None


@dataclass(frozen=True, slots=True)
class PractitionerInfo:
    """A practitioner, where they are licensed (their own or the clinic's), and their courses."""

    id: int
    given_name: str
    family_name: str
    licence_number: str
    active: bool
    jurisdiction: str
    needling_since: date | None
    qualifications: tuple[QualificationInfo, ...]


@dataclass(frozen=True, slots=True)
class PatientInfo:
    """A patient's demographics (``status`` is "active" or "entered_in_error")."""

    id: int
    mrn: str
    given_name: str
    family_name: str
    date_of_birth: date
    sex: str
    phone: str
    email: str
    address: str
    emergency_contact_name: str
    emergency_contact_phone: str
    status: str
    entered_in_error_reason: str


@dataclass(frozen=True, slots=True)
class ConsentInfo:
    """Consent to dry needling as recorded with one screening (written or verbal)."""

    screening_id: int
    patient_id: int
    consent_type: str
    consent_date: date | None
    screened_on: date
    recorded_by_id: int | None
    status: str  # "valid" or "entered_in_error"
    entered_in_error_reason: str
    current: bool  # from the patient's newest valid screening


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """One needled muscle of a session (mm, min)."""

    id: int
    muscle: str
    muscle_label: str
    side: str
    spinal_level: str | None
    approach: str
    needles: int
    gauge_mm: float | None
    length_mm: float | None
    depth_mm: float | None
    technique: str
    twitch_responses: int
    ultrasound_guided: bool
    retention_min: float | None


@dataclass(frozen=True, slots=True)
class StimulationInfo:
    """One electrical stimulation setting (Hz, µs, mA, min), its electrodes and stored warnings."""

    frequency_hz: float
    pulse_width_us: float
    intensity_ma: float
    waveform: str
    duration_min: float
    electrodes: tuple[str, ...]  # e.g. "Lumbar (left) to Gluteal (left)"
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdverseEventInfo:
    """An adverse event of a session (severity class of CLINICAL_REFERENCE 4.5)."""

    id: int
    event_type: str
    event_label: str
    severity: str
    onset: str
    action_taken: str
    reported_on: date | None


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A needling session note (current revision) with its targets, stimulation and events."""

    id: int
    patient_id: int
    practitioner_id: int
    session_at: datetime
    status: str  # "draft", "signed" or "entered_in_error"
    entered_in_error_reason: str
    consent_confirmed: bool
    pain_before: int | None
    pain_after: int | None
    billing_code: str | None
    signed_at: datetime | None
    signed_by: str | None
    digest: str | None
    reason_text: str  # the episode's diagnosis and region, "" without an episode
    targets: tuple[TargetInfo, ...]
    stimulation: tuple[StimulationInfo, ...]
    adverse_events: tuple[AdverseEventInfo, ...]


@dataclass(frozen=True, slots=True)
class OutcomeInfo:
    """A scored instrument with its item answers (None = unanswered)."""

    id: int
    patient_id: int
    instrument: str
    scored_on: date
    answers: tuple[float | None, ...]
    value: float | None
    band: str | None
    status: str  # "valid" or "entered_in_error"
    entered_in_error_reason: str


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """An archived PDF, described (its bytes stay in the clinic): SHA-1 and SHA-256 in hex."""

    id: int
    patient_id: int
    kind: str
    kind_label: str
    title: str
    printed_at: datetime
    author_name: str
    size: int
    sha1: str
    sha256: str
    session_id: int | None


@dataclass(frozen=True, slots=True)
class ExportData:
    """Everything one bundle holds: one patient's record or the whole clinic's."""

    clinic: ClinicInfo
    scope: str  # "patient" or "clinic"
    generated_at: datetime
    practitioners: tuple[PractitionerInfo, ...]
    patients: tuple[PatientInfo, ...]
    consents: tuple[ConsentInfo, ...]
    sessions: tuple[SessionInfo, ...]
    outcomes: tuple[OutcomeInfo, ...]
    documents: tuple[DocumentInfo, ...]
