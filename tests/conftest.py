"""Shared fixtures: a real SQLite file per test, a fixed clock, the real composition root."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

# Qt must never need a display: set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

from durability_support import Clinic  # noqa: E402
from factories import PASSWORD, as_user  # noqa: E402

from dnclinic.app_context import AppContext, create_clinic  # noqa: E402
from dnclinic.model.keyring import KdfParams  # noqa: E402
from dnclinic.services.clinic import ClinicDetails  # noqa: E402
from dnclinic.services.users import NewUser  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

FIXED_NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    """The tests' clock: always 2026-11-23 15:30 UTC."""
    return FIXED_NOW


LONG_TESTS_ENV = "DNCLINIC_LONG_TESTS"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark Qt tests as ``gui``; leave out the ``long`` variants unless DNCLINIC_LONG_TESTS=1.

    The long variants (hundreds of crash cycles) are deselected, not skipped, in ``make test``;
    set DNCLINIC_LONG_TESTS=1 to run them (``.ci/run`` does).
    """
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "qtmodeltester"} & set(fixtures):
            item.add_marker(pytest.mark.gui)
    if os.environ.get(LONG_TESTS_ENV) == "1":
        return
    deselected = [item for item in items if item.get_closest_marker("long") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item.get_closest_marker("long") is None]


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
def app_context(tmp_path: Path, db_path: Path) -> Iterator[AppContext]:
    """A new encrypted clinic on a real SQLite file, logged in as a practitioner ("tester").

    The clinic's admin is "admin"; both use :data:`factories.PASSWORD`. Argon2 runs with cheap
    parameters so that the suite stays fast; the production costs are tested on their own.
    """
    ctx, _recovery = create_clinic(
        db_path,
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
