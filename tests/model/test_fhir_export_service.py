"""The FHIR export service on a real clinic database: content, permissions, audit."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from charting_factories import SESSION_AT, screened_patient, three_muscle_content
from conftest import FIXED_NOW
from factories import as_user, make_patient
from fhir_support import check_bundle, entries
from training_factories import add_manager, course

from dnclinic.services.audit import AuditFilter
from dnclinic.services.errors import NotFoundError, PermissionDenied
from dnclinic.services.policy import Permission
from dnclinic.services.session_content import AdverseEventEntry

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.fhir.codes import JSON

ODI = [2, 1, 3, 2, 2, 1, 2, 0, 1, 2]


@pytest.fixture
def charted(clinic_context: AppContext) -> tuple[AppContext, int, bytes]:
    """A patient with a signed note (3 muscles, 4 Hz, an event), scores and an archived PDF.

    The practitioner (Tess Tester) has a verified-free course in the training ledger.
    """
    ctx = clinic_context
    tess = ctx.services.actor.practitioner_id
    assert tess is not None
    add_manager(ctx)
    with as_user(ctx, "boss"):
        ctx.training.add_entry(tess, course(50, course_title="Dry Needling Level 1"))
    patient = screened_patient(ctx)
    event = AdverseEventEntry("bruising", "mild", "immediately_after", "Pressure applied.")
    note = ctx.sessions.create(patient.id, three_muscle_content(adverse_events=(event,))).value
    ctx.sessions.sign(note.id, note.version_id)
    day = SESSION_AT.date()
    ctx.outcomes.record(patient.id, "NPRS", day, [5])
    ctx.outcomes.record(patient.id, "ODI", day, list(ODI))
    pdf = ctx.documents.render_note(note.id)
    ctx.documents.archive(pdf)
    return ctx, patient.id, pdf.pdf


def _bundle(content: bytes) -> JSON:
    bundle: JSON = json.loads(content)
    check_bundle(bundle)
    return bundle


def test_a_charted_patient_exports_as_a_valid_bundle(
    charted: tuple[AppContext, int, bytes],
) -> None:
    ctx, patient_id, pdf = charted
    export = ctx.fhir.export_patient(patient_id)
    bundle = _bundle(export.content)
    assert export.patients == 1
    assert export.resources == len(bundle["entry"])
    assert export.sha256 == hashlib.sha256(export.content).hexdigest()
    procedures = entries(bundle, "Procedure")
    assert sorted(p["bodySite"][0]["coding"][0]["code"] for p in procedures) == [
        "gluteus_medius", "lumbar_multifidus", "piriformis",
    ]  # fmt: skip
    for p in procedures:
        assert p["status"] == "completed"
        side = p["bodySite"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
        assert side == "left"
        stim = {e["url"]: e for e in p["extension"][0]["extension"]}
        assert stim["frequency"]["valueQuantity"]["value"] == 4
        assert stim["duration"]["valueQuantity"]["value"] == 20
    nprs = [o for o in entries(bundle, "Observation") if o["code"]["text"] == "Numeric Pain "
            "Rating Scale"]  # fmt: skip
    assert [(o["code"]["coding"][0]["code"], o["valueQuantity"]["value"]) for o in nprs] == [
        ("72514-3", 5.0)
    ]
    (answers,) = entries(bundle, "QuestionnaireResponse")
    assert [i["answer"][0]["valueInteger"] for i in answers["item"]] == ODI
    (event,) = entries(bundle, "AdverseEvent")
    assert event["event"]["coding"][0]["code"] == "bruising"
    (doc,) = entries(bundle, "DocumentReference")
    assert doc["identifier"][0]["value"] == hashlib.sha256(pdf).hexdigest()
    assert doc["content"][0]["attachment"]["size"] == len(pdf)
    (consent,) = entries(bundle, "Consent")
    assert consent["status"] == "active"
    performer = procedures[0]["performer"][0]["actor"]["reference"]
    tess = next(p for p in entries(bundle, "Practitioner") if performer.endswith(p["id"]))
    assert tess["name"][0]["family"] == "Tester"
    assert tess["qualification"][0]["code"]["text"].endswith("Dry Needling Level 1")


def test_the_export_is_audited_with_its_digest(charted: tuple[AppContext, int, bytes]) -> None:
    ctx, patient_id, _pdf = charted
    export = ctx.fhir.export_patient(patient_id)
    with as_user(ctx, "admin"):
        rows = ctx.audit.entries(AuditFilter(action="print_export", patient_id=patient_id))
    fhir = [r for r in rows if r.entity == "fhir_bundle"]
    assert len(fhir) == 1
    details = json.loads(fhir[0].details)
    assert details["sha256"] == export.sha256
    assert details["scope"] == "patient"
    assert details["resources"] == export.resources


def test_records_entered_in_error_are_exported_as_such(
    charted: tuple[AppContext, int, bytes],
) -> None:
    ctx, patient_id, _pdf = charted
    score = ctx.outcomes.scores(patient_id, "NPRS")[0]
    ctx.outcomes.mark_entered_in_error(score.id, score.version_id, "wrong patient")
    (summary,) = ctx.sessions.sessions(patient_id)
    note = ctx.sessions.get(summary.id)
    ctx.sessions.mark_entered_in_error(note.id, note.version_id, "charted twice")
    bundle = _bundle(ctx.fhir.export_patient(patient_id).content)
    (encounter,) = entries(bundle, "Encounter")
    assert encounter["status"] == "entered-in-error"
    assert {p["status"] for p in entries(bundle, "Procedure")} == {"entered-in-error"}
    statuses = {o["code"]["text"]: o["status"] for o in entries(bundle, "Observation")}
    assert statuses["Numeric Pain Rating Scale"] == "entered-in-error"
    assert statuses["Oswestry Disability Index"] == "final"


def test_a_missing_patient_is_a_plain_error(clinic_context: AppContext) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        clinic_context.fhir.export_patient(987654)


def test_who_may_export(charted: tuple[AppContext, int, bytes]) -> None:
    ctx, patient_id, _pdf = charted
    with pytest.raises(PermissionDenied) as refused:
        ctx.fhir.export_clinic()  # a practitioner: one record at a time
    assert refused.value.permission is Permission.CLINIC_EXPORT
    with as_user(ctx, "boss"), pytest.raises(PermissionDenied):
        ctx.fhir.export_patient(patient_id)  # a manager reads no clinical notes
    with as_user(ctx, "admin"):
        with pytest.raises(PermissionDenied):
            ctx.fhir.export_patient(patient_id)
        clinic = ctx.fhir.export_clinic()
    assert clinic.scope == "clinic"


def test_the_clinic_export_holds_every_patient_and_practitioner(
    charted: tuple[AppContext, int, bytes],
) -> None:
    ctx, _patient_id, _pdf = charted
    gone = make_patient(ctx, given_name="Zoë", family_name="Ørsted")
    ctx.patients.mark_entered_in_error(gone.id, gone.version_id, "duplicate")
    with as_user(ctx, "admin"):
        export = ctx.fhir.export_clinic()
    bundle = _bundle(export.content)
    patients = {p["name"][0]["family"]: p for p in entries(bundle, "Patient")}
    assert export.patients == len(patients) == 2
    assert patients["Ørsted"]["active"] is False
    assert len(entries(bundle, "Practitioner")) == len(ctx.clinic.practitioners()) == 3


def test_ids_do_not_change_between_exports(charted: tuple[AppContext, int, bytes]) -> None:
    ctx, patient_id, _pdf = charted
    first = json.loads(ctx.fhir.export_patient(patient_id).content)
    ctx.outcomes.record(patient_id, "NPRS", FIXED_NOW.date() - timedelta(days=1), [2])
    second = json.loads(ctx.fhir.export_patient(patient_id).content)
    before = {e["fullUrl"] for e in first["entry"]}
    after = {e["fullUrl"] for e in second["entry"]}
    assert before < after  # the same records keep their ids; the new score is added
    assert len(after - before) == 1
