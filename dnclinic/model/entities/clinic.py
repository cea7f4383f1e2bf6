"""The clinic (one row) and its practitioners."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin
from dnclinic.model.core_tables import practitioner_name


class Clinic(AuditedMixin, VersionedMixin, Base):
    """The clinic's own details and the settings that affect care."""

    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # A US state code (e.g. "FL") or "other"; decides the legal minimum training hours.
    jurisdiction: Mapped[str] = mapped_column(String(20), default="other")
    # DECISION_RULES R6: practitioners need MORE than this many hours of formal training.
    training_threshold_hours: Mapped[Decimal] = mapped_column(Numeric(6, 1), default=Decimal(60))
    # --- training (issue 6) ---
    # The letterhead logo (PNG or JPEG), kept in the database with the rest of the clinic.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_media_type: Mapped[str] = mapped_column(String(40), default="")


class Practitioner(AuditedMixin, VersionedMixin, Base):
    """A physiotherapist who charts and needles."""

    __tablename__ = "practitioners"

    id: Mapped[int] = mapped_column(primary_key=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    licence_number: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # --- training (issue 6) ---
    # Where the practitioner is licensed (a US state code or "other"); None = the clinic's.
    jurisdiction: Mapped[str | None] = mapped_column(String(20), nullable=True)
    needling_since: Mapped[date | None] = mapped_column(Date, nullable=True)

    @property
    def display_name(self) -> str:
        """Return "Given Family"."""
        return practitioner_name(self.given_name, self.family_name)
