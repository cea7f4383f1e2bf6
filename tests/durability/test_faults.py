"""Faults while saving: a full disk, I/O errors, a busy database, two app instances at once.

Each fault gives a plain-language ServiceError from the data layer, writes nothing, leaves the
database verifying, and saving works again once the fault is gone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from durability_support import Clinic, disk_full, io_error_on
from factories import PASSWORD, make_patient, patient_details
from sqlalchemy import text

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.db import Database, make_read_only_engine
from dnclinic.model.keyring import KdfParams
from dnclinic.services.errors import (
    ConcurrentEditError,
    DatabaseBusyError,
    StorageError,
    StorageFullError,
)

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.app_context import AppContext

BIG_NOTE = "History of present complaint. " * 2000  # about 60 kB: needs new pages


def _verifies(ctx: AppContext) -> None:
    failed = [c.line() for c in ctx.backups.verify() if not c.ok]
    assert not failed


def test_full_disk_refuses_the_save_clearly_then_works_again(app_context: AppContext) -> None:
    before = app_context.patients.count()
    audit_before = app_context.audit.count()
    details = patient_details(notes=BIG_NOTE)
    with disk_full(app_context.db.engine), pytest.raises(StorageFullError) as refused:
        app_context.patients.create(details)
    message = str(refused.value)
    assert "full" in message
    assert "still there" in message  # the input is kept
    assert "Traceback" not in message
    assert app_context.patients.count() == before
    assert app_context.audit.count() == audit_before  # no half-written action
    _verifies(app_context)
    saved = app_context.patients.create(details).value  # room again: the same save works
    assert app_context.patients.get(saved.id).details.notes == BIG_NOTE.strip()
    _verifies(app_context)


def test_io_error_while_saving_is_explained_and_nothing_is_written(
    app_context: AppContext,
) -> None:
    patient = make_patient(app_context)
    edited = patient_details(mrn=patient.details.mrn, family_name="Changed")
    with io_error_on(app_context.db.engine, "UPDATE"), pytest.raises(StorageError) as refused:
        app_context.patients.update(patient.id, patient.version_id, edited)
    assert not isinstance(refused.value, StorageFullError)
    assert "disk error" in str(refused.value)
    assert app_context.patients.get(patient.id).details.family_name == "Lopez"
    _verifies(app_context)
    saved = app_context.patients.update(patient.id, patient.version_id, edited).value
    assert saved.details.family_name == "Changed"


def test_a_read_only_database_file_gives_a_clear_error(db_path: Path) -> None:
    writable = Database.open(db_path)
    with writable.write() as s:
        s.execute(text("CREATE TABLE t (x INTEGER)"))
    writable.dispose()
    read_only = Database.from_engine(make_read_only_engine(db_path))
    try:
        with pytest.raises(StorageError, match="read-only"), read_only.write() as s:
            s.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        read_only.dispose()


def test_a_write_held_too_long_elsewhere_gives_a_clear_busy_error(db_path: Path) -> None:
    first = Database.open(db_path)
    second = Database.open(db_path, busy_timeout_ms=100)
    try:
        with first.write() as s:
            s.execute(text("CREATE TABLE IF NOT EXISTS t (x INTEGER)"))
        with first.write() as s:
            s.execute(text("INSERT INTO t VALUES (1)"))  # holds the write lock until the end
            with pytest.raises(DatabaseBusyError, match="busy"), second.write() as s2:
                s2.execute(text("INSERT INTO t VALUES (2)"))
        with second.write() as s2:  # the lock is free again
            s2.execute(text("INSERT INTO t VALUES (3)"))
        with first.read() as s:
            assert s.execute(text("SELECT x FROM t ORDER BY x")).scalars().all() == [1, 3]
    finally:
        first.dispose()
        second.dispose()


def test_two_app_instances_writing_at_once_lose_nothing(clinic: Clinic) -> None:
    writers = [clinic.spawn(prefix, 1, count=25) for prefix in ("A", "B")]
    acknowledged: set[str] = set()
    for prefix, proc in zip(("A", "B"), writers, strict=True):
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
        assert out.splitlines()[-1] == "done"
        acknowledged |= {
            f"{prefix}-{int(line.split()[1]):06d}"
            for line in out.splitlines()
            if line.startswith("ack ")
        }
    assert len(acknowledged) == 50
    assert acknowledged <= clinic.mrns()
    assert all(c.ok for c in clinic.checks())


def test_a_record_edited_in_two_instances_gets_a_clear_conflict(
    app_context: AppContext, db_path: Path
) -> None:
    other = open_clinic(
        db_path,
        Credentials("tester", PASSWORD),
        kdf=KdfParams.fast(),
        config_dir=db_path.parent / "other-config",
    )
    try:
        patient = make_patient(app_context)
        mine = app_context.patients.get(patient.id)
        theirs = other.patients.get(patient.id)
        app_context.patients.update(
            mine.id, mine.version_id, patient_details(mrn=mine.details.mrn, given_name="First")
        )
        with pytest.raises(ConcurrentEditError, match="another workstation"):
            other.patients.update(
                theirs.id,
                theirs.version_id,
                patient_details(mrn=theirs.details.mrn, given_name="Second"),
            )
        assert other.patients.get(patient.id).details.given_name == "First"
    finally:
        other.close()
