"""Recorded decisions of the dry-needling wizard, and the home-loading plans made from them.

A decision keeps the full case and the full recommendation as JSON with the rule-set version
(DECISION_RULES section 7), so a later change of rules never rewrites what was recommended at
the time. A home-loading plan belongs to a decision or a session; its exercises are a JSON list
of ``{"exercise_id", "name", "sets", "reps", "hold_seconds"}``, ready for printing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, UTCDateTime, VersionedMixin


class Decision(AuditedMixin, VersionedMixin, Base):
    """One run of the decision wizard: case, recommendation, rule set, override and reason."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint("status IN ('valid', 'entered_in_error')", name="status"),
        Index("ix_decisions_patient_at", "patient_id", "decided_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id"), nullable=True
    )
    practitioner_name: Mapped[str] = mapped_column(String(160))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime())
    case: Mapped[dict[str, Any]] = mapped_column(JSON)
    recommendation: Mapped[dict[str, Any]] = mapped_column(JSON)
    rule_set_version: Mapped[str] = mapped_column(String(20))
    verdict: Mapped[str] = mapped_column(String(30))
    overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="valid")
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")


class HomePlan(AuditedMixin, VersionedMixin, Base):
    """A home-loading exercise plan for a patient (from a decision or a session)."""

    __tablename__ = "home_plans"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'superseded', 'entered_in_error')", name="status"),
        CheckConstraint("rir_min BETWEEN 0 AND 10 AND rir_max BETWEEN rir_min AND 10", name="rir"),
        CheckConstraint("sessions_per_week BETWEEN 1 AND 14", name="sessions_per_week"),
        Index("ix_home_plans_patient", "patient_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"), nullable=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("needling_sessions.id"), nullable=True
    )
    region: Mapped[str] = mapped_column(String(30))
    exercises: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    rir_min: Mapped[int] = mapped_column(Integer)
    rir_max: Mapped[int] = mapped_column(Integer)
    sessions_per_week: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
