"""Patients. Never deleted: a record created by mistake is marked entered in error."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, VersionedMixin

PATIENT_STATUSES = ("active", "entered_in_error")
SEXES = ("female", "male", "other", "unknown")  # FHIR administrative gender
ACTIVE_ONLY = "status = 'active'"


class Patient(AuditedMixin, VersionedMixin, Base):
    """A person under the clinic's care."""

    __tablename__ = "patients"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'entered_in_error')", name="status"),
        CheckConstraint("sex IN ('female', 'male', 'other', 'unknown')", name="sex"),
        CheckConstraint(
            "status = 'active' OR length(entered_in_error_reason) > 0", name="error_reason"
        ),
        # Type-ahead search: prefix ranges on folded names, record number and birth date. The
        # name indexes cover the list order and the status, so a one-letter search over a large
        # clinic never visits the table (see benchmarks/search.py).
        Index("ix_patients_search_name", "search_family", "search_given", "status"),
        Index("ix_patients_search_given", "search_given", "search_family", "status"),
        Index("ix_patients_date_of_birth", "date_of_birth"),
        # The whole list, in list order (what start-up and an emptied search box show): only
        # active patients, so it is read in order with no sorting (migration 0010).
        Index(
            "ix_patients_active_list",
            "search_family",
            "search_given",
            sqlite_where=text(ACTIVE_ONLY),
            postgresql_where=text(ACTIVE_ONLY),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Medical record number, stored upper-case; unique across the clinic.
    mrn: Mapped[str] = mapped_column(String(40), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(10), default="unknown")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    emergency_contact_name: Mapped[str] = mapped_column(String(200), default="")
    emergency_contact_phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    entered_in_error_reason: Mapped[str] = mapped_column(Text, default="")
    # Case- and accent-folded copies of the names, kept in step by the service.
    search_family: Mapped[str] = mapped_column(String(100))
    search_given: Mapped[str] = mapped_column(String(100))
