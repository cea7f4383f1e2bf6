"""Outcome scores: one completed instrument (CLINICAL_REFERENCE section 5)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin


class OutcomeScore(AuditedMixin, VersionedMixin, Base):
    """A scored instrument: item answers, the computed value and band."""

    __tablename__ = "outcome_scores"
    __table_args__ = (
        CheckConstraint("status IN ('valid', 'entered_in_error')", name="status"),
        Index("ix_outcome_scores_patient_instrument", "patient_id", "instrument", "scored_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    instrument: Mapped[str] = mapped_column(String(10))
    scored_on: Mapped[date] = mapped_column(Date)
    answers: Mapped[list[float | None]] = mapped_column(JSON)
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    band: Mapped[str | None] = mapped_column(String(20), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")
