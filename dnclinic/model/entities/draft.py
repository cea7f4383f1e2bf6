"""Autosaved drafts: what an editor holds while the clinician types (not a clinical record).

One row per user, patient and editor kind (and the session being edited, if any); written
every couple of seconds while typing and removed when the real record is saved or the user
discards it. After a crash, the chart offers it back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import Base, UTCDateTime


class Draft(Base):
    """The editor's unsaved content, as JSON."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("owner", "patient_id", "kind", "target_id", name="key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(80))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # The record being edited (a session id), 0 for a new one (0, not NULL: NULLs are never
    # equal, so a NULL would defeat the unique key).
    target_id: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())
