"""Move a clinic file onto a clinic server, and prove the copy is the clinic (issue 11).

The copy (:mod:`dnclinic.model.server_copy`) is checked before it is reported as done: the rows
of every table, every signed note's and addendum's digest (recomputed on the server and compared
with the file's), and the audit log's hash chain, which must verify on the server and end at
the same entry as the file's. Any mismatch is a failed check; the caller exits non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.errors import ServiceError
from dnclinic.model.audit_rows import audit_chain_report
from dnclinic.model.db import Database, database_url
from dnclinic.model.entities import Addendum, AuditEntry, NeedlingSession
from dnclinic.model.server_copy import copy_tables, prepare_empty_target, row_counts
from dnclinic.model.verify import CheckResult
from dnclinic.services.audit import AuditAction
from dnclinic.services.policy import Permission
from dnclinic.services.sessions import signed_note_problems

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from dnclinic.services.audit import AuditService
    from dnclinic.services.context import ServiceContext


class TransferError(ServiceError):
    """The clinic cannot be copied to that server (the message says why); nothing was copied."""


@dataclass(frozen=True, slots=True)
class TransferReport:
    """What was copied and how each check went."""

    target: str
    rows: dict[str, int]
    checks: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        """Whether every check passed."""
        return all(c.ok for c in self.checks)


def _seals(s: Session | Connection) -> list[tuple[str, int, str | None]]:
    notes = s.execute(
        select(NeedlingSession.id, NeedlingSession.content_digest)
        .where(NeedlingSession.status == "signed")
        .order_by(NeedlingSession.id)
    )
    addenda = s.execute(select(Addendum.id, Addendum.content_digest).order_by(Addendum.id))
    return [("note", i, d) for i, d in notes] + [("addendum", i, d) for i, d in addenda]


def _last_entry(s: Session | Connection) -> tuple[int, str] | None:
    row = s.execute(
        select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    ).first()
    return None if row is None else (row.id, row.hash)


class ServerTransferService:
    """Copies this clinic (a file) into an empty clinic server database, then checks it."""

    def __init__(self, db: Database, ctx: ServiceContext, audit: AuditService) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit

    def copy_to_server(self, url: str) -> TransferReport:
        """Copy every table into the empty PostgreSQL database at ``url`` and verify it.

        Args:
            url: ``postgresql+psycopg://...`` of an empty database (the schema owner's account:
                the schema is created if need be, and the id sequences are reset).

        Raises:
            PermissionDenied: only admins may move the clinic.
            TransferError: this clinic is not a file, or ``url`` is not a PostgreSQL database.
            ServiceError: the server cannot be reached, or its database is not empty (nothing
                was copied).
        """
        self._ctx.require(Permission.BACKUP)
        if not self._db.is_sqlite:
            raise TransferError("This clinic is already on a server; only a file is copied.")
        target_url = database_url(url)
        if target_url.get_backend_name() != "postgresql":
            raise TransferError(
                "The target must be a PostgreSQL server database: postgresql+psycopg://..."
            )
        shown = target_url.render_as_string(hide_password=True)
        target = Database.open(url)
        try:
            prepare_empty_target(target.engine)
            # Recorded in the file first, so that the server's log says where it came from.
            self._audit.record_now(
                AuditAction.SETTINGS, entity="database", details={"copied_to_server": shown}
            )
            with self._db.connect() as source:  # one read snapshot for the rows and the counts
                rows = copy_tables(source, target.engine)
                expected = (row_counts(source), _seals(source), _last_entry(source))
            checks = self._check(target, *expected)
        finally:
            target.dispose()
        return TransferReport(shown, rows, checks)

    def _check(
        self,
        target: Database,
        counts: dict[str, int],
        seals: list[tuple[str, int, str | None]],
        last: tuple[int, str] | None,
    ) -> tuple[CheckResult, ...]:
        with target.read() as s:
            copied = row_counts(s.connection())
            wrong = [f"{t}: {counts[t]} in the file, {copied.get(t)} on the server"
                     for t in counts if copied.get(t) != counts[t]]  # fmt: skip
            seal_problems = signed_note_problems(s)
            if _seals(s) != seals:
                seal_problems.append("the stored digests differ from the file's")
            chain = audit_chain_report(s, None)
            server_last = _last_entry(s)
        chain_problems = [] if chain.ok else [f"{chain.problem} (entry {chain.first_bad_id})"]
        if server_last != last:
            chain_problems.append("the server's log does not end where the file's does")
        own = self._audit.verify()  # the file's chain, against its anchor (nothing cut off)
        if not own.ok:
            chain_problems.append(f"the file's own log fails its check: {own.problem}")
        return (
            CheckResult("row counts", not wrong, "; ".join(wrong)
                        or f"{sum(counts.values())} rows in {len(counts)} tables, all there"),
            CheckResult("signed-note digests", not seal_problems, "; ".join(seal_problems)
                        or f"{len(seals)} signed notes and addenda match their seals"),
            CheckResult("audit chain", not chain_problems, "; ".join(chain_problems)
                        or f"{chain.rows} entries, intact, ending where the file's ends"),
        )  # fmt: skip
