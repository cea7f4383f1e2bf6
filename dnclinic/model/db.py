"""The engine, its connection settings, and the units of work the services open.

This is the only module that knows SQL dialect details. A plain file path means the embedded
SQLite database; a full SQLAlchemy URL (``postgresql+psycopg://...``) means a clinic server.

It also turns what the driver reports about the disk (full, failing, read-only, held by another
workstation for too long) into the plain-language :mod:`dnclinic.errors`, and refuses a database
file on a network share, where SQLite's file locking cannot be trusted.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The embedded default's dialect and driver load with this module, not on the first connect:
# the GUI imports this module before PySide6, whose import hook reads the source of every module
# imported after it (the dialect is some 30 modules; see dnclinic/ui/app.py).
import sqlalchemy.dialects.sqlite  # noqa: F401
import sqlcipher3.dbapi2
from sqlalchemy import Connection, Engine, Integer, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from dnclinic.errors import (
    DatabaseBusyError,
    NetworkStorageError,
    ServerUnavailableError,
    StorageError,
    StorageFullError,
)
from dnclinic.model.keyring import sqlcipher_key_pragma
from dnclinic.model.mounts import MountEntry, mount_table, network_filesystem, windows_remote

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sqlalchemy import Table
    from sqlalchemy.orm import Session


BUSY_TIMEOUT_MS = 10_000
# Execution option that marks a connection as one that will write (BEGIN IMMEDIATE on SQLite).
_WRITE_OPTION = "dnclinic_write"


def database_url(target: str | Path) -> URL:
    """Turn ``--db`` into a URL: a path becomes ``sqlite:///PATH``, a URL is used as it is."""
    text = str(target)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))


def sqlite_driver() -> Any:
    """Return the DB-API module for SQLite files: sqlcipher3 (SQLCipher with a current SQLite).

    The same driver opens encrypted and plain files, so both behave identically.
    """
    return sqlcipher3.dbapi2


def _install_sqlite_settings(
    engine: Engine, key: bytes | None, busy_timeout_ms: int, *, read_only: bool = False
) -> None:
    """Apply the SQLite settings on every new connection and take over transaction control.

    pysqlite's own transaction handling begins transactions lazily and never IMMEDIATE, so it
    is switched off (``isolation_level = None``) and SQLAlchemy's ``begin`` event issues BEGIN.
    A write unit of work starts with ``BEGIN IMMEDIATE``: it takes the write lock up front, so
    two workstations never deadlock half-way through a save (they wait up to the busy timeout).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            if key is not None:  # must be the very first statement on an encrypted file
                cursor.execute(sqlcipher_key_pragma(key))
                # A damaged page is reported to the caller as an error; SQLCipher's own log
                # lines on stderr would only confuse a command-line user.
                cursor.execute("PRAGMA cipher_log_level = NONE")
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not read_only:  # a read-only copy (a backup) is left exactly as it is
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


# The key of the server-wide lock a write unit of work takes (any constant; "dnclinic").
_WRITE_LOCK_KEY = 0x646E636C696E6963


def _install_server_settings(engine: Engine, busy_timeout_ms: int) -> None:
    """Give a write unit of work on a clinic server the same shape as on SQLite.

    It starts by taking one transaction-scoped advisory lock, the server's ``BEGIN IMMEDIATE``:
    saves from all workstations happen one at a time (each takes milliseconds), so the audit
    log's hash chain is appended in order (two concurrent saves would otherwise both chain to
    the same previous entry) and no two saves deadlock half-way. A save waits at most the
    busy timeout for the lock, then fails with the plain "busy" message.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_WRITE_OPTION, False):
            conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(busy_timeout_ms)}")
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_WRITE_LOCK_KEY})")


