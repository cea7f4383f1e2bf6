"""Upgrading a clinic that holds data, from every earlier schema revision, to head.

For each revision before head, an encrypted database is migrated to that revision, filled with
rows through that revision's own tables (SEEDS), and then opened the way the app does
(``ensure_schema``): a verified safety copy is made first, the upgrade keeps every seeded row,
and the result matches the models. A new migration only needs a seed function for the revision
it replaces as head; the test fails with that instruction until it has one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from dnclinic.model.audit_chain import GENESIS, row_hash
from dnclinic.model.base import Base
from dnclinic.model.db import make_engine
from dnclinic.model.keyring import new_database_key
from dnclinic.model.migrate import (
    SchemaAction,
    SchemaError,
    _run_alembic,
    alembic_config,
    current_revision,
    ensure_schema,
    head_revision,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sqlalchemy import Connection, Engine

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
STAMP = {"created_at": "2024-01-01 00:00:00", "created_by": "seed",
         "updated_at": "2024-01-01 00:00:00", "updated_by": "seed", "version_id": 1}  # fmt: skip


def insert(conn: Connection, table: str, **values: Any) -> None:
    columns = ", ".join(values)
    params = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), values)


def seed_0001(conn: Connection) -> None:
    """Foundation: a clinic, a practitioner, two patients (one entered in error)."""
    insert(conn, "clinics", id=1, name="Seed Physio", address="1 Main St", phone="555 0100",
           jurisdiction="FL", training_threshold_hours=60, **STAMP)  # fmt: skip
    insert(conn, "practitioners", id=1, given_name="Maria", family_name="Alvarez",
           licence_number="PT-1", active=True, **STAMP)  # fmt: skip
    for pid, mrn, status, reason in (
        (1, "SEED-1", "active", ""),
        (2, "SEED-2", "entered_in_error", "duplicate"),
    ):
        insert(conn, "patients", id=pid, mrn=mrn, given_name="Ana", family_name="Lopez",
               date_of_birth="1980-05-21", sex="female", phone="", email="", address="",
               emergency_contact_name="", emergency_contact_phone="", notes="Ørsted <b>&",
               status=status, entered_in_error_reason=reason, search_family="lopez",
               search_given="ana", **STAMP)  # fmt: skip


def seed_0002(conn: Connection) -> None:
    """Episodes and screenings, on top of the foundation's rows."""
    seed_0001(conn)
    insert(conn, "episodes", id=1, patient_id=1, region="lumbar", side="left",
           onset_date="2024-01-01", diagnosis="LBP", tags='["chronic"]', status="open",
           closed_on=None, entered_in_error_reason="", **STAMP)  # fmt: skip
    insert(conn, "screenings", id=1, patient_id=1, episode_id=1, screened_on="2024-01-02",
           red_flags="[]", contraindications="[]", precautions='["anticoagulants"]',
           consent_type="written", consent_date="2024-01-02", consent_recorded_by_id=1,
           notes="", status="valid", entered_in_error_reason="", **STAMP)  # fmt: skip


def seed_0003(conn: Connection) -> None:
    """Users and a hash-chained audit log, on top of the earlier rows."""
    seed_0002(conn)
    insert(conn, "users", id=1, username="admin", username_key="admin", display_name="Admin",
           role="admin", active=True, practitioner_id=None, password_hash="$argon2id$seed",
           **STAMP)  # fmt: skip
    prev = GENESIS
    for n in (1, 2):
        at = datetime(2024, 1, 1, 0, n, tzinfo=UTC)
        digest = row_hash(prev, at, "admin", "create", "patient", n, n, "{}")
        insert(conn, "audit_log", id=n, at=at.strftime("%Y-%m-%d %H:%M:%S.%f"),
               username="admin", action="create", entity="patient", entity_id=n, patient_id=n,
               details="{}", prev_hash=prev, hash=digest)  # fmt: skip
        prev = digest


# One seed per revision that is not head. The later revisions (charting, training, decisions,
# documents) are seeded with the rows of every earlier feature, which their upgrades must keep;
# their own tables start empty in these tests (their rows are covered by their service tests).
SEEDS: dict[str, Callable[[Connection], None]] = {
    "0001": seed_0001,
    "0002": seed_0002,
    "0003": seed_0003,
    "0004": seed_0003,
    "0005": seed_0003,
    "0006": seed_0003,
    "0007": seed_0003,
    "0008": seed_0003,
    "0009": seed_0003,
}


def earlier_revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config())
    ordered = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    return [rev for rev in ordered if rev != head_revision()]


Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def snapshot(conn: Connection, like: Snapshot | None = None) -> Snapshot:
    """Every row of every table, by its columns now (or by the columns of ``like``)."""
    found: Snapshot = {}
    tables = list(like) if like else inspect(conn).get_table_names()
    for table in tables:
        if table == "alembic_version":
            continue
        columns = like[table][0] if like else [c["name"] for c in inspect(conn).get_columns(table)]
        quoted = ", ".join(f'"{c}"' for c in columns)  # "case" is a column name, and a keyword
        rows = conn.execute(text(f'SELECT {quoted} FROM "{table}" ORDER BY 1'))
        found[table] = (columns, [tuple(r) for r in rows])
    return found


@pytest.mark.parametrize("revision", earlier_revisions())
def test_upgrade_from_an_earlier_revision_keeps_every_row(
    db_backend: str, blank_engine: Engine, tmp_path: Path, revision: str
) -> None:
    seed = SEEDS.get(revision)
    assert seed is not None, f"add a seed function for revision {revision} to SEEDS"
    # A clinic's SQLite file is encrypted; a server database is the server's to protect.
    key = new_database_key() if db_backend == "sqlite" else None
    engine = make_engine(tmp_path / "clinic.db", key=key) if key else blank_engine
    try:
        _run_alembic(engine, "upgrade", revision)
        with engine.begin() as conn:
            seed(conn)
        with engine.connect() as conn:
            before = snapshot(conn)
        outcome = ensure_schema(engine, now=NOW, key=key)
        assert outcome.action is SchemaAction.UPGRADED
        assert outcome.from_revision == revision
        assert current_revision(engine) == head_revision()
        if db_backend == "sqlite":  # a server is backed up with pg_dump, not by the app
            assert outcome.backup is not None
            assert outcome.backup.exists()
            assert [c.name for c in outcome.backup_checks] == [
                "integrity",
                "foreign keys",
                "audit chain",
            ]
            assert all(c.ok for c in outcome.backup_checks), outcome.backup_checks
        else:
            assert outcome.backup is None
        with engine.connect() as conn:
            assert snapshot(conn, like=before) == before  # every row, every old column, kept
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert list(compare_metadata(ctx, Base.metadata)) == []
    finally:
        engine.dispose()


def test_a_damaged_safety_copy_stops_the_upgrade(tmp_path: Path) -> None:
    """Integrity is checked on the copy; a broken reference means the file is not upgraded."""
    engine = make_engine(tmp_path / "clinic.db")
    try:
        _run_alembic(engine, "upgrade", "0002")
        with engine.begin() as conn:
            seed_0002(conn)
        raw = engine.raw_connection()  # damage it behind the app's back: a dangling reference
        try:
            raw.execute("PRAGMA foreign_keys = OFF")
            raw.execute("DELETE FROM episodes")
        finally:
            raw.close()
        with pytest.raises(SchemaError, match="foreign keys"):
            ensure_schema(engine, now=NOW)
        assert current_revision(engine) == "0002"
    finally:
        engine.dispose()
