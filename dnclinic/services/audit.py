"""The audit log: every create, update, sign, print, export and chart view, hash-chained.

Rows are written inside the caller's unit of work (so an action and its audit row commit or
roll back together); BEGIN IMMEDIATE serialises writers, so the chain never forks. After each
commit the chain's anchor (row count and last hash) is saved outside the table, so that rows
cut off the end are detected too.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import logging
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict, Unpack

from sqlalchemy import event, func, insert, or_, select

from dnclinic.model.audit_chain import (
    GENESIS,
    ChainAnchor,
    ChainReport,
    load_anchor,
    row_hash,
    save_anchor,
)
from dnclinic.model.audit_rows import audit_chain_report
from dnclinic.model.core_tables import audit_log, patients, users
from dnclinic.model.keyring import user_label
from dnclinic.services.policy import Permission

log = logging.getLogger(__name__)
LOOK_BACK = 64  # failures counted at most (the back-off is at its longest well before)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime
    from pathlib import Path

    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext


class EntryFields(TypedDict, total=False):
    """What an entry says besides its action (all optional)."""

    entity: str  # what kind of record ("patient", "session", ...)
    entity_id: int | None
    patient_id: int | None  # whose chart it concerns, if anyone's
    details: Mapping[str, Any] | None  # stored as sorted JSON
    username: str | None  # who, when not the acting user (a failed login, the first admin)


class AuditAction:
    """The audited actions (stored as these strings)."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    CHART_VIEWED = "chart_viewed"
    CREATE = "create"
    UPDATE = "update"
    ENTERED_IN_ERROR = "entered_in_error"
    SIGN = "sign"
    ADDENDUM = "addendum"
    PRINT_EXPORT = "print_export"
    BACKUP = "backup"
    SETTINGS = "settings"
    ROLE_CHANGE = "role_change"
    PERMISSION_DENIED = "permission_denied"
    # --- training (issue 6) ---
    TRAINING_VERIFY = "training_verify"  # a manager vouches for a training ledger entry
    REGULATOR_REPORT = "regulator_report"  # an adverse event's report date to the regulator
    # --- CSV export/import (issue 11); the export itself is a PRINT_EXPORT ---
    IMPORT = "import"  # the clinic was created from an export folder


class AuditRow(NamedTuple):
    """One audit entry for display."""

    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    patient_id: int | None
    details: str


class AuditFilter(NamedTuple):
    """Which entries to list (None = any)."""

    since: datetime | None = None
    until: datetime | None = None
    username: str | None = None
    patient_id: int | None = None
    patient_mrn: str | None = None
    action: str | None = None
    limit: int = 5000

    def describe(self) -> str:
        """Return the filters in words, for exports."""
        parts = [
            f"from {self.since:%Y-%m-%d}" if self.since else "",
            f"before {self.until:%Y-%m-%d}" if self.until else "",
            f"user {self.username}" if self.username else "",
            f"patient {(self.patient_mrn or '').upper() or self.patient_id}"
            if (self.patient_mrn or self.patient_id)
            else "",
            f"action {self.action}" if self.action else "",
        ]
        return ", ".join(p for p in parts if p) or "none (all entries)"


