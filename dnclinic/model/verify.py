"""Checks that a clinic database is whole, each with a name: what ``dnclinic verify`` prints.

A check is a :class:`Verifier`: a name and a function that reads through a Session and returns
the problems it found, in plain words (an empty list means the check passed). The storage checks
(SQLite's integrity check and foreign-key check) and the audit chain live here, below the
services, so that the pre-upgrade safety copy (:mod:`dnclinic.model.migrate`) is verified with
the same code as backups and ``dnclinic verify``. More checks (signed-note digests) are added
by the services; see :mod:`dnclinic.services.verification`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from dnclinic.model.audit_rows import audit_chain_report
from dnclinic.model.core_tables import audit_log
from dnclinic.model.db import make_read_only_engine

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from sqlalchemy.orm import Session

    from dnclinic.model.audit_chain import ChainAnchor

log = logging.getLogger(__name__)

Check = Callable[["Session"], list[str]]
_MAX_LISTED = 5  # problems listed by name; the rest are counted


@dataclass(frozen=True, slots=True)
class Verifier:
    """One named check: ``check(session)`` returns its problems (empty: passed)."""

    name: str
    check: Check


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check, for a report line."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        """Return the check as one line: ``ok      integrity: ...`` or ``FAILED  ...``."""
        return f"{'ok' if self.ok else 'FAILED':<7} {self.name}: {self.detail}"


def _summarise(problems: Sequence[str]) -> str:
    shown = "; ".join(problems[:_MAX_LISTED])
    more = len(problems) - _MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


def integrity_problems(s: Session) -> list[str]:
    """Return what SQLite's ``PRAGMA integrity_check`` finds (pages, indexes, constraints)."""
    rows = [str(r[0]) for r in s.execute(text("PRAGMA integrity_check")).all()]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(s: Session) -> list[str]:
    """Return every row that points at a row that does not exist (``PRAGMA foreign_key_check``)."""
    return [
        f"{row[0]} row {row[1]} points at a missing {row[2]} row"
        for row in s.execute(text("PRAGMA foreign_key_check")).all()
    ]


def audit_chain_verifier(anchor: ChainAnchor | None) -> Verifier:
    """Return the audit-chain check against the anchor kept beside the database."""

    def check(s: Session) -> list[str]:
        if not inspect(s.connection()).has_table(audit_log.name):
            return []  # a schema from before the audit log existed
        report = audit_chain_report(s, anchor)
        if report.ok:
            return []
        where = f" (entry {report.first_bad_id})" if report.first_bad_id is not None else ""
        return [f"{report.problem}{where}"]

    return Verifier("audit chain", check)


def storage_verifiers() -> list[Verifier]:
    """Return the checks every SQLite database gets: integrity, then foreign keys."""
    return [
        Verifier("integrity", integrity_problems),
        Verifier("foreign keys", foreign_key_problems),
    ]


_PASSED = {
    "integrity": "the database file is intact",
    "foreign keys": "every reference points at an existing record",
    "audit chain": "every entry is intact and in order",
    "signed-note digests": "every signed note and addendum matches its seal",
}


def run_checks(
    session: Callable[[], AbstractContextManager[Session]], verifiers: Sequence[Verifier]
) -> list[CheckResult]:
    """Run each check in a read session of its own; a check that crashes counts as failed.

    Args:
        session: opens a new Session as a context manager (e.g. ``Database.read``); each
            check's session is rolled back and closed afterwards.
        verifiers: the checks, in the order to report them.
    """
    results = []
    for verifier in verifiers:
        try:
            with session() as s:
                try:
                    problems = verifier.check(s)
                finally:
                    s.rollback()
        except Exception as exc:  # a broken file must give a failed check, not a traceback
            log.warning("Check %s could not run", verifier.name, exc_info=True)
            problems = [f"the check could not run: {exc}"]
        ok = not problems
        detail = _PASSED.get(verifier.name, "passed") if ok else _summarise(problems)
        results.append(CheckResult(verifier.name, ok, detail))
    return results


def verify_file(
    path: Path,
    key: bytes | None,
    anchor: ChainAnchor | None,
    extra: Sequence[Verifier] = (),
) -> list[CheckResult]:
    """Verify a database file opened read-only (nothing in it changes, not even its header).

    Runs integrity, foreign keys, the audit chain (against ``anchor``) and then ``extra``.
    """
    from sqlalchemy.orm import Session  # noqa: PLC0415 - the ORM loads when a check runs

    engine = make_read_only_engine(path, key=key)
    try:
        verifiers = [*storage_verifiers(), audit_chain_verifier(anchor), *extra]
        return run_checks(lambda: Session(engine), verifiers)
    finally:
        engine.dispose()


def all_passed(results: Sequence[CheckResult]) -> bool:
    """Whether every check passed."""
    return all(r.ok for r in results)
