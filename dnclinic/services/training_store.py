"""Reading the training ledger and the jurisdiction rules inside a unit of work.

Helpers of :mod:`dnclinic.services.training` and :mod:`dnclinic.services.training_dashboard`;
they take the caller's Session and return plain values and read models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic import paths
from dnclinic.clinical.training import (
    CourseDetails,
    LedgerLine,
    TrainingRule,
    current_lines,
    rules_from_data,
)
from dnclinic.model.entities import (
    Clinic,
    JurisdictionRule,
    Practitioner,
    TrainingCertificate,
    TrainingEntry,
    TrainingVerification,
)
from dnclinic.services.clinic import DEFAULT_TRAINING_THRESHOLD

if TYPE_CHECKING:
    from datetime import date, datetime

    from sqlalchemy.orm import Session

PRESETS_FILE = "jurisdiction_training.json"


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """A stored certificate, without its bytes."""

    id: int
    filename: str
    media_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class TrainingEntryRow:
    """One ledger entry with its certificate and verification."""

    id: int
    practitioner_id: int
    corrects_id: int | None
    course: CourseDetails
    certificate: CertificateInfo | None
    withdrawn: bool
    reason: str
    created_at: datetime
    created_by: str
    verified_by: str | None
    verified_at: datetime | None
    # The entry that replaced this one (None when this is the latest of its chain).
    superseded_by: int | None

    @property
    def current(self) -> bool:
        """Whether this entry counts (latest of its chain and not withdrawn)."""
        return self.superseded_by is None and not self.withdrawn

    @property
    def verified(self) -> bool:
        """Whether a manager has verified this entry."""
        return self.verified_by is not None


@dataclass(frozen=True, slots=True)
class LedgerEntryLine(LedgerLine):
    """A ledger line that also knows its certificate and verification (for the dashboard)."""

    has_certificate: bool = False
    verified: bool = False


@cache
def presets() -> dict[str, TrainingRule]:
    """Return the shipped jurisdiction presets (read once per process)."""
    path = paths.resource_path(PRESETS_FILE)
    return rules_from_data(json.loads(path.read_text(encoding="utf-8")))


def rule_from_row(row: JurisdictionRule) -> TrainingRule:
    """Return the clinic's stored rule as a value."""
    return TrainingRule(
        code=row.code,
        minimum_hours=row.minimum_hours,
        hours_status=row.hours_status,
        minimum_in_person_hours=row.minimum_in_person_hours,
        minimum_theory_hours=row.minimum_theory_hours,
        minimum_hands_on_hours=row.minimum_hands_on_hours,
        supervised_sessions=row.supervised_sessions,
        ae_report_days=row.ae_report_days,
        written_consent=row.written_consent,
        conditions=row.conditions,
        source=row.source,
    )


def load_rule(s: Session, code: str) -> TrainingRule:
    """Return the clinic's rule for ``code``: its own edit, else the preset, else no rule."""
    row = s.get(JurisdictionRule, code)
    if row is not None:
        return rule_from_row(row)
    return presets().get(code, TrainingRule(code))


def clinic_settings(s: Session) -> tuple[str, Decimal]:
    """Return the clinic's jurisdiction and wizard threshold (defaults before the setup)."""
    clinic = s.scalar(select(Clinic).order_by(Clinic.id).limit(1))
    if clinic is None:
        return "other", DEFAULT_TRAINING_THRESHOLD
    return clinic.jurisdiction, Decimal(clinic.training_threshold_hours)


def jurisdiction_of(s: Session, practitioner: Practitioner) -> str:
    """Return where a practitioner practises: their own jurisdiction, else the clinic's."""
    return practitioner.jurisdiction or clinic_settings(s)[0]


