"""Charting services on a real database: every rule of sign and lock, billing, drafts, outcomes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import pytest
from charting_factories import as_practitioner, screened_patient, three_muscle_content
from sqlalchemy import func, select, text

from dnclinic.clinical.neuro import NeuroExam
from dnclinic.model.entities import NeedleTarget
from dnclinic.services.audit import AuditAction, AuditFilter
from dnclinic.services.errors import ConcurrentEditError, PermissionDenied, ValidationFailed
from dnclinic.services.exams import ExamDetails, changed_cells
from dnclinic.services.note_errors import NotOwnNoteError, SignedNoteError, SignGateFailed
from dnclinic.services.session_content import (
    PairEntry,
    StimulationEntry,
    TargetEntry,
    content_from_payload,
    content_to_payload,
)

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def _stim(hz: float, minutes: float = 20) -> StimulationEntry:
    return StimulationEntry(
        hz, 250, 2.0, minutes, "biphasic", (PairEntry("lumbar", "left", "gluteal", "left"),)
    )


def test_draft_session_is_saved_with_targets_and_billing_code(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    saved = clinic_context.sessions.create(p.id, three_muscle_content())
    rec = saved.value
    assert rec.status == "draft"
    assert rec.practitioner_name == "Maria Alvarez"
    assert [t.muscle for t in rec.content.targets] == [
        "lumbar_multifidus",
        "gluteus_medius",
        "piriformis",
    ]
    assert rec.content.billing_code == "20561"
    assert rec.findings == ((),)  # 4 Hz for 20 min: nothing to warn about
    assert saved.changes.sessions == frozenset({rec.id})
    assert clinic_context.sessions.sessions(p.id)[0].billing_code == "20561"


@pytest.mark.parametrize(
    ("targets", "code"),
    [
        ((), None),
        ((TargetEntry("upper_trapezius", "left"),), "20560"),
        ((TargetEntry("upper_trapezius", "left"), TargetEntry("upper_trapezius", "left")), "20560"),
        (
            (TargetEntry("upper_trapezius", "left"), TargetEntry("upper_trapezius", "right")),
            "20560",
        ),
        (
            (
                TargetEntry("upper_trapezius", "left"),
                TargetEntry("upper_trapezius", "right"),
                TargetEntry("levator_scapulae", "left"),
            ),
            "20561",
        ),
    ],
)
def test_billing_code_follows_distinct_muscles(
    targets: tuple[TargetEntry, ...], code: str | None
) -> None:
    assert three_muscle_content(targets=targets).billing_code == code


def test_150_hz_is_refused_and_30_hz_saved_with_its_warning(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    with pytest.raises(ValidationFailed) as err:
        clinic_context.sessions.create(p.id, three_muscle_content(stimulation=(_stim(150),)))
    assert [i.field for i in err.value.issues] == ["stimulation.0.frequency_hz"]
    assert "above 100 Hz" in err.value.issues[0].message
    assert clinic_context.sessions.sessions(p.id) == []
    rec = clinic_context.sessions.create(
        p.id, three_muscle_content(stimulation=(_stim(30, 5),))
    ).value
    codes = [f["code"] for f in rec.findings[0]]
    assert codes == ["frequency_outside_band", "duration_below_10min"]


def test_pacemaker_patient_cannot_have_trunk_electrodes(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context, precautions=("pacemaker_or_icd",))
    with pytest.raises(ValidationFailed) as err:
        clinic_context.sessions.create(p.id, three_muscle_content())
    assert "Pacemaker" in str(err.value)


def test_sign_seals_the_note_and_refuses_any_change(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    signed = clinic_context.sessions.sign(draft.id, draft.version_id).value
    assert signed.signed
    assert signed.signed_by == "tester"
    assert signed.digest is not None
    assert len(signed.digest) == 64
    with pytest.raises(SignedNoteError):
        clinic_context.sessions.update(
            signed.id, signed.version_id, three_muscle_content(plan="changed")
        )
    with pytest.raises(SignedNoteError):
        clinic_context.sessions.sign(signed.id, signed.version_id)
    again = clinic_context.sessions.get(signed.id)
    assert again.content.plan == "Repeat in one week; loading programme."
    check = clinic_context.sessions.verify(signed.id)
    assert check.unaltered
    assert "Unaltered" in check.message


def test_verify_detects_a_note_altered_behind_the_app(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    signed = clinic_context.sessions.sign(draft.id, draft.version_id).value
    with clinic_context.db.write() as s:
        s.execute(
            text("UPDATE needling_sessions SET pain_after = 0 WHERE id = :i"), {"i": signed.id}
        )
    check = clinic_context.sessions.verify(signed.id)
    assert not check.unaltered
    assert check.message.startswith("ALTERED")


def test_only_the_notes_own_practitioner_may_edit_or_sign(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context, 0)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    as_practitioner(clinic_context, 1)
    with pytest.raises(NotOwnNoteError):
        clinic_context.sessions.sign(draft.id, draft.version_id)
    with pytest.raises(NotOwnNoteError):
        clinic_context.sessions.update(draft.id, draft.version_id, three_muscle_content())


def test_user_without_practitioner_cannot_write_notes(clinic_context: AppContext) -> None:
    p = screened_patient(clinic_context)
    clinic_context.services.actor.practitioner_id = None  # an account not linked to anyone
    with pytest.raises(Exception, match="not linked to a practitioner"):
        clinic_context.sessions.create(p.id, three_muscle_content())


@pytest.mark.parametrize(
    ("screening", "content_changes", "fields"),
    [
        ({}, {"consent_confirmed": False}, ["consent_confirmed"]),
        ({"red_flags": ("cauda_equina",)}, {}, ["screening"]),
        ({"contraindications": ("needle_phobia",)}, {}, ["screening"]),
        ({}, {"targets": ()}, ["targets"]),
    ],
)
def test_sign_gate(
    clinic_context: AppContext,
    screening: dict[str, tuple[str, ...]],
    content_changes: dict[str, object],
    fields: list[str],
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context, **screening)
    stim = () if "targets" in content_changes else three_muscle_content().stimulation
    draft = clinic_context.sessions.create(
        p.id, three_muscle_content(stimulation=stim, **content_changes)
    ).value
    with pytest.raises(SignGateFailed) as err:
        clinic_context.sessions.sign(draft.id, draft.version_id)
    assert [i.field for i in err.value.issues] == fields
    assert clinic_context.sessions.get(draft.id).status == "draft"


def test_sign_needs_a_screening(clinic_context: AppContext) -> None:
    from factories import make_patient

    as_practitioner(clinic_context)
    p = make_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    with pytest.raises(SignGateFailed, match="Record a screening"):
        clinic_context.sessions.sign(draft.id, draft.version_id)


def test_saving_a_draft_again_keeps_the_old_rows_and_checks_the_version(
    clinic_context: AppContext,
) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    first = clinic_context.sessions.create(p.id, three_muscle_content()).value
    fewer = three_muscle_content(targets=three_muscle_content().targets[:1])
    second = clinic_context.sessions.update(first.id, first.version_id, fewer).value
    assert len(second.content.targets) == 1
    assert second.content.billing_code == "20560"
    with clinic_context.db.read() as s:
        stored = s.scalar(
            select(func.count())
            .select_from(NeedleTarget)
            .where(NeedleTarget.session_id == first.id)
        )
    assert stored == 4  # revision 1 (3 targets) is kept, revision 2 adds 1
    with pytest.raises(ConcurrentEditError):
        clinic_context.sessions.update(first.id, first.version_id, fewer)


def test_addenda_are_signed_and_verified(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    with pytest.raises(ValidationFailed, match="Only a signed note"):
        clinic_context.sessions.add_addendum(draft.id, "late entry", "text")
    signed = clinic_context.sessions.sign(draft.id, draft.version_id).value
    with pytest.raises(ValidationFailed) as err:
        clinic_context.sessions.add_addendum(signed.id, " ", "")
    assert {i.field for i in err.value.issues} == {"reason", "text"}
    add = clinic_context.sessions.add_addendum(
        signed.id, "Pain after was 4", "Patient rang: pain 4/10 that evening."
    ).value
    assert len(add.digest) == 64
    assert add.signed_by == "Maria Alvarez (tester)"  # as the note prints it
    assert clinic_context.sessions.get(signed.id).addenda == (add,)
    assert clinic_context.sessions.verify(signed.id).unaltered
    with clinic_context.db.write() as s:
        s.execute(text("UPDATE addenda SET text = 'edited' WHERE id = :i"), {"i": add.id})
    assert not clinic_context.sessions.verify(signed.id).unaltered


def test_every_charting_write_is_audited(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    clinic_context.services.actor.role = "admin"  # admins linked to a practitioner may read the log
    p = screened_patient(clinic_context)
    draft = clinic_context.sessions.create(p.id, three_muscle_content()).value
    draft = clinic_context.sessions.update(draft.id, draft.version_id, three_muscle_content()).value
    clinic_context.sessions.sign(draft.id, draft.version_id)
    clinic_context.sessions.add_addendum(draft.id, "r", "t")
    clinic_context.outcomes.record(p.id, "NPRS", date(2026, 11, 20), [6])
    entries = clinic_context.audit.entries(AuditFilter(patient_id=p.id))
    actions = [(e.action, e.entity) for e in reversed(entries)]
    assert actions[-5:] == [
        (AuditAction.CREATE, "session"),
        (AuditAction.UPDATE, "session"),
        (AuditAction.SIGN, "session"),
        (AuditAction.ADDENDUM, "session"),
        (AuditAction.CREATE, "outcome"),
    ]


def test_chart_reads_need_chart_read(clinic_context: AppContext) -> None:
    p = screened_patient(clinic_context)
    actor = clinic_context.services.actor
    actor.role, actor.practitioner_id = "manager", None  # a manager who does not needle
    for call in (
        lambda: clinic_context.sessions.sessions(p.id),
        lambda: clinic_context.exams.exams(p.id),
        lambda: clinic_context.outcomes.scores(p.id),
        lambda: clinic_context.timeline.timeline(p.id),
        lambda: clinic_context.drafts.pending(p.id),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_neuro_exam_is_interpreted_and_compared(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    normal = NeuroExam(
        dermatomes={
            "L5": {
                "left": {"light_touch": 2, "pin_prick": 2},
                "right": {"light_touch": 2, "pin_prick": 2},
            }
        },
        myotomes={"L5": {"left": 5, "right": 5}},
        reflexes={"achilles": {"left": 2, "right": 2}},
    )
    first = clinic_context.exams.record(p.id, ExamDetails(date(2026, 11, 1), normal)).value
    assert first.interpretation.implicated_levels == ()
    deficit = NeuroExam(
        dermatomes={
            "L5": {
                "left": {"light_touch": 1, "pin_prick": 1},
                "right": {"light_touch": 2, "pin_prick": 2},
            }
        },
        myotomes={"L5": {"left": 4, "right": 5}},
        reflexes={"achilles": {"left": 2, "right": 2}},
        umn={"babinski": False},
    )
    second = clinic_context.exams.record(
        p.id, ExamDetails(date(2026, 11, 20), deficit, comment="worse")
    ).value
    assert [(i.level, i.side, i.domains) for i in second.interpretation.implicated_levels] == [
        ("L5", "left", ("dermatome", "myotome"))
    ]
    assert clinic_context.exams.latest(p.id) == second
    assert clinic_context.exams.latest(p.id, before_id=second.id) == first
    assert changed_cells(second, first) == {
        ("dermatome", "light_touch", "L5", "left"),
        ("dermatome", "pin_prick", "L5", "left"),
        ("myotome", "motor", "L5", "left"),
    }
    with pytest.raises(ValidationFailed):
        clinic_context.exams.record(p.id, ExamDetails(date(2027, 1, 1), normal))
    clinic_context.exams.mark_entered_in_error(second.id, second.version_id, "wrong patient")
    assert clinic_context.exams.latest(p.id) == first


def test_outcome_scores_and_trend(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    odi = clinic_context.outcomes.record(
        p.id, "ODI", date(2026, 10, 1), [3, 2, 3, 2, 3, 2, 2, None, 2, 1]
    ).value
    assert odi.value == 44.4
    assert odi.band == "severe"
    with pytest.raises(ValidationFailed):
        clinic_context.outcomes.record(p.id, "ODI", date(2026, 10, 2), [None] * 10)
    clinic_context.outcomes.record(p.id, "ODI", date(2026, 11, 1), [1] * 10)
    clinic_context.outcomes.record(p.id, "NPRS", date(2026, 10, 1), [7])
    clinic_context.outcomes.record(p.id, "NPRS", date(2026, 10, 8), [5])
    trend = clinic_context.outcomes.trend(p.id, "ODI")
    assert [v for _, v in trend.points] == [44.4, 20.0]
    assert (trend.baseline, trend.mcid_low, trend.mcid_high) == (44.4, 34.4, 54.4)
    assert trend.change is not None
    assert trend.change.reaches_mcid
    pain = clinic_context.outcomes.trend(p.id, "NPRS")
    assert pain.responder is not None
    assert pain.responder.early_responder is True
    assert clinic_context.outcomes.instruments_used(p.id) == ["NPRS", "ODI"]


def test_drafts_round_trip_and_belong_to_their_author(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    content = three_muscle_content(subjective="Typed so far")
    clinic_context.drafts.save(p.id, "session", content_to_payload(content))
    clinic_context.drafts.save(
        p.id, "session", content_to_payload(replace(content, subjective="More"))
    )
    pending = clinic_context.drafts.pending(p.id)
    assert len(pending) == 1
    assert content_from_payload(pending[0].payload) == replace(content, subjective="More")
    clinic_context.services.actor.username = "someone_else"
    assert clinic_context.drafts.pending(p.id) == []
    clinic_context.services.actor.username = "tester"
    clinic_context.drafts.discard(p.id, "session")
    assert clinic_context.drafts.pending(p.id) == []


def test_timeline_lists_everything_newest_first_and_filters(clinic_context: AppContext) -> None:
    as_practitioner(clinic_context)
    p = screened_patient(clinic_context)
    clinic_context.exams.record(
        p.id, ExamDetails(date(2026, 11, 1), NeuroExam(myotomes={"L5": {"left": 4}}))
    )
    clinic_context.outcomes.record(p.id, "NPRS", date(2026, 11, 10), [6])
    clinic_context.sessions.create(p.id, three_muscle_content())
    items = clinic_context.timeline.timeline(p.id)
    assert [i.kind for i in items] == ["session", "screening", "outcome", "exam"]
    assert items[0].flagged  # a draft
    assert "CPT 20561" in items[0].detail
    only = clinic_context.timeline.timeline(p.id, ("exam",))
    assert [i.kind for i in only] == ["exam"]
    assert "L5 left" in only[0].detail
