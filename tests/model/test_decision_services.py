"""Decision and plan services: prefill from the chart, one-transaction record, overrides."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner
from decision_factories import charted_patient, l5_left_exam
from sqlalchemy import func, select

from dnclinic.model.entities import AuditEntry, Decision, HomePlan
from dnclinic.services.decisions import DecisionService, command_from_draft
from dnclinic.services.errors import ConcurrentEditError, ValidationFailed
from dnclinic.services.plans import plan_from_loading

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def _count(ctx: AppContext, entity: type) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(entity)) or 0)


def test_prefill_takes_every_value_from_the_chart(clinic_context: AppContext) -> None:
    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(
        ctx, "lumbar", ("radiculopathy",), exam=l5_left_exam(), nprs=6,
        precautions=("anticoagulants",),
    )  # fmt: skip
    draft = ctx.decisions.prefill(p.id)
    assert (draft.region, draft.chronicity, draft.tags) == ("lumbar", "chronic", ["radiculopathy"])
    assert draft.precautions == ["anticoagulants"]
    assert draft.consent_recorded
    assert draft.neuro == l5_left_exam()
    assert draft.baseline_pain == 6
    assert draft.age is not None
    assert draft.training_threshold_hours == 60
    assert draft.training_hours == 0  # from the training ledger, where nothing is recorded yet
    assert draft.provenance["training_hours"] == "training ledger"
    assert {"condition", "safety", "neuro", "baseline_pain"} <= set(draft.provenance)


def test_prefill_uses_an_injected_training_ledger(clinic_context: AppContext) -> None:
    ctx = clinic_context
    pid = as_practitioner(ctx)
    p = charted_patient(ctx, "cervical", ("myofascial",))
    service = DecisionService(
        ctx.db, ctx.services, ctx.audit,
        (ctx.patients, ctx.episodes, ctx.exams, ctx.outcomes, ctx.clinic),
        training_hours=lambda who: Decimal(120) if who == pid else None,
        jurisdiction_minimum=lambda: Decimal(50),
    )  # fmt: skip
    draft = service.prefill(p.id)
    assert draft.training_hours == 120
    assert draft.jurisdiction_minimum_hours == 50
    assert draft.provenance["training_hours"] == "training ledger"


def test_record_writes_decision_and_plan_in_one_transaction(clinic_context: AppContext) -> None:
    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(ctx, "lumbar", ("radiculopathy",), exam=l5_left_exam(), nprs=5)
    draft = ctx.decisions.prefill(p.id)
    draft.training_hours = 80
    draft.failed_conservative_care = draft.understands_short_term_benefit = True
    draft.create_plan, draft.plan = True, plan_from_loading("lumbar")
    saved = ctx.decisions.record(command_from_draft(draft))
    record = saved.value
    assert record.verdict == "needle"
    assert record.recommendation == draft.recommendation().to_dict()
    assert record.case == draft.case().to_dict()
    assert record.rule_set_version == "2026.1"
    assert record.practitioner_name == "Maria Alvarez"
    assert record.plan_id in saved.changes.plans
    plan = ctx.plans.latest(p.id)
    assert plan is not None
    assert plan.decision_id == record.id
    assert plan.details.rir_min == 1
    assert plan.details.rir_max == 2
    assert [e.name for e in plan.details.exercises]
    assert ctx.plans.get(plan.id) == plan
    assert ctx.decisions.decisions(p.id) == [ctx.decisions.get(record.id)]
    with ctx.db.read() as s:
        entities = s.scalars(select(AuditEntry.entity).where(AuditEntry.patient_id == p.id))
        assert {"decision", "home_plan"} <= set(entities)
    kinds = {i.kind for i in ctx.timeline.timeline(p.id)}
    assert {"decision", "plan"} <= kinds


def test_a_failing_plan_leaves_no_decision_behind(clinic_context: AppContext) -> None:
    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(ctx, "lumbar", ("radiculopathy",), exam=l5_left_exam())
    draft = ctx.decisions.prefill(p.id)
    draft.training_hours = 80
    draft.failed_conservative_care = draft.understands_short_term_benefit = True
    bad = plan_from_loading("lumbar")
    draft.create_plan, draft.plan = True, type(bad)(bad.region, ())
    with pytest.raises(ValidationFailed, match="at least one exercise"):
        ctx.decisions.record(command_from_draft(draft))
    assert _count(ctx, Decision) == 0
    assert _count(ctx, HomePlan) == 0


def test_override_needs_a_reason_and_refer_cannot_be_overridden(
    clinic_context: AppContext,
) -> None:
    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(ctx, "lumbar", ("degenerative",))
    draft = ctx.decisions.prefill(p.id)
    draft.training_hours = 80
    draft.override, draft.override_reason = True, "   "
    with pytest.raises(ValidationFailed, match="Write why"):
        ctx.decisions.record(command_from_draft(draft))
    draft.override_reason = "Patient declined surgery; trial of 4 sessions agreed."
    record = ctx.decisions.record(command_from_draft(draft)).value
    assert record.verdict == "do_not_needle"
    assert record.overridden
    assert record.override_reason.startswith("Patient declined")

    flagged = charted_patient(ctx, "lumbar", (), red_flags=("cauda_equina",))
    draft = ctx.decisions.prefill(flagged.id)
    draft.training_hours = 80
    command = command_from_draft(draft)
    forced = type(command)(command.patient_id, command.case, override_reason="I know better")
    with pytest.raises(ValidationFailed, match="cannot be overridden"):
        ctx.decisions.record(forced)


def test_plan_update_and_supersede(clinic_context: AppContext) -> None:
    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(ctx, "knee")
    first = ctx.plans.create(p.id, plan_from_loading("knee")).value
    details = first.details
    changed = type(details)(details.region, details.exercises[:1], 0, 1, 4, "Pain-free range")
    updated = ctx.plans.update(first.id, first.version_id, changed).value
    assert updated.details == changed
    with pytest.raises(ConcurrentEditError):
        ctx.plans.update(first.id, first.version_id, changed)
    second = ctx.plans.create(p.id, plan_from_loading("knee")).value
    assert [pl.status for pl in ctx.plans.plans(p.id)] == ["active", "superseded"]
    assert ctx.plans.latest(p.id) == second
