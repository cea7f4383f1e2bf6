"""Bring a database to the schema this version of dnclinic expects, at start-up, without Qt.

- A fresh database is created at head (``create_all`` + ``stamp head``).
- A database behind head is backed up (SQLite's online backup API), the copy verified
  (integrity, foreign keys, audit chain), then upgraded; a damaged copy stops the upgrade.
- A database stamped with a revision this app does not know was written by a newer dnclinic:
  it is refused, untouched.
Nothing here shows a dialog; it returns an outcome or raises, and the caller tells the user.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from dnclinic.model.audit_chain import anchor_path, load_anchor
from dnclinic.model.db import BUSY_TIMEOUT_MS, is_permission_error, sqlite_driver
from dnclinic.model.keyring import sqlcipher_key_pragma

if TYPE_CHECKING:
    from collections.abc import Iterator

    from alembic.config import Config
    from sqlalchemy import MetaData

    from dnclinic.model.verify import CheckResult

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class SchemaError(RuntimeError):
    """The database cannot be used by this version of dnclinic; the message says why."""


class SchemaAction(StrEnum):
    """What :func:`ensure_schema` did."""

    CREATED = "created"
    UPGRADED = "upgraded"
    CURRENT = "current"


class MigrationOutcome(NamedTuple):
    """The result of :func:`ensure_schema`."""

    action: SchemaAction
    from_revision: str | None
    to_revision: str
    backup: Path | None = None
    # The checks of the verified safety copy taken before an upgrade.
    backup_checks: tuple[CheckResult, ...] = ()


# The newest revision, written down so that a start-up on a current database needs neither
# Alembic nor a parse of every migration script (a test keeps it equal to Alembic's head).
HEAD_REVISION = "0010"


def _stamped_revision(engine: Engine) -> str | None:
    """Read the stamped revision with one query (None when there is none)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    # No alembic_version table: a new or foreign database (SQLite reports an OperationalError,
    # PostgreSQL an UndefinedTable, which is a ProgrammingError).
    except (OperationalError, ProgrammingError):
        return None


def alembic_config() -> Config:
    """Return an Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config  # noqa: PLC0415 - Alembic loads only when it has work

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Return the newest revision this version of dnclinic knows."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is stamped with (None for an unstamped database)."""
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

        return MigrationContext.configure(conn).get_current_revision()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _connect(path: Path, key: bytes | None) -> Any:
    conn = sqlite_driver().connect(str(path))
    if key is not None:
        conn.execute(sqlcipher_key_pragma(key))
    return conn


def backup_sqlite(source: Path, destination: Path, key: bytes | None = None) -> Path:
    """Copy a live SQLite database with the online backup API (never a plain file copy).

    The copy is one consistent snapshot even while other workstations write. An encrypted
    database gives an encrypted copy under the same key. The copy is a single self-contained
    file (rollback journal, not write-ahead log), so it can be opened read-only and hashed
    without changing; it is not verified here (see :func:`dnclinic.model.verify.verify_file`).
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    src, dst = _connect(source, key), _connect(destination, key)
    try:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        src.backup(dst)  # all pages in one step: a snapshot under one read transaction
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()
        src.close()
    return destination


def _safety_copy(
    engine: Engine, head: str, now: datetime | None, key: bytes | None
) -> MigrationOutcome | None:
    """Back up and verify an SQLite file before it is upgraded; None for other databases.

    Raises:
        SchemaError: the copy is damaged (integrity or foreign keys): the file is not upgraded.
    """
    db_file = engine.url.database
    if engine.dialect.name != "sqlite" or not db_file or db_file == ":memory:":
        return None
    from dnclinic.model.verify import verify_file  # noqa: PLC0415 - only before an upgrade

    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    path = Path(db_file)
    backup = backup_sqlite(path, path.with_name(f"{path.stem}.before-{head}-{stamp}.db"), key)
    checks = tuple(verify_file(backup, key, load_anchor(anchor_path(path))))
    # A broken audit chain is reported at every start-up already; damaged storage is not
    # upgraded, because an upgrade rewrites tables and could spread the damage.
    damaged = [c for c in checks if not c.ok and c.name != "audit chain"]
    if damaged:
        raise SchemaError(
            "Before upgrading, dnclinic made a safety copy of the database, and the copy did not "
            f"pass its checks ({'; '.join(c.name + ': ' + c.detail for c in damaged)}). Nothing "
            "was changed. Ask your administrator to run “dnclinic verify” and to restore the "
            "latest backup."
        )
    return MigrationOutcome(SchemaAction.UPGRADED, None, head, backup, checks)


def schema_metadata() -> MetaData:
    """Every table of the schema: the ORM entities, imported (and so registered) on first use."""
    import dnclinic.model.entities  # noqa: F401, PLC0415 - registers every table on Base
    from dnclinic.model.base import Base  # noqa: PLC0415

    return Base.metadata


def _run_alembic(engine: Engine, action: str, revision: str = "head") -> None:
    from alembic import command  # noqa: PLC0415 - Alembic loads only when it has work

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        if action == "stamp":
            command.stamp(config, revision)
        else:
            command.upgrade(config, revision)


@contextmanager
def _as_schema_owner(engine: Engine) -> Iterator[None]:
    """Turn a clinic server's refusal to change the schema into a plain SchemaError.

    On a server the workstations log in with an app role that may not create or alter
    tables (docs/SERVER.md); the schema owner creates and upgrades the schema.
    """
    try:
        yield
    except DBAPIError as exc:
        if not is_permission_error(exc):
            raise
        raise SchemaError(
            "The clinic server's database needs its schema created or upgraded to "
            f"{HEAD_REVISION}, and this account may not do that. Ask the server's "
            "administrator to run “dnclinic server-setup” with the schema owner's account "
            "(see docs/SERVER.md); nothing was changed."
        ) from exc


def ensure_schema(
    engine: Engine, *, now: datetime | None = None, key: bytes | None = None
) -> MigrationOutcome:
    """Create, upgrade or refuse the database so that it matches this version's models.

    Args:
        engine: the clinic's engine.
        now: the time used to name a pre-upgrade backup (UTC; defaults to the clock).
        key: the SQLCipher key of an encrypted file (the safety copy is encrypted with it).

    Raises:
        SchemaError: the database is newer than this app, is not a dnclinic database, or its
            safety copy failed verification (nothing was changed).
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
        with _as_schema_owner(engine):
            schema_metadata().create_all(engine)
            _run_alembic(engine, "stamp")
        return MigrationOutcome(SchemaAction.CREATED, None, head)
    if revision == head:
        return MigrationOutcome(SchemaAction.CURRENT, revision, head)
    if revision not in _known_revisions():
        raise SchemaError(
            f"This database was written by a newer version of dnclinic (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    safety = _safety_copy(engine, head, now, key)
    with _as_schema_owner(engine):
        _run_alembic(engine, "upgrade")
    if safety is None:
        return MigrationOutcome(SchemaAction.UPGRADED, revision, head)
    return safety._replace(from_revision=revision)