class AnchorStore:
    """Keeps the chain's anchor in a small JSON file.

    Beside a clinic file; in each workstation's config folder for a clinic server.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> ChainAnchor | None:
        """Return the saved anchor, if any."""
        return load_anchor(self.path)

    def advance(self, anchor: ChainAnchor) -> None:
        """Save ``anchor`` unless a newer row is already anchored (atomic replace)."""
        current = self.load()
        if current is not None and current.last_id >= anchor.last_id:
            return
        try:
            save_anchor(self.path, anchor)
        except OSError:  # the save itself is committed: say so in the log, not as a failure
            log.warning("Could not write the audit anchor %s", self.path, exc_info=True)


class AuditService:
    """Writes, lists and verifies the audit log."""

    def __init__(self, db: Database, ctx: ServiceContext, anchors: AnchorStore | None) -> None:
        self._db = db
        self._ctx = ctx
        self._anchors = anchors
        ctx.on_denied.append(self._on_denied)

    def record(self, s: Session, action: str, **fields: Unpack[EntryFields]) -> None:
        """Append one entry inside the unit of work ``s`` (committed with the action itself)."""
        s.flush()  # the action's own rows first: the entry chains after everything before it
        anchor = self._append(s, action, fields)
        if self._anchors is not None:
            anchors = self._anchors
            event.listen(s, "after_commit", lambda _s: anchors.advance(anchor), once=True)

    def record_now(self, action: str, **fields: Unpack[EntryFields]) -> None:
        """Append one entry in a unit of work of its own (logins, locks, refusals).

        It runs on a Core connection, so that logging in needs no ORM (see core_tables).
        """
        with self._db.write_core() as conn:
            anchor = self._append(conn, action, fields)
        if self._anchors is not None:
            self._anchors.advance(anchor)

    def _append(self, conn: Connection | Session, action: str, fields: EntryFields) -> ChainAnchor:
        """Insert the entry chained to the newest one; return the chain's new anchor.

        The caller's unit of work holds the write lock, so no other entry can come between.
        """
        entity, entity_id = fields.get("entity", ""), fields.get("entity_id")
        patient_id, username = fields.get("patient_id"), fields.get("username")
        last = conn.execute(
            select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
        ).first()
        prev_hash = last.hash if last is not None else GENESIS
        at = self._ctx.now()
        who = username if username is not None else self._ctx.actor.username
        text = json.dumps(
            dict(fields.get("details") or {}), sort_keys=True, ensure_ascii=False, default=str
        )
        digest = row_hash(prev_hash, at, who, action, entity, entity_id, patient_id, text)
        entry = insert(audit_log).values(
            at=at, username=who, action=action, entity=entity, entity_id=entity_id,
            patient_id=patient_id, details=text, prev_hash=prev_hash, hash=digest,
        )  # fmt: skip
        new_id: int = conn.execute(entry.returning(audit_log.c.id)).scalar_one()
        return ChainAnchor(new_id, digest)

    def login_failures(self, username: str) -> tuple[int, datetime | None]:
        """Return the failed logins of ``username`` since their last success, and the newest.

        The login back-off of a clinic server, where every workstation shares it (a clinic file
        keeps its counter in the key file). Read before anyone is logged in; it reveals a count.
        """
        label = user_label(username)
        log, names = audit_log.c, select(users.c.username).where(users.c.username_key == label)
        recent = (
            select(log.action, log.at)
            .where(
                or_(log.username == label, log.username.in_(names)),
                log.action.in_((AuditAction.LOGIN, AuditAction.UNLOCK, AuditAction.LOGIN_FAILED)),
            )
            .order_by(log.id.desc())
            .limit(LOOK_BACK)
        )
        with self._db.connect() as conn:
            rows = conn.execute(recent).all()
        failed = list(itertools.takewhile(lambda r: r.action == AuditAction.LOGIN_FAILED, rows))
        return len(failed), (failed[0].at if failed else None)

    def entries(self, flt: AuditFilter | None = None) -> list[AuditRow]:
        """List entries, newest first.

        Raises:
            PermissionDenied: the user may not read the audit log.
        """
        self._ctx.require(Permission.AUDIT_READ)
        f = flt or AuditFilter()
        log = audit_log.c
        stmt = select(audit_log).order_by(log.id.desc()).limit(f.limit)
        if f.since is not None:
            stmt = stmt.where(log.at >= f.since)
        if f.until is not None:
            stmt = stmt.where(log.at < f.until)
        if f.username:
            stmt = stmt.where(log.username == f.username)
        if f.patient_id is not None:
            stmt = stmt.where(log.patient_id == f.patient_id)
        if f.patient_mrn:
            mrn = f.patient_mrn.strip().upper()
            stmt = stmt.where(
                log.patient_id.in_(select(patients.c.id).where(patients.c.mrn == mrn))
            )
        if f.action:
            stmt = stmt.where(log.action == f.action)
        with self._db.connect() as conn:
            return [
                AuditRow(
                    e.id, e.at, e.username, e.action, e.entity, e.entity_id, e.patient_id, e.details
                )
                for e in conn.execute(stmt)
            ]

    def export_csv(self, flt: AuditFilter | None = None) -> str:
        """Return the filtered entries as CSV text (audited as an export).

        Raises:
            PermissionDenied: the user may not read the audit log.
        """
        rows = self.entries(flt)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["id", "at_utc", "user", "action", "entity", "entity_id", "patient_id", "details"]
        )
        for r in rows:
            writer.writerow([r.id, r.at.isoformat(), r.username, r.action, r.entity,
                             r.entity_id or "", r.patient_id or "", r.details])  # fmt: skip
        self.record_now(
            AuditAction.PRINT_EXPORT,
            entity="audit_log",
            details={"format": "csv", "rows": len(rows)},
        )
        return out.getvalue()

    def export_pdf(self, flt: AuditFilter | None, clinic_name: str) -> bytes:
        """Return the filtered entries and the chain verification as a PDF (audited).

        Raises:
            PermissionDenied: the user may not read the audit log.
        """
        from dnclinic.reports.audit_report import AuditLine, AuditReport, render

        f = flt or AuditFilter()
        rows = self.entries(f)
        report = self.verify()
        verdict = f"intact ({report.rows} entries)" if report.ok else f"FAILED: {report.problem}"
        lines = tuple(
            AuditLine(r.at, r.username, r.action, f"{r.entity} {r.entity_id or ''}".strip(),
                      str(r.patient_id or ""), r.details if r.details != "{}" else "")
            for r in rows
        )  # fmt: skip
        pdf = render(AuditReport(clinic_name, f.describe(), verdict, lines, self._ctx.now()))
        self.record_now(
            AuditAction.PRINT_EXPORT,
            entity="audit_log",
            details={"format": "pdf", "rows": len(rows)},
        )
        return pdf

    def count(self) -> int:
        """Return the number of entries (no permission needed: it reveals nothing)."""
        with self._db.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(audit_log)) or 0)

    def anchor(self) -> ChainAnchor | None:
        """Return the chain's saved anchor (None before any entry)."""
        return self._anchors.load() if self._anchors is not None else None

    def verify(self) -> ChainReport:
        """Check the whole chain and its anchor (runs at start-up and on demand)."""
        anchor = self.anchor()
        with self._db.connect() as conn:
            return audit_chain_report(conn, anchor)

    def _on_denied(self, permission: Permission, username: str) -> None:
        self.record_now(
            AuditAction.PERMISSION_DENIED,
            details={"permission": permission.value},
            username=username,
        )