def ledger_lines(
    s: Session, practitioner_ids: list[int] | None = None
) -> dict[int, list[LedgerEntryLine]]:
    """Return every practitioner's ledger lines (all versions), by practitioner id."""
    stmt = select(TrainingEntry).order_by(TrainingEntry.id)
    if practitioner_ids is not None:
        stmt = stmt.where(TrainingEntry.practitioner_id.in_(practitioner_ids))
    verified = set(s.scalars(select(TrainingVerification.entry_id)))
    out: dict[int, list[LedgerEntryLine]] = {}
    for e in s.scalars(stmt):
        out.setdefault(e.practitioner_id, []).append(
            LedgerEntryLine(
                e.id, e.corrects_id, e.in_person_hours, e.online_hours, e.theory_hours,
                e.hands_on_hours, e.supervised_sessions, e.withdrawn,
                has_certificate=e.certificate_id is not None, verified=e.id in verified,
            )
        )  # fmt: skip
    return out


def entry_rows(s: Session, practitioner_id: int) -> list[TrainingEntryRow]:
    """Return a practitioner's ledger, oldest first, every version included."""
    entries = list(
        s.scalars(
            select(TrainingEntry)
            .where(TrainingEntry.practitioner_id == practitioner_id)
            .order_by(TrainingEntry.id)
        )
    )
    ids = [e.id for e in entries]
    checks: dict[int, TrainingVerification] = {}
    for v in s.scalars(
        select(TrainingVerification)
        .where(TrainingVerification.entry_id.in_(ids))
        .order_by(TrainingVerification.id)
    ):
        checks.setdefault(v.entry_id, v)  # the first verification stands
    cert_ids = {e.certificate_id for e in entries if e.certificate_id is not None}
    certs = {
        c.id: CertificateInfo(c.id, c.filename, c.media_type, c.size_bytes, c.sha256)
        for c in s.execute(
            select(
                TrainingCertificate.id,
                TrainingCertificate.filename,
                TrainingCertificate.media_type,
                TrainingCertificate.size_bytes,
                TrainingCertificate.sha256,
            ).where(TrainingCertificate.id.in_(cert_ids))
        )
    }
    replaced = {e.corrects_id: e.id for e in entries if e.corrects_id is not None}
    rows = []
    for e in entries:
        check = checks.get(e.id)
        rows.append(
            TrainingEntryRow(
                id=e.id,
                practitioner_id=e.practitioner_id,
                corrects_id=e.corrects_id,
                course=course_of(e),
                certificate=certs.get(e.certificate_id) if e.certificate_id else None,
                withdrawn=e.withdrawn,
                reason=e.reason,
                created_at=e.created_at,
                created_by=e.created_by,
                verified_by=check.verified_by_name or check.verified_by if check else None,
                verified_at=check.verified_at if check else None,
                superseded_by=replaced.get(e.id),
            )
        )
    return rows


def course_of(e: TrainingEntry) -> CourseDetails:
    """Return the course details of a stored entry."""
    return CourseDetails(
        course_title=e.course_title,
        started_on=e.started_on,
        ended_on=e.ended_on,
        in_person_hours=Decimal(e.in_person_hours),
        online_hours=Decimal(e.online_hours),
        theory_hours=Decimal(e.theory_hours),
        hands_on_hours=Decimal(e.hands_on_hours),
        provider=e.provider,
        approving_body=e.approving_body,
        supervised_sessions=e.supervised_sessions,
        regions=tuple(e.regions or ()),
    )


def current_course_titles(s: Session, practitioner_id: int) -> list[tuple[str, date, Decimal]]:
    """Return the counted courses of a practitioner: title, last day and hours."""
    entries = list(
        s.scalars(select(TrainingEntry).where(TrainingEntry.practitioner_id == practitioner_id))
    )
    lines = {
        e.id: LedgerLine(
            e.id, e.corrects_id, e.in_person_hours, e.online_hours, e.theory_hours,
            e.hands_on_hours, e.supervised_sessions, e.withdrawn,
        )
        for e in entries
    }  # fmt: skip
    keep = {line.id for line in current_lines(lines.values())}
    return [
        (e.course_title, e.ended_on, Decimal(e.in_person_hours + e.online_hours))
        for e in sorted(entries, key=lambda e: (e.ended_on, e.id))
        if e.id in keep
    ]
