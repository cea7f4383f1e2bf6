"""Autosaved drafts: what an open editor holds, written every couple of seconds while typing.

A draft is scratch, not a clinical record: it belongs to the user who typed it, is written on
every pause in typing (so a crash or power cut loses at most the last seconds), and is removed
when the record itself is saved or the user discards it. Autosaves are not written to the audit
log (one entry every few seconds would drown it); the record they become is audited when saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from dnclinic.model.entities import Draft
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

SESSION_DRAFT = "session"


@dataclass(frozen=True, slots=True)
class DraftRow:
    """A saved draft: which editor, which record, what it held and when."""

    id: int
    patient_id: int
    kind: str
    target_id: int
    payload: Mapping[str, Any]
    saved_at: datetime


class DraftService:
    """Save, find and discard the acting user's drafts."""

    def __init__(self, db: Database, ctx: ServiceContext) -> None:
        self._db = db
        self._ctx = ctx

    def save(
        self, patient_id: int, kind: str, payload: Mapping[str, Any], target_id: int = 0
    ) -> DraftRow:
        """Write (or overwrite) the user's draft for one editor; committed before returning."""
        self._ctx.require(Permission.CHART_WRITE)
        owner = self._ctx.actor.username
        now = self._ctx.now()
        with self._db.write() as s:
            row = s.scalar(
                select(Draft).where(
                    Draft.owner == owner,
                    Draft.patient_id == patient_id,
                    Draft.kind == kind,
                    Draft.target_id == target_id,
                )
            )
            if row is None:
                row = Draft(owner=owner, patient_id=patient_id, kind=kind, target_id=target_id)
                s.add(row)
            row.payload = dict(payload)
            row.saved_at = now
            s.flush()
            return _row(row)

    def pending(self, patient_id: int) -> list[DraftRow]:
        """Return the acting user's drafts for a patient, newest first."""
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.scalars(
                select(Draft)
                .where(Draft.owner == self._ctx.actor.username, Draft.patient_id == patient_id)
                .order_by(Draft.saved_at.desc(), Draft.id.desc())
            )
            return [_row(r) for r in rows]

    def discard(self, patient_id: int, kind: str, target_id: int = 0) -> None:
        """Remove the user's draft for one editor (after saving, or when the user declines it)."""
        self._ctx.require(Permission.CHART_WRITE)
        with self._db.write() as s:
            s.execute(
                delete(Draft).where(
                    Draft.owner == self._ctx.actor.username,
                    Draft.patient_id == patient_id,
                    Draft.kind == kind,
                    Draft.target_id == target_id,
                )
            )


def _row(r: Draft) -> DraftRow:
    return DraftRow(r.id, r.patient_id, r.kind, r.target_id, dict(r.payload), r.saved_at)
