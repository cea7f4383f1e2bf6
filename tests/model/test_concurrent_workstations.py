"""Two workstation processes charting the same clinic at once: nothing committed is lost.

Each workstation is a separate process (``tests/workstation_child.py``) logged in through the
real composition root. The test drives the interleaving over pipes: both open the same record
(same version), then both save at once. Exactly one save wins each round; the other is told of
the conflict and overwrites nothing. Concurrent registrations all land, and the audit log,
appended by both processes, stays one unbroken chain. Runs on a clinic file and on a server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from factories import as_user, make_patient
from sqlalchemy import func, select
from workstation_support import Workstation

from dnclinic.model.entities import AuditEntry, Patient

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dnclinic.app_context import AppContext

ROUNDS = 12
INSERTS = 40


@pytest.fixture
def workstations(app_context: AppContext) -> Iterator[tuple[Workstation, Workstation]]:
    target = str(app_context.db.sqlite_path or app_context.database_label)
    pair = (Workstation(target, "tester"), Workstation(target, "tester"))
    try:
        for ws in pair:
            assert ws.answer() == "ready"
        yield pair
    finally:
        for ws in pair:
            ws.close()


def test_concurrent_saves_of_one_record_lose_nothing_and_report_the_conflict(
    app_context: AppContext, workstations: tuple[Workstation, Workstation]
) -> None:
    patient = make_patient(app_context)
    a, b = workstations
    won: list[tuple[str, int]] = []
    for n in range(ROUNDS):
        versions = {a.ask(f"read {patient.id}"), b.ask(f"read {patient.id}")}
        assert len(versions) == 1  # both editors opened the same version
        phones = {a: f"(305) 555-1{n:03d}", b: f"(305) 555-2{n:03d}"}
        for ws in (a, b):  # both save at once; their transactions race on the server
            ws.send(f"write {phones[ws]}")
        answers = {ws: ws.answer() for ws in (a, b)}
        winners = [ws for ws, said in answers.items() if said.startswith("ok ")]
        losers = [ws for ws, said in answers.items() if said == "conflict"]
        assert (len(winners), len(losers)) == (1, 1), answers
        won.append((phones[winners[0]], int(answers[winners[0]].split()[1])))
    # Every committed save is there: one version step per win, the last win is what is stored.
    stored = app_context.patients.get(patient.id)
    assert stored.version_id == patient.version_id + ROUNDS
    assert [v for _phone, v in won] == list(range(patient.version_id + 1, stored.version_id + 1))
    assert stored.details.phone == won[-1][0]
    with app_context.db.read() as s:
        updates = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "update", AuditEntry.patient_id == patient.id)
        )
    assert updates == ROUNDS  # one audit entry per committed save, none for a refused one
    with as_user(app_context, "admin"):
        assert app_context.audit.verify().ok


def test_concurrent_registrations_all_land_and_the_audit_chain_holds(
    app_context: AppContext, workstations: tuple[Workstation, Workstation]
) -> None:
    a, b = workstations
    a.send(f"insert WSA {INSERTS}")
    b.send(f"insert WSB {INSERTS}")
    assert (a.answer(), b.answer()) == (f"inserted {INSERTS}", f"inserted {INSERTS}")
    with app_context.db.read() as s:
        mrns = set(s.scalars(select(Patient.mrn).where(Patient.family_name == "Current")))
    expected = {f"{p}-{n:04d}" for p in ("WSA", "WSB") for n in range(1, INSERTS + 1)}
    assert mrns == expected
    with as_user(app_context, "admin"):
        report = app_context.audit.verify()
    assert report.ok, report  # both processes appended to one chain, in order
