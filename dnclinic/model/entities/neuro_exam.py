"""Neurological examinations and their findings (CLINICAL_REFERENCE section 3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin


class NeuroExamination(AuditedMixin, VersionedMixin, Base):
    """One neurological screen. Never edited once recorded; a mistake is entered in error."""

    __tablename__ = "neuro_exams"
    __table_args__ = (CheckConstraint("status IN ('valid', 'entered_in_error')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    examined_on: Mapped[date] = mapped_column(Date)
    examiner_id: Mapped[int | None] = mapped_column(ForeignKey("practitioners.id"), nullable=True)
    examiner: Mapped[str] = mapped_column(String(80))  # the username who recorded it
    # UMN tests: sign code -> True (present) / False (absent); absent key = not tested.
    umn: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    # The interpretation at the time, kept for the timeline: [{"level", "side", "domains"}].
    implicated: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    umn_positive: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")


class NeuroFinding(Base):
    """One graded finding: a level (or reflex) and side, in one domain and modality.

    ``domain``/``modality``: dermatome/light_touch, dermatome/pin_prick, myotome/motor,
    reflex/reflex. ``key`` is the level (``C5``, ``S4_5``) or the reflex name (``achilles``).
    """

    __tablename__ = "neuro_findings"
    __table_args__ = (
        CheckConstraint("domain IN ('dermatome', 'myotome', 'reflex')", name="domain"),
        CheckConstraint("side IN ('left', 'right')", name="side"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("neuro_exams.id"), index=True)
    domain: Mapped[str] = mapped_column(String(10))
    modality: Mapped[str] = mapped_column(String(12))
    key: Mapped[str] = mapped_column(String(20))
    side: Mapped[str] = mapped_column(String(5))
    grade: Mapped[str] = mapped_column(String(3))  # "0".."5" or "NT"
    position: Mapped[int] = mapped_column(Integer, default=0)
