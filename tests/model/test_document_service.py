"""The document service on a real database: render from the chart, archive, audit, reprint."""

from __future__ import annotations

import hashlib
from io import BytesIO
from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient, three_muscle_content
from factories import as_user
from pypdf import PdfReader
from sqlalchemy import select, text

from dnclinic.clinical.neuro import NeuroExam
from dnclinic.model.entities import AuditEntry, PatientDocument
from dnclinic.services.audit import AuditAction
from dnclinic.services.documents import NothingToPrintError
from dnclinic.services.episodes import EpisodeDetails
from dnclinic.services.errors import PermissionDenied, ServiceError
from dnclinic.services.exams import ExamDetails

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.patients import PatientRecord


def _text(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)


def _charted(ctx: AppContext) -> tuple[PatientRecord, int]:
    as_practitioner(ctx)
    p = screened_patient(ctx)
    episode = ctx.episodes.add_episode(
        p.id, EpisodeDetails("lumbar", ctx.services.today(), "left", "L5 radiculopathy")
    ).value
    exam = NeuroExam({"L5": {"left": {"light_touch": 1, "pin_prick": 1}}}, {"L5": {"left": 4}})
    ctx.exams.record(p.id, ExamDetails(ctx.services.today(), exam, episode.id))
    rec = ctx.sessions.create(p.id, three_muscle_content(episode_id=episode.id)).value
    signed = ctx.sessions.sign(rec.id, rec.version_id).value
    ctx.sessions.add_addendum(signed.id, "Late entry", "Patient phoned: <fine> & well.")
    ctx.outcomes.record(p.id, "NPRS", ctx.services.today(), [6])
    return p, signed.id


def test_note_from_the_chart_is_archived_and_audited(clinic_context: AppContext) -> None:
    ctx = clinic_context
    p, sid = _charted(ctx)
    assert ctx.documents.latest_signed_session(p.id) == sid
    doc = ctx.documents.render_note(sid)
    words = _text(doc.pdf)
    for needle in ("Signed session note", "Test Physio", "Lopez, Ana",
                   p.details.mrn, "L5 left (dermatome, myotome)", "Lumbar multifidus",
                   "Patient phoned: <fine> & well.", "Late entry", "20561"):  # fmt: skip
        assert needle in words, needle
    saved = ctx.documents.archive(doc, how="print")
    row = saved.value
    assert row.sha256 == hashlib.sha256(doc.pdf).hexdigest()
    assert (row.kind, row.source_id, row.author) == ("session_note", sid, "tester")
    assert saved.changes.touches_patient(p.id)
    assert ctx.documents.documents(p.id) == [row]
    assert ctx.documents.archived_copy("session_note", p.id, sid) == row
    assert ctx.documents.reprint(row.id) == doc.pdf  # byte for byte
    with ctx.db.read() as s:
        audited = s.execute(
            select(AuditEntry.entity, AuditEntry.patient_id, AuditEntry.details)
            .where(AuditEntry.action == AuditAction.PRINT_EXPORT)
            .order_by(AuditEntry.id)
        ).all()
    assert [a.entity for a in audited] == ["document", "document"]
    assert all(a.patient_id == p.id for a in audited)
    assert '"reprint": true' in audited[1].details


def test_plan_and_progress_for_a_patient(clinic_context: AppContext) -> None:
    ctx = clinic_context
    p, _sid = _charted(ctx)
    plan = _text(ctx.documents.render_plan(p.id).pdf)
    assert "Your home exercises" in plan
    assert "Bridge" in plan
    progress = _text(ctx.documents.render_progress(p.id).pdf)
    assert "Progress report" in progress
    assert "NPRS" in progress


def test_nothing_to_print_is_explained(clinic_context: AppContext) -> None:
    ctx = clinic_context
    p = screened_patient(ctx)
    with pytest.raises(NothingToPrintError, match="no signed session"):
        ctx.documents.latest_signed_session(p.id)
    with pytest.raises(NothingToPrintError, match="no open episode"):
        ctx.documents.render_plan(p.id)


def test_a_manager_may_not_export(clinic_context: AppContext) -> None:
    ctx = clinic_context
    p, sid = _charted(ctx)
    doc = ctx.documents.render_note(sid)
    ctx.services.actor.role, ctx.services.actor.practitioner_id = "manager", None
    with pytest.raises(PermissionDenied):
        ctx.documents.archive(doc)
    with pytest.raises(PermissionDenied):
        ctx.documents.render_note(sid)
    with as_user(ctx, "tester"):
        assert ctx.documents.documents(p.id) == []


def test_a_tampered_archive_copy_is_refused(clinic_context: AppContext) -> None:
    ctx = clinic_context
    _p, sid = _charted(ctx)
    row = ctx.documents.archive(ctx.documents.render_note(sid)).value
    with ctx.db.write() as s:
        s.execute(text("UPDATE patient_documents SET pdf = :b WHERE id = :i"),
                  {"b": b"%PDF-forged", "i": row.id})  # fmt: skip
        assert s.get(PatientDocument, row.id) is not None
    with pytest.raises(ServiceError, match="no longer matches"):
        ctx.documents.reprint(row.id)
