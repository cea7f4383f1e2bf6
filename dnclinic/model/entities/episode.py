"""Episodes of care: one complaint in one body region, from onset to discharge."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin


class Episode(AuditedMixin, VersionedMixin, Base):
    """An episode of care. Chronicity is derived from the onset date, never stored."""

    __tablename__ = "episodes"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed', 'entered_in_error')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    region: Mapped[str] = mapped_column(String(30))
    side: Mapped[str] = mapped_column(String(20), default="not_applicable")
    onset_date: Mapped[date] = mapped_column(Date)
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="open")
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")
