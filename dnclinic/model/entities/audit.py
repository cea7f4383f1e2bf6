"""The audit log: append-only (refused UPDATE/DELETE by trigger) and hash-chained."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Index, Integer, String, Table, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from dnclinic.model.base import Base, UTCDateTime
from dnclinic.model.db import append_only_ddl


class AuditEntry(Base):
    """One audited event. ``hash`` covers this row's fields and the previous row's hash."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_patient_id", "patient_id"),
        Index("ix_audit_log_username", "username"),
        Index("ix_audit_log_action", "action"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    username: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # No foreign key: the log must be able to name anything, and is never cascaded.
    patient_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    details: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


@event.listens_for(AuditEntry.__table__, "after_create")
def _guard_new_table(target: Table, connection: Connection, **_kw: object) -> None:
    """Install the append-only triggers when ``create_all`` makes the table."""
    for statement in append_only_ddl(connection.dialect.name, target.name):
        connection.exec_driver_sql(statement)
