"""`dnclinic verify`, backups and restores check every signed note against its digest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from charting_factories import as_practitioner, screened_patient, three_muscle_content
from sqlalchemy import text

from dnclinic.services.sessions import signed_note_problems
from dnclinic.services.verification import extra_verifiers

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def test_signed_notes_are_checked_by_name(clinic_context: AppContext) -> None:
    assert [v.name for v in extra_verifiers()] == ["signed-note digests"]
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    signed = clinic_context.sessions.sign(draft.id, draft.version_id).value
    with clinic_context.db.read() as s:
        assert signed_note_problems(s) == []
    with clinic_context.db.write() as s:  # someone edits the sealed note behind the app's back
        s.execute(
            text("UPDATE needling_sessions SET pain_after = 0 WHERE id = :id"), {"id": signed.id}
        )
    with clinic_context.db.read() as s:
        problems = signed_note_problems(s)
    assert problems == [
        f"Session note {signed.id} no longer matches the digest it was signed with."
    ]
