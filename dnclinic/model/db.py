"""The engine, its connection settings, and the units of work the services open.

This is the only module that knows SQL dialect details. A plain file path means the embedded
SQLite database; a full SQLAlchemy URL (``postgresql+psycopg://...``) means a clinic server.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from dnclinic.model.keyring import sqlcipher_key_pragma

if TYPE_CHECKING:
    from collections.abc import Iterator

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
    import sqlcipher3.dbapi2  # noqa: PLC0415 - imported only when a SQLite file is opened

    return sqlcipher3.dbapi2


def _install_sqlite_settings(engine: Engine, key: bytes | None) -> None:
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
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(target: str | Path, *, key: bytes | None = None, echo: bool = False) -> Engine:
    """Create the process's one Engine for a database path or URL.

    Args:
        target: a file path (SQLite) or a SQLAlchemy URL.
        key: the raw SQLCipher key of an encrypted SQLite file (None: not encrypted).
        echo: log every statement (debugging).
    """
    url = database_url(target)
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, echo=echo, module=sqlite_driver())
        _install_sqlite_settings(engine, key)
        return engine
    return create_engine(url, echo=echo)


@dataclass(frozen=True, slots=True)
class Database:
    """The engine plus two session factories: one for reading, one for writing."""

    engine: Engine
    _reader: sessionmaker[Session]
    _writer: sessionmaker[Session]
    key: bytes | None = field(default=None, repr=False)

    @classmethod
    def open(cls, target: str | Path, *, key: bytes | None = None) -> Database:
        """Open (but do not migrate) the database at a path or URL, with its key if encrypted."""
        return cls.from_engine(make_engine(target, key=key), key=key)

    @classmethod
    def from_engine(cls, engine: Engine, *, key: bytes | None = None) -> Database:
        """Wrap an existing engine."""
        writer_engine = engine.execution_options(**{_WRITE_OPTION: True})
        return cls(
            engine=engine,
            _reader=sessionmaker(bind=engine, expire_on_commit=False),
            _writer=sessionmaker(bind=writer_engine, expire_on_commit=False),
            key=key,
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
        """A read-only unit of work (rolled back at the end)."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read-only Core connection, lighter than a Session, for hot read paths."""
        with self.engine.connect() as conn:
            try:
                yield conn
            finally:
                conn.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work for one user action: committed at the end, rolled back on error."""
        with self._writer.begin() as session:
            yield session

    def dispose(self) -> None:
        """Close every pooled connection (at exit, or before replacing the file)."""
        self.engine.dispose()


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
        return [
            f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{table} is append-only'; END; $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER trg_{table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
        ]
    raise ValueError(f"No append-only guard for the {dialect} dialect")