def make_engine(
    target: str | Path,
    *,
    key: bytes | None = None,
    echo: bool = False,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
) -> Engine:
    """Create the process's one Engine for a database path or URL.

    Args:
        target: a file path (SQLite) or a SQLAlchemy URL.
        key: the raw SQLCipher key of an encrypted SQLite file (None: not encrypted).
        echo: log every statement (debugging).
        busy_timeout_ms: how long a write waits for another workstation's write to finish.
    """
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, module=sqlite_driver())
        _install_sqlite_settings(engine, key, busy_timeout_ms)
        return engine
    engine = create_engine(url, echo=echo, pool_pre_ping=True)
    if url.get_backend_name() == "postgresql":
        _install_server_settings(engine, busy_timeout_ms)
    return engine


def server_holds_clinic(url: str) -> bool:
    """Whether a server database already holds a clinic: its schema and at least one account.

    An empty database (or one set up by ``server-setup`` but with no accounts yet) is where a
    new clinic is created; the first-run screen asks for its first administrator. A server that
    cannot be reached counts as holding one, so the login screen says why it cannot connect.
    """
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("users"):
                return False
            return bool(conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM users)").scalar())
    except DBAPIError:
        return True
    finally:
        engine.dispose()


def make_read_only_engine(path: Path, *, key: bytes | None = None) -> Engine:
    """Open a SQLite file read-only (``mode=ro``), changing nothing in it, not even its header.

    Used to verify backups: their SHA-256 digests must stay what the manifest says.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    driver = sqlite_driver()
    engine = create_engine(
        "sqlite://", module=driver, creator=lambda: driver.connect(uri, uri=True)
    )
    _install_sqlite_settings(engine, key, BUSY_TIMEOUT_MS, read_only=True)
    return engine


@dataclass(frozen=True, slots=True)
class Database:
    """The engine, and the units of work on it: ORM sessions, and Core connections for start-up."""

    engine: Engine
    # The same engine, marked so that each of its transactions takes the write lock at BEGIN.
    _writer: Engine
    key: bytes | None = field(default=None, repr=False)
    busy_timeout_ms: int = BUSY_TIMEOUT_MS

    @classmethod
    def open(
        cls, target: str | Path, *, key: bytes | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Database:
        """Open (but do not migrate) the database at a path or URL, with its key if encrypted.

        Raises:
            NetworkStorageError: the file is on a network share (use a clinic server instead).
        """
        url = database_url(target)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            refuse_network_storage(Path(url.database))
        engine = make_engine(target, key=key, busy_timeout_ms=busy_timeout_ms)
        if url.get_backend_name() != "sqlite":
            check_server(engine)
        return cls.from_engine(engine, key=key, busy_timeout_ms=busy_timeout_ms)

    @classmethod
    def from_engine(
        cls, engine: Engine, *, key: bytes | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS
    ) -> Database:
        """Wrap an existing engine."""
        return cls(
            engine=engine,
            _writer=engine.execution_options(**{_WRITE_OPTION: True}),
            key=key,
            busy_timeout_ms=busy_timeout_ms,
        )

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite database."""
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, for SQLite; None for a server database or in-memory SQLite."""
        name = self.engine.url.database
        if not self.is_sqlite or not name or name == ":memory:":
            return None
        return Path(name)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work (rolled back at the end).

        Raises:
            StorageError: the disk could not be read (see :func:`storage_error`).
        """
        from sqlalchemy.orm import Session  # noqa: PLC0415 - the ORM loads on first use

        try:
            with Session(self.engine, expire_on_commit=False) as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except DBAPIError as exc:
            problem = storage_error(exc, self.busy_timeout_ms, writing=False)
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read-only Core connection, lighter than a Session, for hot read paths."""
        with self.engine.connect() as conn:
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """A read-only connection that sees every table as of one moment (a whole-clinic export).

        SQLite gives one snapshot per read transaction already; PostgreSQL needs REPEATABLE READ
        for that (its default, READ COMMITTED, sees each later commit).
        """
        options = {"isolation_level": "REPEATABLE READ"} if not self.is_sqlite else {}
        with self.engine.connect().execution_options(**options) as conn:
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work for one user action: committed at the end, rolled back on error.

        Raises:
            StorageFullError: the disk is full; nothing was written.
            DatabaseBusyError: another workstation held the write lock past the busy timeout.
            StorageError: the disk failed or is read-only; nothing was written.
        """
        from sqlalchemy.orm import Session  # noqa: PLC0415 - the ORM loads on first use

        with (
            self._storage_errors(),
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def write_core(self) -> Iterator[Connection]:
        """A unit of work on a Core connection, for the start-up path that runs without the ORM.

        It takes the same write lock as :meth:`write` and reports the same storage errors.
        """
        with self._storage_errors(), self._writer.begin() as conn:
            yield conn

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        """Turn a driver error about the disk into its plain-language error (see write())."""
        try:
            yield
        except DBAPIError as exc:
            problem = storage_error(exc, self.busy_timeout_ms)
            if problem is None:
                raise
            raise problem from exc

    def dispose(self) -> None:
        """Close every pooled connection (at exit, or before replacing the file)."""
        self.engine.dispose()


def check_server(engine: Engine) -> None:
    """Connect once to a clinic server, so that an unreachable one is reported in plain words.

    Raises:
        ServerUnavailableError: the server could not be reached or refused the connection.
    """
    try:
        with engine.connect():
            pass
    except OperationalError as exc:
        engine.dispose()
        url = engine.url
        where = f"{url.database} on {url.host or url.query.get('host') or 'this computer'}"
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise ServerUnavailableError(
            f"The clinic server ({where}) could not be reached: {reason}. Check that this "
            "computer is on the clinic's network and that the server is running, or ask your "
            "administrator."
        ) from exc


def append_only_ddl(dialect: str, table: str) -> list[str]:
    """Return the statements that make ``table`` refuse UPDATE and DELETE, for one dialect.

    Used by the migration that creates the audit log and by ``create_all`` for new databases.
    """
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS trg_{table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    if dialect == "postgresql":
        # Row triggers do not fire on TRUNCATE, so a statement trigger refuses that too.
        return [
            f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
        ]
    raise ValueError(f"No append-only guard for the {dialect} dialect")


def sync_id_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """Make new ids follow the largest id in each table, after rows were given explicit ids.

    SQLite picks ``max(rowid) + 1`` by itself. A PostgreSQL ``SERIAL``/identity column draws
    from a sequence that explicit ids do not advance, so the next ordinary insert would collide;
    this moves each table's sequence past its largest id (the demo clinic, ``migrate-to-server``
    and ``import csv`` insert with explicit ids).
    """
    if conn.dialect.name != "postgresql":
        return
    quote = conn.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        column = keys[0].name
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({quote(column)}) FROM {quote(table.name)}), 0) + 1, false)"
            ),
            {"table": quote(table.name), "column": column},
        )


