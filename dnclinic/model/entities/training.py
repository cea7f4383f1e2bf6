"""Practitioner training: the append-only ledger, certificates, verifications, jurisdiction rules.

Ledger entries are never changed: a correction is a new entry whose ``corrects_id`` points at
the entry it replaces (a chain), and totals count only the latest entry of each chain
(CLINICAL_REFERENCE 7.3 lists the fields). A verification by a manager is its own row, so
"verified by whom and when" is as permanent as the entry it vouches for.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, UTCDateTime, VersionedMixin


class TrainingCertificate(AuditedMixin, Base):
    """A certificate of completion (PDF or image), stored in the database with its SHA-256."""

    __tablename__ = "training_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class TrainingEntry(AuditedMixin, Base):
    """One course in a practitioner's training ledger. Append-only."""

    __tablename__ = "training_entries"
    __table_args__ = (
        CheckConstraint(
            "in_person_hours >= 0 AND online_hours >= 0 AND theory_hours >= 0"
            " AND hands_on_hours >= 0 AND supervised_sessions >= 0",
            name="non_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id"), index=True)
    # The entry this one corrects (None for an original entry).
    corrects_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_entries.id"), nullable=True, unique=True
    )
    course_title: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200), default="")
    approving_body: Mapped[str] = mapped_column(String(200), default="")
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date] = mapped_column(Date)
    in_person_hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    online_hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    theory_hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    hands_on_hours: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    supervised_sessions: Mapped[int] = mapped_column(Integer, default=0)
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_certificates.id"), nullable=True
    )
    # A correction that withdraws the course altogether (entered in error); it keeps a reason.
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")


class TrainingVerification(Base):
    """A manager's verification of one ledger entry (who and when). Append-only."""

    __tablename__ = "training_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("training_entries.id"), index=True)
    verified_by: Mapped[str] = mapped_column(String(80))
    verified_by_name: Mapped[str] = mapped_column(String(200), default="")
    verified_at: Mapped[datetime] = mapped_column(UTCDateTime())


class JurisdictionRule(AuditedMixin, VersionedMixin, Base):
    """The clinic's own copy of one jurisdiction's training rule (overrides the shipped preset)."""

    __tablename__ = "jurisdiction_rules"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    minimum_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1), nullable=True)
    # "confirmed", "unconfirmed" or "none" (no minimum known).
    hours_status: Mapped[str] = mapped_column(String(20), default="none")
    minimum_in_person_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1), nullable=True)
    minimum_theory_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1), nullable=True)
    minimum_hands_on_hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 1), nullable=True)
    supervised_sessions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Days after the session within which an adverse event must reach the regulator.
    ae_report_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    written_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    conditions: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")


class RegulatorReport(AuditedMixin, Base):
    """The date an adverse event was reported to the regulator. Append-only; the latest counts.

    Kept apart from the adverse event row because that row belongs to a (possibly signed and
    sealed) session note: writing the date into it would change the note's digest.
    """

    __tablename__ = "regulator_reports"
    __table_args__ = (CheckConstraint("position >= 0", name="position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("needling_sessions.id"), index=True)
    # The event's place in the note (adverse event rows are rewritten per draft revision).
    position: Mapped[int] = mapped_column(Integer)
    adverse_event_id: Mapped[int] = mapped_column(ForeignKey("adverse_events.id"))
    reported_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(200), default="")
