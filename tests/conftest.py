"""Shared fixtures: a real database per test, a fixed clock, the real composition root.

Tests under ``tests/model/`` (the model and service suites) that use a clinic run twice: on a
SQLite file and on a PostgreSQL database (``[sqlite]`` / ``[postgresql]``). The PostgreSQL runs
need a server (``DNCLINIC_TEST_PG_URL``); without one they are deselected, and the summary says
so. A test that is SQLite by nature (file encryption, the backup API, crash tests on a file) is
marked ``sqlite_only``; other tiers use SQLite only.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

# Qt must never need a display: set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from durability_support import Clinic  # noqa: E402
from factories import PASSWORD, as_user  # noqa: E402
from pg_support import NOT_RUN_MESSAGE, PgServer, server_url  # noqa: E402

from dnclinic.app_context import AppContext, create_clinic  # noqa: E402
from dnclinic.model.db import make_engine  # noqa: E402
from dnclinic.model.keyring import KdfParams  # noqa: E402
from dnclinic.services.clinic import ClinicDetails  # noqa: E402
from dnclinic.services.users import NewUser  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from _pytest.terminal import TerminalReporter
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL

FIXED_NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    """The tests' clock: always 2026-11-23 15:30 UTC."""
    return FIXED_NOW


LONG_TESTS_ENV = "DNCLINIC_LONG_TESTS"
BACKENDS = ("sqlite", "postgresql")
# The tiers whose tests run on both databases: the model and service suites.
SERVER_TIERS = frozenset({"model"})
_pg_not_run: list[int] = []


def _on_server_tier(metafunc: pytest.Metafunc) -> bool:
    tests_dir = metafunc.config.rootpath / "tests"
    try:
        tier = metafunc.definition.path.relative_to(tests_dir).parts[0]
    except ValueError:
        return False
    return tier in SERVER_TIERS


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run each model/service test that uses a database on SQLite and on PostgreSQL."""
    if "db_backend" not in metafunc.fixturenames or not _on_server_tier(metafunc):
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    only_pg = metafunc.definition.get_closest_marker("postgresql_only") is not None
    metafunc.parametrize("db_backend", ["postgresql"] if only_pg else BACKENDS, indirect=True)


def _backend(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    return None if callspec is None else callspec.params.get("db_backend")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark Qt tests as ``gui``; deselect what cannot or should not run here.

    The long variants (hundreds of crash cycles) are deselected, not skipped, in ``make test``;
    set DNCLINIC_LONG_TESTS=1 to run them (``.ci/run`` does). The PostgreSQL variants are
    deselected when no server is given (DNCLINIC_TEST_PG_URL); the terminal summary then says so.
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "qtmodeltester"} & set(fixtures):
            item.add_marker(pytest.mark.gui)
    long_ok = os.environ.get(LONG_TESTS_ENV) == "1"
    pg_ok = server_url() is not None
    keep: list[pytest.Item] = []
    deselected: list[pytest.Item] = []
    for item in items:
        if not long_ok and item.get_closest_marker("long") is not None:
            deselected.append(item)
        elif not pg_ok and _backend(item) == "postgresql":
            deselected.append(item)
            _pg_not_run.append(1)
        else:
            keep.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    """Say plainly when the PostgreSQL suite was left out."""
    if _pg_not_run:
        terminalreporter.write_line(
            f"{NOT_RUN_MESSAGE} ({len(_pg_not_run)} tests deselected).", yellow=True, bold=True
        )


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The PostgreSQL test server (from DNCLINIC_TEST_PG_URL), with its template database."""
    url = server_url()
    if url is None:  # only reachable if a test asks for the server outside the parametrisation
        pytest.fail(NOT_RUN_MESSAGE)
    server = PgServer(url)
    yield server
    server.close()


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on: "sqlite" (the default) or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def pg_database(pg_server: PgServer) -> Iterator[URL]:
    """A new PostgreSQL database at the schema head, dropped after the test."""
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


@pytest.fixture(autouse=True)
def _private_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep every test away from the real user's data, config and log folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a new clinic database file."""
    return tmp_path / "clinic.db"


@pytest.fixture
def blank_engine(
    request: pytest.FixtureRequest, db_backend: str, tmp_path: Path
) -> Iterator[Engine]:
    """An engine on an empty database (no tables): a new SQLite file or PostgreSQL database."""
    if db_backend == "sqlite":
        engine = make_engine(tmp_path / "blank.db")
        yield engine
        engine.dispose()
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.empty_database()
    engine = make_engine(url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    server.drop(url)


@pytest.fixture
def db_target(request: pytest.FixtureRequest, db_backend: str, db_path: Path) -> str | Path:
    """Where the test's clinic lives: a SQLite file path, or a new PostgreSQL database's URL."""
    if db_backend == "sqlite":
        return db_path
    url: URL = request.getfixturevalue("pg_database")
    return url.render_as_string(hide_password=False)


@pytest.fixture
def app_context(tmp_path: Path, db_target: str | Path) -> Iterator[AppContext]:
    """A new clinic, logged in as a practitioner ("tester").

    On SQLite it is an encrypted file; on PostgreSQL a fresh database (``db_backend``). The
    clinic's admin is "admin"; both use :data:`factories.PASSWORD`. Argon2 runs with cheap
    parameters so that the suite stays fast; the production costs are tested on their own.
    """
    ctx, _recovery = create_clinic(
        db_target,
        NewUser("admin", "Clinic Admin", "admin", PASSWORD),
        config_dir=tmp_path / "config",
        clock=fixed_clock,
        kdf=KdfParams.fast(),
    )
    tess = ctx.clinic.add_practitioner("Tess", "Tester", "PT-0").value
    ctx.users.create_user(NewUser("tester", "Tess Tester", "practitioner", PASSWORD, tess.id))
    ctx.access.login("tester", PASSWORD)
    yield ctx
    ctx.close()


@pytest.fixture
def clinic_context(app_context: AppContext) -> AppContext:
    """An app context whose clinic is set up (by the admin), with two more practitioners."""
    with as_user(app_context, "admin"):
        app_context.clinic.save(ClinicDetails(name="Test Physio", jurisdiction="FL"))
        app_context.clinic.add_practitioner("Maria", "Alvarez", "PT-1")
        app_context.clinic.add_practitioner("David", "Chen", "PT-2")
    return app_context


@pytest.fixture
def clinic(app_context: AppContext) -> Clinic:
    """The ``app_context`` clinic on disk, closed so that only writer processes use it."""
    path = app_context.db.sqlite_path
    assert path is not None
    key = app_context.db.key
    app_context.close()
    return Clinic(path, key)
