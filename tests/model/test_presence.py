"""The "open on another workstation" indicator: leases with a heartbeat and an expiry.

Two workstations are two running dnclinics: in one process (two composition roots) and in two
processes (the workstation child), on a clinic file and on a clinic server alike.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from conftest import FIXED_NOW, fixed_clock
from factories import PASSWORD, make_patient
from workstation_support import Workstation as Process

from dnclinic.app_context import AppContext, Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.services.presence import LEASE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from datetime import datetime
    from pathlib import Path

SINCE = FIXED_NOW.astimezone().strftime("%H:%M")


def _target(ctx: AppContext) -> str:
    return str(ctx.db.sqlite_path or ctx.database_label)


@pytest.fixture
def second(app_context: AppContext, tmp_path: Path) -> Iterator[Callable[..., AppContext]]:
    """Open the same clinic as another workstation (with its own clock)."""
    opened: list[AppContext] = []

    def open_at(clock: Callable[[], datetime] = fixed_clock) -> AppContext:
        login = Credentials("tester", PASSWORD)
        folder = tmp_path / f"ws{len(opened)}"
        ctx = open_clinic(
            _target(app_context), login, clock=clock, kdf=KdfParams.fast(), config_dir=folder
        )
        opened.append(ctx)
        return ctx

    yield open_at
    for ctx in opened:
        ctx.close()


def test_an_open_editor_shows_on_the_other_workstation_until_closed(
    app_context: AppContext, second: Callable[..., AppContext]
) -> None:
    patient = make_patient(app_context)
    other = make_patient(app_context)
    room2 = second()
    assert room2.presence.workstation.id != app_context.presence.workstation.id
    app_context.presence.hold(patient.id)
    app_context.presence.hold(patient.id)  # the heartbeat renews the same lease
    host = app_context.presence.workstation.host
    assert [r.banner() for r in room2.presence.others(patient.id)] == [
        f"Open on another workstation: tester on {host} since {SINCE}"
    ]
    assert app_context.presence.others(patient.id) == []  # not one's own editor
    assert room2.presence.others(other.id) == []  # only that patient's chart
    app_context.presence.release(patient.id)
    assert room2.presence.others(patient.id) == []


def test_a_lease_not_renewed_expires(
    app_context: AppContext, second: Callable[..., AppContext]
) -> None:
    patient = make_patient(app_context)
    app_context.presence.hold(patient.id)  # then the workstation crashes: no release
    almost = second(lambda: FIXED_NOW + LEASE - timedelta(seconds=1))
    assert len(almost.presence.others(patient.id)) == 1
    later = second(lambda: FIXED_NOW + LEASE + timedelta(seconds=1))
    assert later.presence.others(patient.id) == []
    later.presence.hold(patient.id)  # a new lease is taken regardless of the stale one
    assert len(app_context.presence.others(patient.id)) == 1


def test_leases_cross_processes(app_context: AppContext) -> None:
    patient = make_patient(app_context)
    room2 = Process(_target(app_context), "tester", FIXED_NOW.isoformat())
    try:
        assert room2.answer() == "ready"
        assert room2.ask(f"hold {patient.id}") == "held"
        banners = [r.banner() for r in app_context.presence.others(patient.id)]
        assert len(banners) == 1
        assert banners[0].startswith("Open on another workstation: tester on ")
        app_context.presence.hold(patient.id)
        assert room2.ask(f"others {patient.id}").startswith("Open on another workstation: tester")
        assert room2.ask(f"release {patient.id}") == "released"
        assert app_context.presence.others(patient.id) == []
        app_context.presence.release(patient.id)
        assert room2.ask(f"others {patient.id}") == "none"
    finally:
        room2.close()
