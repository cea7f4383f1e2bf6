"""Every SQLite connection has the settings the architecture promises (read back, not assumed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.app_context import AppContext
from dnclinic.model.db import sqlite_driver
from dnclinic.model.keyring import sqlcipher_key_pragma

# SQLite connection settings (pragmas, BEGIN IMMEDIATE, WAL readers): SQLite by nature.
pytestmark = pytest.mark.sqlite_only


def _pragmas(conn: object) -> dict[str, object]:
    return {
        name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # type: ignore[attr-defined]
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
    }


def test_every_connection_has_foreign_keys_wal_full_sync_and_busy_timeout(
    app_context: AppContext,
) -> None:
    engine = app_context.db.engine
    seen = []
    # several connections at once, so the pool has to open more than one
    conns = [engine.connect() for _ in range(3)]
    try:
        for conn in conns:
            seen.append(_pragmas(conn))
    finally:
        for conn in conns:
            conn.close()
    with app_context.db.write() as s:
        seen.append(_pragmas(s.connection()))
    for pragmas in seen:
        assert pragmas == {
            "foreign_keys": 1,
            "journal_mode": "wal",
            "synchronous": 2,
            "busy_timeout": 10_000,
        }


def test_write_units_begin_immediate_and_hold_the_write_lock(
    app_context: AppContext, db_path: Path
) -> None:
    # the same SQLite library as the app: POSIX locks do not separate two copies in one process
    other = sqlite_driver().connect(str(db_path), timeout=0, isolation_level=None)
    assert app_context.db.key is not None
    other.execute(sqlcipher_key_pragma(app_context.db.key))
    try:
        with app_context.db.write() as s:
            s.execute(text("SELECT 1"))  # nothing written yet, but the lock is taken up front
            with pytest.raises(sqlite_driver().OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work ended
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_read_units_do_not_block_writers(app_context: AppContext, db_path: Path) -> None:
    # the same SQLite library as the app: POSIX locks do not separate two copies in one process
    other = sqlite_driver().connect(str(db_path), timeout=0, isolation_level=None)
    assert app_context.db.key is not None
    other.execute(sqlcipher_key_pragma(app_context.db.key))
    try:
        with app_context.db.read() as s:
            s.execute(text("SELECT count(*) FROM patients"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