# Tables the app role may only read and add to (on a clinic server).
APPEND_ONLY_TABLES = ("audit_log",)
# Tables the app role may only read: the schema is the schema owner's.
READ_ONLY_TABLES = ("alembic_version",)


def app_role_grants(conn: Connection, app_role: str) -> list[str]:
    """Grant a clinic server's app role what the app needs, and no more; return the statements.

    The schema owner (who runs this and the migrations) keeps the tables. The app role, the
    one the workstations log in with, may read and write the clinic's tables, but on
    ``audit_log`` only SELECT and INSERT (so UPDATE, DELETE and TRUNCATE are refused by the
    grants as well as by the trigger), may not change ``alembic_version``, and cannot alter
    or drop anything, triggers included. Run again after each schema upgrade (new tables).

    Raises:
        ValueError: not a PostgreSQL connection.
    """
    if conn.dialect.name != "postgresql":
        raise ValueError("App-role grants are for a PostgreSQL clinic server")
    quote = conn.dialect.identifier_preparer.quote
    role = quote(app_role)
    database = quote(str(conn.exec_driver_sql("SELECT current_database()").scalar()))
    statements = [
        f"GRANT CONNECT ON DATABASE {database} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        *(
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(table)} FROM {role}"
            for table in APPEND_ONLY_TABLES
        ),
        *(
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {quote(table)} FROM {role}"
            for table in READ_ONLY_TABLES
        ),
    ]
    for statement in statements:
        conn.exec_driver_sql(statement)
    return statements


