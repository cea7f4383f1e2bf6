"""The demo clinic's training ledgers and adverse events (``dnclinic demo``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from factories import as_user
from sqlalchemy import select
from training_factories import add_manager

from dnclinic.model.entities import NeedlingSession, TrainingEntry
from dnclinic.services.demo import build_demo

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_demo_ledgers_are_varied_and_signed_notes_still_verify(app_context: AppContext) -> None:
    build_demo(app_context.db, patients=200, seed=3, now=NOW)
    add_manager(app_context)
    with as_user(app_context, "boss"):
        rows = app_context.training_dashboard.rows()
        events = app_context.adverse_events.register()
    demo = [r for r in rows if r.name != "Tess Tester"]
    assert len(demo) == 6
    assert {r.eligibility.eligible for r in demo} == {True, False}
    assert any(r.eligibility.meets_minimum and not r.eligibility.meets_threshold for r in demo)
    assert any(r.missing_certificates for r in demo)
    assert any(r.unverified for r in demo)
    assert any(r.adverse_events[1] for r in demo)  # significant events too
    assert any(e.deadline.reported_on for e in events)
    with app_context.db.read() as s:
        corrections = s.scalars(select(TrainingEntry).where(TrainingEntry.corrects_id.is_not(None)))
        assert len(corrections.all()) == 1
        signed = s.scalars(select(NeedlingSession.id).where(NeedlingSession.status == "signed"))
        sample = signed.all()[:5]
    assert sample
    for sid in sample:
        app_context.services.actor.practitioner_id = 1
        assert app_context.sessions.verify(sid).unaltered
