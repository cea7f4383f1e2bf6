"""Durability helpers: a clinic on disk, its writer processes (writer_child.py), a full disk."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factories import PASSWORD
from sqlalchemy import event, select

from dnclinic.model.audit_chain import anchor_path, load_anchor
from dnclinic.model.db import Database, sqlite_driver
from dnclinic.model.entities import Patient
from dnclinic.model.verify import CheckResult, run_checks
from dnclinic.services.verification import clinic_verifiers

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

WRITER = Path(__file__).parent / "durability" / "writer_child.py"


@dataclass(frozen=True, slots=True)
class Clinic:
    """A clinic on disk that the harness's writer processes log in to."""

    path: Path
    key: bytes | None

    def spawn(
        self, prefix: str, start: int, count: int = 0, stderr: Any = subprocess.PIPE
    ) -> subprocess.Popen[str]:
        """Start a writer process (see writer_child.py); its stdout is a text pipe.

        ``stderr`` may be a file: a child whose stderr pipe nobody reads while it runs could
        block once the pipe is full (SQLCipher logs torn WAL frames after a crash there).
        """
        env = {**os.environ, "DNCLINIC_PASSWORD": PASSWORD, "DNCLINIC_FAST_KDF": "1"}
        return subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(WRITER), str(self.path), "tester", prefix, str(start), str(count)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=env,
        )

    def mrns(self) -> set[str]:
        """Return every record number now in the database."""
        db = Database.open(self.path, key=self.key)
        try:
            with db.read() as s:
                return set(s.scalars(select(Patient.mrn)))
        finally:
            db.dispose()

    def checks(self) -> list[CheckResult]:
        """Run integrity, foreign keys and the audit chain (against its anchor file)."""
        db = Database.open(self.path, key=self.key)
        try:
            anchor = load_anchor(anchor_path(self.path))
            return run_checks(db.read, clinic_verifiers(db, anchor, ()))
        finally:
            db.dispose()


@contextlib.contextmanager
def disk_full(engine: Engine) -> Iterator[None]:
    """Make the database unable to grow (``PRAGMA max_page_count``) on every connection."""

    def limit(dbapi_conn: Any, _record: Any) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", limit)
    try:
        yield
    finally:
        event.remove(engine, "connect", limit)
        engine.dispose()


@contextlib.contextmanager
def io_error_on(engine: Engine, verb: str) -> Iterator[None]:
    """Make the driver fail every statement starting with ``verb`` with a disk I/O error."""

    def fail(_cursor: Any, statement: str, _params: Any, _context: Any) -> None:
        if statement.lstrip().upper().startswith(verb):
            error = sqlite_driver().OperationalError("disk I/O error")
            error.sqlite_errorcode = 10  # SQLITE_IOERR, as the driver sets it
            raise error

    event.listen(engine, "do_execute", fail)
    try:
        yield
    finally:
        event.remove(engine, "do_execute", fail)
