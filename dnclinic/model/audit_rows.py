"""Reading the audit log for its chain check, on SQLAlchemy Core (no ORM needed).

The check runs at every start-up in the background (and in ``dnclinic verify``, backups and
``migrate-to-server``); on Core it neither waits for nor races the ORM's first import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.model.audit_chain import ChainAnchor, ChainReport, ChainRow, verify_chain
from dnclinic.model.core_tables import audit_log

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


def audit_chain_report(s: Connection | Session, anchor: ChainAnchor | None) -> ChainReport:
    """Check the audit log's hash chain and that it still reaches ``anchor``."""
    rows = [
        ChainRow(e.id, e.at, e.username, e.action, e.entity, e.entity_id, e.patient_id,
                 e.details, e.prev_hash, e.hash)
        for e in s.execute(select(audit_log).order_by(audit_log.c.id))
    ]  # fmt: skip
    return verify_chain(rows, anchor)
