"""The demo clinic records decisions and home-loading plans for a share of its patients."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select

from dnclinic.clinical.case import Case
from dnclinic.clinical.decision import evaluate
from dnclinic.model.entities import Decision, HomePlan
from dnclinic.services.demo import build_demo

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_demo_decisions_and_plans(app_context: AppContext) -> None:
    build_demo(app_context.db, patients=400, seed=5, now=NOW)
    with app_context.db.read() as s:
        decisions = [
            (d.id, d.patient_id, d.verdict, d.overridden, d.case, d.recommendation)
            for d in s.scalars(select(Decision))
        ]
        plans = [
            (p.decision_id, p.exercises, p.rir_min, p.rir_max) for p in s.scalars(select(HomePlan))
        ]
    assert 20 <= len(decisions) <= 120  # about one patient in eight with an episode
    verdicts = {d[2] for d in decisions}
    assert {"needle", "defer"} <= verdicts
    assert len(verdicts) >= 4
    for _id, _pid, _verdict, _overridden, case, recommendation in decisions:
        # stored exactly as the engine recommends for the stored case
        assert evaluate(Case.from_dict(case)).to_dict() == recommendation
    planned = {p[0] for p in plans}
    assert planned == {d[0] for d in decisions if d[2] == "needle" or d[3]}
    assert all(exercises and (low, high) == (1, 2) for _d, exercises, low, high in plans)
    kinds = {i.kind for i in app_context.timeline.timeline(decisions[0][1])}
    assert "decision" in kinds
