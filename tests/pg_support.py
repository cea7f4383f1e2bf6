"""The PostgreSQL side of the suite: a server from DNCLINIC_TEST_PG_URL, a fresh database per test.

The URL names an owner role that may create databases and roles (``scripts/pg-test-server``
makes one; ``.ci/run`` starts it). One database migrated to head is built per test session and
used as a template: ``CREATE DATABASE ... TEMPLATE`` copies it in a few milliseconds, so every
test gets its own empty clinic database at head without running the migrations again.
"""

from __future__ import annotations

import itertools
import os
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from dnclinic.model.migrate import ensure_schema

if TYPE_CHECKING:
    from collections.abc import Iterator

PG_URL_ENV = "DNCLINIC_TEST_PG_URL"
NOT_RUN_MESSAGE = (
    f"PostgreSQL suite did NOT run: set {PG_URL_ENV} (.ci/run starts a server; "
    'or eval "$(scripts/pg-test-server start)")'
)


def server_url() -> URL | None:
    """The test server's owner URL from the environment, or None when there is none."""
    value = os.environ.get(PG_URL_ENV, "").strip()
    return make_url(value) if value else None


@dataclass
class PgServer:
    """A PostgreSQL server the suite may create (and drop) databases and roles on."""

    admin: URL
    prefix: str = field(default_factory=lambda: f"dnct_{os.getpid()}_{uuid.uuid4().hex[:6]}")
    _counter: Iterator[int] = field(default_factory=itertools.count)
    _template: str | None = None

    def _admin_execute(self, *statements: str) -> None:
        engine = create_engine(self.admin, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            engine.dispose()

    def execute(self, *statements: str) -> None:
        """Run statements as the owner, outside a transaction (CREATE ROLE, GRANT...)."""
        self._admin_execute(*statements)

    def new_role(self) -> str:
        """Create a login role with no privileges of its own (like a clinic's app role)."""
        name = f"{self.prefix}_role_{next(self._counter)}"
        self._admin_execute(f'CREATE ROLE "{name}" LOGIN')
        return name

    def url_of(self, name: str) -> URL:
        """The owner's URL of database ``name`` on this server."""
        return self.admin.set(database=name)

    def empty_database(self) -> URL:
        """Create a new, empty database (no tables) and return its URL."""
        name = f"{self.prefix}_{next(self._counter)}"
        self._admin_execute(f'CREATE DATABASE "{name}"')
        return self.url_of(name)

    def new_database(self) -> URL:
        """Create a new database at the current schema head (from the template)."""
        if self._template is None:
            url = self.empty_database()
            engine = create_engine(url)
            try:
                ensure_schema(engine)
            finally:
                engine.dispose()
            self._template = url.database
        name = f"{self.prefix}_{next(self._counter)}"
        self._admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"')
        return self.url_of(name)

    def drop(self, url: URL) -> None:
        """Drop a database made by this server object (closing any connection left open)."""
        self._admin_execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')

    def close(self) -> None:
        """Drop the template."""
        if self._template is not None:
            self.drop(self.url_of(self._template))
            self._template = None
