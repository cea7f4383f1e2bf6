"""The "open on another workstation" indicator: editor leases with a heartbeat (issue 11).

When a session editor opens, this workstation takes a lease (:meth:`PresenceService.hold`) on the
patient's chart and renews it every :data:`HEARTBEAT` while the editor is open; closing the
editor releases it. Another workstation's chart asks :meth:`PresenceService.others` and shows
"Open on another workstation: <user> on <host> since HH:MM". A lease not renewed for
:data:`LEASE` (a crash, a lost network) has expired and is no longer shown. It works the same
on a clinic file shared by two processes and on a clinic server.
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from dnclinic.model.entities import ChartPresence
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext

# How often an open editor renews its lease, and how long a lease lasts without renewal.
HEARTBEAT = timedelta(seconds=60)
LEASE = timedelta(seconds=150)


@dataclass(frozen=True, slots=True)
class Workstation:
    """This running dnclinic: a random id and the computer's name."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    host: str = field(default_factory=socket.gethostname)


@dataclass(frozen=True, slots=True)
class PresenceRow:
    """Someone editing a patient's chart on another workstation."""

    username: str
    host: str
    since: datetime

    def banner(self) -> str:
        """The chart's banner text, with the local time the editor was opened."""
        at = self.since.astimezone().strftime("%H:%M")
        return f"Open on another workstation: {self.username} on {self.host} since {at}"


class PresenceService:
    """Writes this workstation's editor leases and reads the other workstations'."""

    def __init__(self, db: Database, ctx: ServiceContext, workstation: Workstation) -> None:
        self._db = db
        self._ctx = ctx
        self.workstation = workstation

    def hold(self, patient_id: int) -> None:
        """Take or renew this workstation's lease on editing ``patient_id``'s chart.

        Raises:
            PermissionDenied: the user may not chart.
        """
        self._ctx.require(Permission.CHART_WRITE)
        now = self._ctx.now()
        with self._db.write() as s:
            lease = s.scalar(
                select(ChartPresence).where(
                    ChartPresence.patient_id == patient_id,
                    ChartPresence.workstation == self.workstation.id,
                )
            )
            if lease is None or lease.username != self._ctx.actor.username:
                if lease is not None:
                    s.delete(lease)
                    s.flush()
                lease = ChartPresence(
                    patient_id=patient_id, workstation=self.workstation.id,
                    host=self.workstation.host[:120], username=self._ctx.actor.username,
                    since=now,
                )  # fmt: skip
                s.add(lease)
            lease.expires_at = now + LEASE

    def release(self, patient_id: int) -> None:
        """Give up this workstation's lease on ``patient_id`` (the editor was closed).

        Raises:
            PermissionDenied: the user may not chart.
        """
        self._ctx.require(Permission.CHART_WRITE)
        with self._db.write() as s:
            s.execute(
                delete(ChartPresence).where(
                    ChartPresence.patient_id == patient_id,
                    ChartPresence.workstation == self.workstation.id,
                )
            )

    def others(self, patient_id: int) -> list[PresenceRow]:
        """Who else is editing ``patient_id``'s chart now (live leases of other workstations).

        Raises:
            PermissionDenied: the user may not read the chart.
        """
        self._ctx.require(Permission.CHART_READ)
        with self._db.read() as s:
            rows = s.execute(
                select(ChartPresence.username, ChartPresence.host, ChartPresence.since)
                .where(
                    ChartPresence.patient_id == patient_id,
                    ChartPresence.workstation != self.workstation.id,
                    ChartPresence.expires_at > self._ctx.now(),
                )
                .order_by(ChartPresence.since)
            )
            return [PresenceRow(r.username, r.host, r.since) for r in rows]
