"""Needling sessions: the note, its needle targets, stimulation, adverse events and addenda.

A session is a draft until its practitioner signs it; then its content is frozen (the service
refuses changes and the digest proves it). Child rows belong to one ``revision`` of the draft:
saving a draft writes a new revision instead of deleting the old rows, so nothing charted is
ever deleted; reads take the session's current revision.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, UTCDateTime, VersionedMixin


class NeedlingSession(AuditedMixin, VersionedMixin, Base):
    """One treatment session note (SOAP), draft or signed."""

    __tablename__ = "needling_sessions"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'signed', 'entered_in_error')", name="status"),
        CheckConstraint("pain_before IS NULL OR pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after IS NULL OR pain_after BETWEEN 0 AND 10", name="pain_after"),
        Index("ix_needling_sessions_patient_at", "patient_id", "session_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id"), index=True)
    session_at: Mapped[datetime] = mapped_column(UTCDateTime())
    consent_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pain_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subjective: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    assessment: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    billing_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    signed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    content_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")


class NeedleTarget(Base):
    """One needled target of a session revision (CLINICAL_REFERENCE section 4.1)."""

    __tablename__ = "needle_targets"
    __table_args__ = (
        CheckConstraint("approach IN ('segmental', 'peripheral')", name="approach"),
        CheckConstraint("technique IN ('static', 'pistoning', 'rotation')", name="technique"),
        Index("ix_needle_targets_session_revision", "session_id", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("needling_sessions.id"))
    revision: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    muscle: Mapped[str] = mapped_column(String(60))  # a code of resources/muscles.json
    side: Mapped[str] = mapped_column(String(10))
    spinal_level: Mapped[str | None] = mapped_column(String(6), nullable=True)
    approach: Mapped[str] = mapped_column(String(12))
    needles: Mapped[int] = mapped_column(Integer, default=1)
    gauge_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    length_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    depth_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    technique: Mapped[str] = mapped_column(String(12))
    twitch_responses: Mapped[int] = mapped_column(Integer, default=0)
    ultrasound_guided: Mapped[bool] = mapped_column(Boolean, default=False)
    retention_min: Mapped[float | None] = mapped_column(Float, nullable=True)


class StimulationSetting(Base):
    """One electrical stimulation setting of a session revision, with its check findings."""

    __tablename__ = "stimulation_settings"
    __table_args__ = (Index("ix_stimulation_settings_session_revision", "session_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("needling_sessions.id"))
    revision: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    frequency_hz: Mapped[float] = mapped_column(Float)
    pulse_width_us: Mapped[float] = mapped_column(Float)
    intensity_ma: Mapped[float] = mapped_column(Float)
    waveform: Mapped[str] = mapped_column(String(20))
    duration_min: Mapped[float] = mapped_column(Float)
    # The warnings of DECISION_RULES section 6 that were shown when it was saved:
    # [{"level", "code", "message"}] (errors never reach the database).
    findings: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)


class ElectrodePair(Base):
    """Two electrodes on one stimulator channel: placement region and side of each lead."""

    __tablename__ = "electrode_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    setting_id: Mapped[int] = mapped_column(ForeignKey("stimulation_settings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    a_region: Mapped[str] = mapped_column(String(20))
    a_side: Mapped[str] = mapped_column(String(10))
    b_region: Mapped[str] = mapped_column(String(20))
    b_side: Mapped[str] = mapped_column(String(10))


class AdverseEvent(Base):
    """An adverse event of a session revision (classification: CLINICAL_REFERENCE 4.5)."""

    __tablename__ = "adverse_events"
    __table_args__ = (
        CheckConstraint("severity IN ('mild', 'significant', 'serious')", name="severity"),
        Index("ix_adverse_events_session_revision", "session_id", "revision"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("needling_sessions.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(12))
    onset: Mapped[str] = mapped_column(String(20))
    action_taken: Mapped[str] = mapped_column(Text, default="")
    reported_to_regulator_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Addendum(AuditedMixin, Base):
    """A signed correction or addition to a signed note. Append-only: never edited."""

    __tablename__ = "addenda"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("needling_sessions.id"), index=True)
    author: Mapped[str] = mapped_column(String(80))
    author_practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id"), nullable=True
    )
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_digest: Mapped[str] = mapped_column(String(64))
