"""Session notes, exams and scores charted by mistake are withdrawn, never deleted or rewritten."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient, three_muscle_content
from factories import as_user
from sqlalchemy import select, text

from dnclinic.model.entities import NeedlingSession
from dnclinic.services.audit import AuditAction, AuditFilter
from dnclinic.services.errors import ConcurrentEditError, PermissionDenied, ValidationFailed
from dnclinic.services.sessions import signed_note_problems
from dnclinic.services.withdrawal import AlreadyWithdrawnError

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.sessions import SessionRecord


def _signed_note(ctx: AppContext) -> SessionRecord:
    as_practitioner(ctx)
    p = screened_patient(ctx)
    draft = ctx.sessions.create(p.id, three_muscle_content()).value
    return ctx.sessions.sign(draft.id, draft.version_id).value


def test_a_signed_note_withdrawn_keeps_its_content_seal_and_reason(
    clinic_context: AppContext,
) -> None:
    note = _signed_note(clinic_context)
    saved = clinic_context.sessions.mark_entered_in_error(
        note.id, note.version_id, "  Charted for the wrong patient  "
    )
    assert saved.changes.sessions == frozenset({note.id})
    assert saved.changes.patients == frozenset({note.patient_id})
    assert clinic_context.sessions.sessions(note.patient_id) == []  # gone from the lists
    assert clinic_context.sessions.last_content(note.patient_id) is None
    kept = clinic_context.sessions.get(note.id)  # ...but still in the database, unchanged
    assert kept.status == "entered_in_error"
    assert kept.content == note.content
    assert kept.digest == note.digest
    assert clinic_context.sessions.verify(note.id).unaltered  # the seal is still checked
    with clinic_context.db.read() as s:
        row = s.scalars(select(NeedlingSession).where(NeedlingSession.id == note.id)).one()
        assert row.entered_in_error_reason == "Charted for the wrong patient"
    with as_user(clinic_context, "admin"):
        entries = clinic_context.audit.entries(AuditFilter(action=AuditAction.ENTERED_IN_ERROR))
    assert [(e.entity, e.entity_id) for e in entries] == [("session", note.id)]
    assert "Charted for the wrong patient" in entries[0].details


def test_a_withdrawn_signed_note_altered_later_is_still_caught(
    clinic_context: AppContext,
) -> None:
    note = _signed_note(clinic_context)
    clinic_context.sessions.mark_entered_in_error(note.id, note.version_id, "duplicate")
    with clinic_context.db.write() as s:
        s.execute(text("UPDATE needling_sessions SET pain_after = 0 WHERE id = :i"), {"i": note.id})
    assert not clinic_context.sessions.verify(note.id).unaltered
    with clinic_context.db.read() as s:
        assert [f"Session note {note.id}" in p for p in signed_note_problems(s)] == [True]


def test_withdrawing_needs_a_reason_the_version_seen_and_happens_once(
    clinic_context: AppContext,
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    with pytest.raises(ValidationFailed) as err:
        clinic_context.sessions.mark_entered_in_error(draft.id, draft.version_id, "   ")
    assert err.value.issues[0].field == "reason"
    newer = clinic_context.sessions.update(
        draft.id, draft.version_id, three_muscle_content(plan="edited")
    ).value
    with pytest.raises(ConcurrentEditError):  # withdrawn from a stale screen: refused
        clinic_context.sessions.mark_entered_in_error(draft.id, draft.version_id, "mistake")
    assert clinic_context.sessions.get(draft.id).status == "draft"
    clinic_context.sessions.mark_entered_in_error(draft.id, newer.version_id, "mistake")
    again = clinic_context.sessions.get(draft.id)
    with pytest.raises(AlreadyWithdrawnError):
        clinic_context.sessions.mark_entered_in_error(draft.id, again.version_id, "again")


def test_exams_and_scores_share_the_same_rules(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    score = clinic_context.outcomes.record(p.id, "NPRS", date(2026, 11, 20), (6,)).value
    with pytest.raises(ValidationFailed):
        clinic_context.outcomes.mark_entered_in_error(score.id, score.version_id, "")
    clinic_context.outcomes.mark_entered_in_error(score.id, score.version_id, "wrong day")
    assert clinic_context.outcomes.scores(p.id) == []
    with pytest.raises(AlreadyWithdrawnError):
        clinic_context.outcomes.mark_entered_in_error(score.id, score.version_id, "again")


def test_only_users_who_chart_may_withdraw(clinic_context: AppContext) -> None:
    note = _signed_note(clinic_context)
    with as_user(clinic_context, "admin"), pytest.raises(PermissionDenied):
        clinic_context.sessions.mark_entered_in_error(note.id, note.version_id, "not mine")
    assert clinic_context.sessions.get(note.id).status == "signed"
