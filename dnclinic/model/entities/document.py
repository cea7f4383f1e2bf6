"""The document archive: every PDF produced for a patient, kept byte for byte.

A row is written when a document is printed or exported, never changed afterwards (nothing
clinical is hard-deleted), so the clinic can show exactly what was handed over: the bytes, their
SHA-256, the kind, the date and the author.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import AuditedMixin, Base, UTCDateTime

DOCUMENT_KINDS = ("session_note", "home_plan", "progress_report")


class PatientDocument(AuditedMixin, Base):
    """One archived patient document (a PDF) with its digest."""

    __tablename__ = "patient_documents"
    __table_args__ = (
        CheckConstraint("kind IN ('session_note', 'home_plan', 'progress_report')", name="kind"),
        CheckConstraint("length(sha256) = 64", name="sha256"),
        Index("ix_patient_documents_patient_kind", "patient_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    kind: Mapped[str] = mapped_column(String(30))
    # What the document was made from: a session id for a note, a plan id for a stored plan.
    source_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(80))
    author_name: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
