"""Bring a database to the schema this version of dnclinic expects, at start-up, without Qt.

- A fresh database is created at head (``create_all`` + ``stamp head``).
- A database behind head is backed up (SQLite's online backup API), then upgraded.
- A database stamped with a revision this app does not know was written by a newer dnclinic:
  it is refused, untouched.
Nothing here shows a dialog; it returns an outcome or raises, and the caller tells the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from dnclinic.model import entities  # noqa: F401  (registers every table)
from dnclinic.model.base import Base
from dnclinic.model.db import sqlite_driver
from dnclinic.model.keyring import sqlcipher_key_pragma

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(RuntimeError):
    """The database cannot be used by this version of dnclinic; the message says why."""


class SchemaAction(StrEnum):
    """What :func:`ensure_schema` did."""

    CREATED = "created"
    UPGRADED = "upgraded"
    CURRENT = "current"


@dataclass(frozen=True, slots=True)
class MigrationOutcome:
    """The result of :func:`ensure_schema`."""

    action: SchemaAction
    from_revision: str | None
    to_revision: str
    backup: Path | None = None


# The newest revision, written down so that a start-up on a current database needs neither
# Alembic nor a parse of every migration script (a test keeps it equal to Alembic's head).
HEAD_REVISION = "0008"


def _stamped_revision(engine: Engine) -> str | None:
    """Read the stamped revision with one query (None when there is none)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:  # no alembic_version table: a new or foreign database
        return None


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Return the newest revision this version of dnclinic knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is stamped with (None for an unstamped database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _connect(path: Path, key: bytes | None) -> Any:
    conn = sqlite_driver().connect(str(path))
    if key is not None:
        conn.execute(sqlcipher_key_pragma(key))
    return conn


def backup_sqlite(source: Path, destination: Path, key: bytes | None = None) -> Path:
    """Copy a live SQLite database with the online backup API (never a plain file copy).

    An encrypted database gives an encrypted copy under the same key.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    src, dst = _connect(source, key), _connect(destination, key)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    check = _connect(destination, key)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()
    finally:
        check.close()
    if result is None or result[0] != "ok":
        raise SchemaError(f"The safety copy {destination} failed its integrity check")
    return destination


def _run_alembic(engine: Engine, action: str, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        if action == "stamp":
            command.stamp(config, revision)
        else:
            command.upgrade(config, revision)


def ensure_schema(
    engine: Engine, *, now: datetime | None = None, key: bytes | None = None
) -> MigrationOutcome:
    """Create, upgrade or refuse the database so that it matches this version's models.

    Args:
        engine: the clinic's engine.
        now: the time used to name a pre-upgrade backup (UTC; defaults to the clock).
        key: the SQLCipher key of an encrypted file (the safety copy is encrypted with it).

    Raises:
        SchemaError: the database is newer than this app, or is not a dnclinic database.
    """
    if _stamped_revision(engine) == HEAD_REVISION:  # the usual start: nothing to do
        return MigrationOutcome(SchemaAction.CURRENT, HEAD_REVISION, HEAD_REVISION)
    head = head_revision()
    revision = current_revision(engine)
    if revision is None:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise SchemaError(
                "This file holds tables but is not a dnclinic database; choose another file."
            )
        Base.metadata.create_all(engine)
        _run_alembic(engine, "stamp")
        return MigrationOutcome(SchemaAction.CREATED, None, head)
    if revision == head:
        return MigrationOutcome(SchemaAction.CURRENT, revision, head)
    if revision not in _known_revisions():
        raise SchemaError(
            f"This database was written by a newer version of dnclinic (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    backup = None
    db_file = engine.url.database
    if engine.dialect.name == "sqlite" and db_file and db_file != ":memory:":
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        path = Path(db_file)
        backup = backup_sqlite(path, path.with_name(f"{path.stem}.before-{head}-{stamp}.db"), key)
    _run_alembic(engine, "upgrade")
    return MigrationOutcome(SchemaAction.UPGRADED, revision, head, backup)
