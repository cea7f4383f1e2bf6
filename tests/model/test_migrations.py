"""Migrations: fresh databases, upgrades with a safety copy, refusal of newer databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from dnclinic.model.base import Base
from dnclinic.model.db import make_engine
from dnclinic.model.migrate import (
    SchemaAction,
    SchemaError,
    _run_alembic,
    current_revision,
    ensure_schema,
    head_revision,
)

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _diff(db: Path) -> list[object]:
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return list(compare_metadata(ctx, Base.metadata))
    finally:
        engine.dispose()


def test_migrations_from_empty_match_the_models(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    engine = make_engine(db)
    _run_alembic(engine, "upgrade")
    assert current_revision(engine) == head_revision()
    engine.dispose()
    assert _diff(db) == []


def test_fresh_database_is_created_at_head_and_matches(tmp_path: Path) -> None:
    db = tmp_path / "fresh.db"
    engine = make_engine(db)
    outcome = ensure_schema(engine, now=NOW)
    assert outcome.action is SchemaAction.CREATED
    assert current_revision(engine) == head_revision()
    assert ensure_schema(engine, now=NOW).action is SchemaAction.CURRENT
    engine.dispose()
    assert _diff(db) == []


def test_older_database_is_backed_up_then_upgraded_keeping_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(db)
    _run_alembic(engine, "upgrade", "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO patients (mrn, given_name, family_name, date_of_birth, sex, phone,"
                " email, address, emergency_contact_name, emergency_contact_phone, notes, status,"
                " entered_in_error_reason, search_family, search_given, created_at, created_by,"
                " updated_at, updated_by, version_id)"
                " VALUES ('OLD-1', 'Old', 'Timer', '1950-01-01',"
                " 'male', '', '', '', '', '', '', 'active', '', 'timer', 'old',"
                " '2020-01-01 00:00:00', 'x', '2020-01-01 00:00:00', 'x', 1)"
            )
        )
    outcome = ensure_schema(engine, now=NOW)
    assert outcome.action is SchemaAction.UPGRADED
    assert outcome.from_revision == "0001"
    assert outcome.backup is not None
    assert outcome.backup.exists()
    with sqlite3.connect(outcome.backup) as backup:
        assert backup.execute("SELECT mrn FROM patients").fetchall() == [("OLD-1",)]
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    backup.close()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT mrn FROM patients")).scalars().all() == ["OLD-1"]
        assert conn.execute(text("SELECT count(*) FROM episodes")).scalar() == 0
    engine.dispose()
    assert _diff(db) == []


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    engine = make_engine(db)
    ensure_schema(engine, now=NOW)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))

    def schema() -> list[tuple[object, ...]]:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.exec_driver_sql("SELECT name, sql FROM sqlite_master ORDER BY name")
            ]

    before = schema()
    with pytest.raises(SchemaError, match="newer version of dnclinic"):
        ensure_schema(engine, now=NOW)
    assert schema() == before
    assert current_revision(engine) == "9999_future"
    assert list(tmp_path.glob("*.before-*")) == []  # not even a backup was attempted
    engine.dispose()


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.close()
    engine = make_engine(db)
    with pytest.raises(SchemaError, match="not a dnclinic database"):
        ensure_schema(engine, now=NOW)
    engine.dispose()


def test_the_written_down_head_is_alembics_head() -> None:
    from dnclinic.model.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