def is_permission_error(exc: DBAPIError) -> bool:
    """Whether the server refused a statement for want of a privilege (not the owner)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"  # insufficient_privilege


# --- what the driver says about the disk, in plain words ---------------------------------------
# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL = 8, 10, 11, 13
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 5, 6, 14, 26
# PostgreSQL's SQLSTATEs for a lock not granted in time and a deadlock broken by the server.
_PG_LOCK_NOT_AVAILABLE, _PG_DEADLOCK_DETECTED = "55P03", "40P01"


def storage_error(
    exc: DBAPIError, busy_timeout_ms: int = BUSY_TIMEOUT_MS, *, writing: bool = True
) -> StorageError | None:
    """Return the plain-language error for a driver error about the disk, or None.

    Constraint violations and programming errors are not storage problems and give None.

    Args:
        exc: what SQLAlchemy raised.
        busy_timeout_ms: the busy timeout, to say how long was waited.
        writing: whether a save failed (the message then says the input is kept) or a read.
    """
    if exc.connection_invalidated:  # a clinic server went away mid-way
        return ServerUnavailableError(
            "The connection to the clinic server was lost, "
            + ("so this was not saved. What you typed is still there: " if writing else "")
            + "check the network, then try again."
        )
    code = getattr(exc.orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc.orig).lower()
    lost = (
        "so this was not saved. What you typed is still there" if writing else "so it was not read"
    )
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StorageFullError(
            f"The disk that holds the database is full, {lost}: free some space on that disk "
            "(or ask your administrator), then try again."
        )
    sqlstate = getattr(exc.orig, "sqlstate", None)
    busy = sqlstate in (_PG_LOCK_NOT_AVAILABLE, _PG_DEADLOCK_DETECTED)
    if busy or primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return DatabaseBusyError(
            f"Another workstation kept the database busy for more than "
            f"{max(1, busy_timeout_ms // 1000)} seconds, {lost}: try again in a moment."
        )
    if primary == _SQLITE_READONLY or "readonly database" in text:
        return StorageError(
            f"The database file cannot be written to (it is read-only), {lost}. Ask your "
            "administrator to check the file's permissions."
        )
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "disk i/o error" in text:
        return StorageError(
            f"The computer could not use the database file (a disk error: {exc.orig}), {lost}: "
            "try again, and tell your administrator if it happens again."
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return StorageError(
            f"The database file is damaged ({exc.orig}). Ask your administrator to run "
            "“dnclinic verify” and to restore the latest backup."
        )
    return None


# --- network file systems --------------------------------------------------------------------
def refuse_network_storage(path: Path, mounts: Iterable[MountEntry] | None = None) -> None:
    """Refuse a database file on a network share.

    Raises:
        NetworkStorageError: the file is on NFS, SMB/CIFS, sshfs or a similar file system.
    """
    resolved = path.expanduser().resolve()
    found = network_filesystem(resolved, mount_table() if mounts is None else mounts)
    if found is None and not windows_remote(resolved):
        return
    kind = f"a network drive ({found.fs_type})" if found else "a network drive"
    raise NetworkStorageError(
        f"The database {resolved} is on {kind}. A clinic database file must be on this "
        "computer's own disk: over a network its locking cannot be trusted and records can be "
        "lost. To share one clinic between several workstations, use a clinic server database "
        "(dnclinic --db postgresql+psycopg://...); or move the file to a local folder."
    )
