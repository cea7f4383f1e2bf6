"""The pure FHIR mapping: records in, a valid R4 bundle out (validated with fhir.resources)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from fhir_records import PDF, TARGETS, rich_export, session, with_patient
from fhir_support import check_bundle, entries
from hypothesis import given, settings
from hypothesis import strategies as st

from dnclinic.fhir.bundle import build_bundle
from dnclinic.fhir.codes import LOINC, UCUM

if TYPE_CHECKING:
    from dnclinic.fhir.codes import JSON


def _by_id(bundle: JSON) -> dict[str, JSON]:
    return {r["id"]: r for r in entries(bundle)}


def _ref(bundle: JSON, ref: JSON) -> JSON:
    return _by_id(bundle)[ref["reference"].removeprefix("urn:uuid:")]


def _encounter(bundle: JSON, status: str) -> JSON:
    return next(e for e in entries(bundle, "Encounter") if e["status"] == status)


def _for(bundle: JSON, kind: str, encounter: JSON) -> list[JSON]:
    url = f"urn:uuid:{encounter['id']}"
    return [r for r in entries(bundle, kind) if r.get("encounter", {}).get("reference") == url]


def test_every_resource_validates_and_every_reference_resolves() -> None:
    bundle = build_bundle(rich_export())
    parsed = check_bundle(bundle)
    assert parsed.type == "collection"
    kinds = {r["resourceType"] for r in entries(bundle)}
    assert kinds == {
        "Organization", "Practitioner", "Patient", "Consent", "Encounter", "Procedure",
        "Observation", "QuestionnaireResponse", "AdverseEvent", "DocumentReference",
    }  # fmt: skip


def test_ids_are_stable_per_clinic_and_differ_between_clinics() -> None:
    first, again = build_bundle(rich_export()), build_bundle(rich_export())
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in again["entry"]]
    other_clinic = rich_export(clinic=replace(rich_export().clinic, key="another clinic"))
    other = {e["fullUrl"] for e in build_bundle(other_clinic)["entry"]}
    assert not other & {e["fullUrl"] for e in first["entry"]}


def test_one_procedure_per_needled_muscle_with_site_side_performer_and_stimulation() -> None:
    bundle = build_bundle(rich_export())
    signed = _encounter(bundle, "finished")
    procedures = _for(bundle, "Procedure", signed)
    assert len(procedures) == len(TARGETS) == 2
    for proc, target in zip(procedures, TARGETS, strict=True):
        assert proc["status"] == "completed"
        site = proc["bodySite"][0]
        assert site["coding"][0]["code"] == target.muscle
        assert site["text"] == f"{target.muscle_label}, {target.side}"
        side = site["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
        assert side == target.side
        performer = _ref(bundle, proc["performer"][0]["actor"])
        assert performer["resourceType"] == "Practitioner"
        assert performer["name"][0]["family"] == "Alvarez"
        stim = {e["url"]: e for e in proc["extension"][0]["extension"]}
        assert stim["frequency"]["valueQuantity"] == {
            "value": 4.0, "unit": "Hz", "system": UCUM, "code": "Hz"
        }  # fmt: skip
        assert stim["pulse-width"]["valueQuantity"]["code"] == "us"
        assert stim["intensity"]["valueQuantity"]["code"] == "mA"
        assert stim["duration"]["valueQuantity"]["value"] == 20.0
        assert "4 Hz, 250 µs, 2.5 mA, biphasic, 20 min" in proc["note"][1]["text"]
    assert "Segmental at L5" in procedures[0]["note"][0]["text"]


def test_practitioner_carries_the_dry_needling_qualification() -> None:
    bundle = build_bundle(rich_export())
    (maria,) = entries(bundle, "Practitioner")
    (course,) = maria["qualification"]
    assert course["code"]["text"] == "Dry needling training: Dry Needling Course 1"
    assert course["identifier"][0]["value"] == "ab" * 32  # the certificate's SHA-256
    assert course["period"] == {"start": "2025-03-01", "end": "2025-03-03"}
    details = {e["url"].rsplit("/", 1)[1]: e for e in course["extension"]}
    assert details["jurisdiction"]["valueString"] == "FL"
    assert details["in-person-hours"]["valueQuantity"]["value"] == 28.0
    assert details["supervised-sessions"]["valueInteger"] == 25
    assert maria["identifier"][0]["value"] == "PT-FL-1"


def test_nprs_is_loinc_72514_3_with_its_value() -> None:
    bundle = build_bundle(rich_export())
    scores = [o for o in entries(bundle, "Observation") if "encounter" not in o]
    nprs = next(o for o in scores if o["id"] == _id_of(bundle, "NPRS", "final"))
    assert nprs["code"]["coding"][0] == {
        "system": LOINC, "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }  # fmt: skip
    assert nprs["valueQuantity"]["value"] == 7.0
    pain = _for(bundle, "Observation", _encounter(bundle, "finished"))
    assert [(p["code"]["coding"][0]["code"], p["valueQuantity"]["value"]) for p in pain] == [
        ("72514-3", 6),
        ("72514-3", 3),
    ]


def _id_of(bundle: JSON, instrument: str, status: str) -> str:
    return str(
        next(
            o["id"]
            for o in entries(bundle, "Observation")
            if o["status"] == status and o["code"]["coding"][-1]["code"] == instrument
        )
    )


@pytest.mark.parametrize(
    ("instrument", "loinc"), [("ODI", "97909-6"), ("NDI", "82237-9"), ("VAS", None)]
)
def test_instruments_are_coded_only_where_the_reference_gives_a_code(
    instrument: str, loinc: str | None
) -> None:
    bundle = build_bundle(rich_export())
    obs = _by_id(bundle)[_id_of(bundle, instrument, "final")]
    systems = [c["system"] for c in obs["code"]["coding"]]
    assert (LOINC in systems) is (loinc is not None)
    if loinc is not None:
        assert obs["code"]["coding"][0]["code"] == loinc
    assert obs["code"]["coding"][-1]["code"] == instrument  # our own code, always


def test_odi_item_answers_are_a_questionnaire_response() -> None:
    bundle = build_bundle(rich_export())
    odi = _by_id(bundle)[_id_of(bundle, "ODI", "final")]
    answers = _ref(bundle, odi["derivedFrom"][0])
    assert answers["resourceType"] == "QuestionnaireResponse"
    assert answers["status"] == "completed"
    items = answers["item"]
    assert [i["linkId"] for i in items] == [f"odi-{n}" for n in range(1, 11)]
    assert items[0]["answer"] == [{"valueInteger": 2}]
    assert "answer" not in items[4]  # a skipped section has no answer, not a zero
    assert items[0]["text"] == "Pain intensity"


def test_entered_in_error_records_are_kept_and_say_so() -> None:
    data = rich_export()
    bundle = build_bundle(with_patient(data, status="entered_in_error",
                                       entered_in_error_reason="duplicate chart"))  # fmt: skip
    wrong = _encounter(bundle, "entered-in-error")
    assert {p["status"] for p in _for(bundle, "Procedure", wrong)} == {"entered-in-error"}
    assert {o["status"] for o in _for(bundle, "Observation", wrong)} == {"entered-in-error"}
    (event,) = _for(bundle, "AdverseEvent", wrong)  # R4 AdverseEvent has no status: a tag
    assert event["meta"]["tag"][0]["code"] == "entered-in-error"
    assert _id_of(bundle, "NPRS", "entered-in-error")
    consents = sorted(c["status"] for c in entries(bundle, "Consent"))
    assert consents == ["active", "entered-in-error", "inactive"]
    (patient,) = entries(bundle, "Patient")
    assert patient["active"] is False
    assert patient["meta"]["extension"][0]["valueString"] == "duplicate chart"
    check_bundle(bundle)


def test_a_draft_note_is_in_progress_and_preliminary() -> None:
    bundle = build_bundle(rich_export())
    draft = _encounter(bundle, "in-progress")
    assert {p["status"] for p in _for(bundle, "Procedure", draft)} == {"in-progress"}
    assert {o["status"] for o in _for(bundle, "Observation", draft)} == {"preliminary"}
    assert "signed-at" not in str(draft.get("extension"))


def test_document_reference_has_sha1_hash_sha256_identifier_and_no_bytes() -> None:
    bundle = build_bundle(rich_export())
    (doc,) = entries(bundle, "DocumentReference")
    attachment = doc["content"][0]["attachment"]
    assert attachment["hash"] == base64.b64encode(hashlib.sha1(PDF).digest()).decode()
    assert attachment["size"] == len(PDF)
    assert attachment["contentType"] == "application/pdf"
    assert attachment["title"] == "Session note 2026-11-02"
    assert not {"data", "url"} & set(attachment)
    assert doc["identifier"][0]["value"] == hashlib.sha256(PDF).hexdigest()
    assert _ref(bundle, doc["context"]["encounter"][0])["status"] == "finished"


def test_records_of_a_patient_outside_the_export_are_refused() -> None:
    stray = session(999, patient_id=12345)
    with pytest.raises(ValueError, match="12345"):
        build_bundle(rich_export(sessions=(stray,)))


def test_blank_optional_fields_leave_no_empty_elements() -> None:
    blank = with_patient(rich_export(), phone="", email=" ", address="", emergency_contact_name="",
                         emergency_contact_phone="")  # fmt: skip
    bundle = build_bundle(blank)
    check_bundle(bundle)
    (patient,) = entries(bundle, "Patient")
    assert not {"telecom", "contact", "address"} & set(patient)


# Hostile text: any letters, marks, symbols, punctuation and spaces (FHIR strings exclude
# control characters, which the app's own validation refuses at entry).
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn")), min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s.strip())  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(given_name=TEXT, family=TEXT, address=TEXT, muscle_label=TEXT)
def test_hostile_text_survives_verbatim_in_a_valid_bundle(
    given_name: str, family: str, address: str, muscle_label: str
) -> None:
    targets = (replace(TARGETS[0], muscle_label=muscle_label),)
    data = with_patient(
        rich_export(sessions=(session(201, targets=targets),)),
        given_name=given_name, family_name=family, address=address,
    )  # fmt: skip
    bundle = build_bundle(data)
    check_bundle(bundle)
    (patient,) = entries(bundle, "Patient")
    assert patient["name"][0]["family"] == family
    assert patient["name"][0]["given"] == [given_name]
    assert patient["address"][0]["text"] == address
    (proc,) = entries(bundle, "Procedure")
    assert proc["bodySite"][0]["coding"][0]["display"] == muscle_label


def test_the_checks_catch_a_broken_bundle() -> None:
    """The validation is no rubber stamp: an unknown element, a bad code, a dangling reference."""
    from pydantic import ValidationError

    bundle = build_bundle(rich_export())
    proc = entries(bundle, "Procedure")[0]
    proc["laterality"] = "left"  # not an R4 Procedure element
    with pytest.raises(ValidationError):
        check_bundle(bundle)
    del proc["laterality"]
    proc["status"] = "done"
    with pytest.raises(AssertionError, match="Procedure.status"):
        check_bundle(bundle)
    proc["status"] = "completed"
    proc["subject"] = {"reference": "urn:uuid:00000000-0000-0000-0000-000000000000"}
    with pytest.raises(AssertionError, match="do not resolve"):
        check_bundle(bundle)
