"""The demo clinic: realistic, deterministic, and refuses to mix into real data."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import func, select

from dnclinic.clinical.demographics import age_in_years
from dnclinic.demo import create_demo_clinic
from dnclinic.model.entities import Episode, OutcomeScore, Screening
from dnclinic.model.keyring import KdfParams
from dnclinic.services.demo import DemoError, build_demo

if TYPE_CHECKING:
    from pathlib import Path

    from dnclinic.app_context import AppContext

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def _names(ctx: AppContext) -> list[str]:
    return [r.display_name for r in ctx.patients.rows(ctx.patients.search_ids(""))]


def test_demo_builds_a_varied_clinic(app_context: AppContext) -> None:
    summary = build_demo(app_context.db, patients=300, seed=3, now=NOW)
    assert summary.patients == 300
    assert summary.practitioners == 6
    assert app_context.patients.count() == 300
    first = app_context.patients.find_by_mrn("DEMO-000001")
    last = app_context.patients.find_by_mrn("DEMO-000300")
    assert first is not None
    assert last is not None
    assert app_context.clinic.get() is not None
    with app_context.db.read() as s:
        regions = set(s.scalars(select(Episode.region)))
        tags = {t for ts in s.scalars(select(Episode.tags)) for t in ts}
        consent_kinds = set(s.scalars(select(Screening.consent_type)))
        flagged = s.scalar(
            select(func.count()).where(func.json_array_length(Screening.precautions) > 0)
        )
    assert len(regions) >= 8
    assert {"radiculopathy", "myofascial", "degenerative", "headache"} <= tags
    assert consent_kinds == {"written", "verbal", "none"}
    assert flagged
    assert flagged > 10


def test_pregnancy_only_in_plausible_patients(app_context: AppContext) -> None:
    build_demo(app_context.db, patients=1500, seed=5, now=NOW)
    today = NOW.date()
    with app_context.db.read() as s:
        rows = s.execute(select(Screening.patient_id, Screening.precautions)).all()
    pregnant = [pid for pid, precautions in rows if "pregnancy" in precautions]
    assert pregnant
    for pid in pregnant:
        rec = app_context.patients.get(pid)
        assert rec.details.sex == "female"
        assert rec.details.date_of_birth is not None
        assert age_in_years(rec.details.date_of_birth, today) <= 45


def test_same_seed_same_clinic(tmp_path: Path, app_context: AppContext) -> None:
    build_demo(app_context.db, patients=50, seed=9, now=NOW)
    other, _summary = create_demo_clinic(
        tmp_path / "other.db", patients=50, seed=9, clock=lambda: NOW, kdf=KdfParams.fast(),
        config_dir=tmp_path / "c2",
    )  # fmt: skip
    try:
        assert _names(other) == _names(app_context)
    finally:
        other.close()


def test_demo_refuses_a_database_with_patients(app_context: AppContext) -> None:
    build_demo(app_context.db, patients=5, seed=1, now=NOW)
    with pytest.raises(DemoError, match="already holds patients"):
        build_demo(app_context.db, patients=5, seed=1, now=NOW)
    assert app_context.patients.count() == 5


def test_the_showcase_patient_shows_corrections(tmp_path: Path) -> None:
    ctx, _summary = create_demo_clinic(
        tmp_path / "demo.db", patients=20, seed=4, clock=lambda: NOW, kdf=KdfParams.fast(),
        config_dir=tmp_path / "c",
    )  # fmt: skip
    try:
        patient = ctx.patients.find_by_mrn("DEMO-000001")
        assert patient is not None
        notes = [ctx.sessions.get(n.id) for n in ctx.sessions.sessions(patient.id)]
        amended = [n for n in notes if n.addenda]
        assert len(amended) == 1
        assert amended[0].signed
        assert ctx.sessions.verify(amended[0].id).unaltered
        (doc,) = ctx.documents.documents(patient.id)
        assert doc.kind == "session_note"
        assert all(s.value != 9 for s in ctx.outcomes.scores(patient.id, "NPRS"))
        with ctx.db.read() as s:
            withdrawn = s.scalar(
                select(func.count()).select_from(OutcomeScore)
                .where(OutcomeScore.patient_id == patient.id,
                       OutcomeScore.status == "entered_in_error")
            )  # fmt: skip
        assert withdrawn == 1
    finally:
        ctx.close()
