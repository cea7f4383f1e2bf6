"""Who has a patient's chart open in an editor, on which workstation (issue 11).

A lease, not a lock: a workstation writes its row when a session editor opens, renews it (the
heartbeat) while the editor stays open and deletes it on close. A row whose ``expires_at`` has
passed (a crashed workstation, a lost network) is ignored and replaced. Nothing clinical.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import Base, UTCDateTime


class ChartPresence(Base):
    """One workstation's lease on editing one patient's chart."""

    __tablename__ = "chart_presence"
    __table_args__ = (UniqueConstraint("patient_id", "workstation", name="uq_chart_presence_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    # A random id per running dnclinic (two windows on one computer are two workstations).
    workstation: Mapped[str] = mapped_column(String(40))
    host: Mapped[str] = mapped_column(String(120))
    username: Mapped[str] = mapped_column(String(60))
    since: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
