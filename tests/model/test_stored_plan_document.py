"""A plan adjusted by the practitioner prints as adjusted (wizard plans meet the documents)."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from typing import TYPE_CHECKING

from factories import make_patient
from pypdf import PdfReader

from dnclinic.services.plans import plan_from_loading

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def test_stored_plan_prints_with_the_practitioners_doses(clinic_context: AppContext) -> None:
    p = make_patient(clinic_context, given_name="Ana")
    skeleton = plan_from_loading("lumbar")
    first = dataclasses.replace(skeleton.exercises[0], sets=4)
    details = dataclasses.replace(skeleton, exercises=(first, *skeleton.exercises[1:2]))
    plan = clinic_context.plans.create(p.id, details).value
    doc = clinic_context.documents.render_stored_plan(plan.id)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(doc.pdf)).pages)
    assert first.name in text
    assert "4 sets" in text
    assert skeleton.exercises[2].name not in text  # the practitioner took it out
    assert doc.source_id == plan.id


def test_the_session_note_carries_the_decision_summary(clinic_context: AppContext) -> None:
    from charting_factories import as_practitioner, three_muscle_content
    from decision_factories import charted_patient, l5_left_exam

    from dnclinic.services.decisions import command_from_draft

    ctx = clinic_context
    as_practitioner(ctx)
    p = charted_patient(ctx, "lumbar", ("radiculopathy",), exam=l5_left_exam(), nprs=5)
    draft = ctx.decisions.prefill(p.id)
    draft.training_hours = 80
    draft.failed_conservative_care = draft.understands_short_term_benefit = True
    ctx.decisions.record(command_from_draft(draft))
    session = ctx.sessions.create(p.id, three_muscle_content()).value
    doc = ctx.documents.render_note(session.id)
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(doc.pdf)).pages)
    assert "needle" in text
    assert "2026.1" in text  # the rule-set version the decision was made under
