"""Medical screening before needling: red flags, contraindications, precautions and consent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin


class Screening(AuditedMixin, VersionedMixin, Base):
    """One screening. The newest valid screening is the one the chart and the wizard use."""

    __tablename__ = "screenings"
    __table_args__ = (
        CheckConstraint("consent_type IN ('none', 'written', 'verbal')", name="consent_type"),
        CheckConstraint("status IN ('valid', 'entered_in_error')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    screened_on: Mapped[date] = mapped_column(Date)
    # Codes from the vocabularies of DECISION_RULES section 1 (dnclinic.clinical.vocab).
    red_flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    contraindications: Mapped[list[str]] = mapped_column(JSON, default=list)
    precautions: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent_type: Mapped[str] = mapped_column(String(10), default="none")
    consent_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    consent_recorded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id"), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="valid")
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")
