"""Migrations: fresh databases, upgrades with a safety copy, refusal of newer databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

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

    from sqlalchemy import Engine

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, Base.metadata))


def test_migrations_from_empty_match_the_models(blank_engine: Engine) -> None:
    _run_alembic(blank_engine, "upgrade")
    assert current_revision(blank_engine) == head_revision()
    assert _diff(blank_engine) == []


def test_fresh_database_is_created_at_head_and_matches(blank_engine: Engine) -> None:
    outcome = ensure_schema(blank_engine, now=NOW)
    assert outcome.action is SchemaAction.CREATED
    assert current_revision(blank_engine) == head_revision()
    assert ensure_schema(blank_engine, now=NOW).action is SchemaAction.CURRENT
    assert _diff(blank_engine) == []


def test_the_audit_log_refuses_update_and_delete_after_the_migrations(blank_engine: Engine) -> None:
    """The Alembic chain (not only ``create_all``) installs the append-only trigger."""
    _run_alembic(blank_engine, "upgrade")
    with blank_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_log (at, username, action, entity, entity_id, patient_id,"
                " details, prev_hash, hash) VALUES (:at, 'a', 'login', 'user', 1, NULL, '{}',"
                " 'p', 'h')"
            ),
            {"at": NOW},
        )
    for statement in ("UPDATE audit_log SET username = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), blank_engine.begin() as conn:
            conn.execute(text(statement))
    with blank_engine.connect() as conn:
        assert conn.execute(text("SELECT username FROM audit_log")).scalars().all() == ["a"]


@pytest.mark.sqlite_only  # the safety copy uses SQLite's backup API (a server: pg_dump)
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
    assert _diff(engine) == []
    engine.dispose()


def test_database_from_a_newer_version_is_refused_untouched(
    blank_engine: Engine, tmp_path: Path
) -> None:
    engine = blank_engine
    ensure_schema(engine, now=NOW)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))

    def schema() -> list[tuple[str, list[str]]]:
        found = inspect(engine)
        names = sorted(found.get_table_names())
        return [(name, [str(c["name"]) for c in found.get_columns(name)]) for name in names]

    before = schema()
    with pytest.raises(SchemaError, match="newer version of dnclinic"):
        ensure_schema(engine, now=NOW)
    assert schema() == before
    assert current_revision(engine) == "9999_future"
    assert list(tmp_path.glob("*.before-*")) == []  # not even a backup was attempted


def test_a_foreign_database_is_refused(blank_engine: Engine) -> None:
    with blank_engine.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    with pytest.raises(SchemaError, match="not a dnclinic database"):
        ensure_schema(blank_engine, now=NOW)


def test_the_written_down_head_is_alembics_head() -> None:
    from dnclinic.model.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION
