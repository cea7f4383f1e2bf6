"""Organization (the clinic), Patient, Practitioner (with the dry-needling training) and Consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.fhir.codes import (
    CONSENT_SCOPE,
    JSON,
    coding,
    concept,
    day,
    drop_empty,
    entered_in_error_tag,
    extension,
    instant,
    local_concept,
    local_identifier,
    quantity,
)

if TYPE_CHECKING:
    from dnclinic.fhir.ids import ResourceIds
    from dnclinic.fhir.records import (
        ClinicInfo,
        ConsentInfo,
        PatientInfo,
        PractitionerInfo,
        QualificationInfo,
    )

ORGANIZATION = ("clinics", "1")


def organization(clinic: ClinicInfo, ids: ResourceIds) -> JSON:
    """Return the clinic as an Organization (assigner of record numbers, consent custodian)."""
    phone = [{"system": "phone", "value": clinic.phone}] if clinic.phone.strip() else []
    return drop_empty({
        "resourceType": "Organization",
        "id": ids.id(*ORGANIZATION),
        "active": True,
        "name": clinic.name or "dnclinic clinic",
        "telecom": phone,
        "address": [{"text": clinic.address}] if clinic.address.strip() else [],
    })  # fmt: skip


def _telecom(*pairs: tuple[str, str]) -> list[JSON]:
    return [{"system": system, "value": value} for system, value in pairs if value.strip()]


def patient(p: PatientInfo, ids: ResourceIds) -> JSON:
    """Return a Patient; one entered in error is inactive and tagged, never left out."""
    name = drop_empty({
        "text": f"{p.given_name} {p.family_name}".strip(),
        "family": p.family_name, "given": [p.given_name] if p.given_name.strip() else [],
    })  # fmt: skip
    contact = drop_empty({
        "relationship": [concept("Emergency contact")],
        "name": {"text": p.emergency_contact_name} if p.emergency_contact_name.strip() else None,
        "telecom": _telecom(("phone", p.emergency_contact_phone)),
    })  # fmt: skip
    in_error = p.status == "entered_in_error"
    return drop_empty({
        "resourceType": "Patient",
        "id": ids.id("patients", p.id),
        "meta": entered_in_error_tag(p.entered_in_error_reason) if in_error else None,
        "identifier": [{
            "use": "usual", "type": concept("Medical record number"),
            "system": local_identifier("mrn"), "value": p.mrn,
            "assigner": ids.ref(*ORGANIZATION),
        }],
        "active": not in_error,
        "name": [name],
        "telecom": _telecom(("phone", p.phone), ("email", p.email)),
        "gender": p.sex,  # stored in FHIR administrative-gender codes already
        "birthDate": day(p.date_of_birth),
        "address": [{"text": p.address}] if p.address.strip() else [],
        "contact": [contact] if len(contact) > 1 else [],
        "managingOrganization": ids.ref(*ORGANIZATION),
    })  # fmt: skip


def _qualification(q: QualificationInfo, jurisdiction: str) -> JSON:
    hours = (
        ("in-person-hours", q.in_person_hours), ("online-hours", q.online_hours),
        ("theory-hours", q.theory_hours), ("hands-on-hours", q.hands_on_hours),
    )  # fmt: skip
    details = [extension(name, valueQuantity=quantity(float(v), "h")) for name, v in hours]
    details.append(extension("jurisdiction", valueString=jurisdiction))
    if q.approving_body.strip():
        details.append(extension("approving-body", valueString=q.approving_body))
    if q.supervised_sessions:
        details.append(extension("supervised-sessions", valueInteger=q.supervised_sessions))
    if q.verified_by:
        details.append(extension("verified-by", valueString=q.verified_by))
    if q.verified_at is not None:
        details.append(extension("verified-at", valueDateTime=instant(q.verified_at)))
    certificate = []
    if q.certificate_sha256:
        certificate = [{
            "type": concept(f"Certificate of completion ({q.certificate_filename or 'file'})"),
            "system": local_identifier("certificate-sha256"), "value": q.certificate_sha256,
        }]  # fmt: skip
    period = drop_empty({
        "start": day(q.started_on) if q.started_on else None,
        "end": day(q.ended_on) if q.ended_on else None,
    })  # fmt: skip
    return drop_empty({
        "extension": details,
        "identifier": certificate,
        "code": local_concept(
            "qualification", "dry-needling-training", f"Dry needling training: {q.course_title}"
        ),
        "period": period,
        "issuer": {"display": q.provider} if q.provider.strip() else None,
    })  # fmt: skip


def practitioner(pr: PractitionerInfo, ids: ResourceIds) -> JSON:
    """Return a Practitioner with one qualification per current dry-needling course."""
    licence = []
    if pr.licence_number.strip():
        licence = [{
            "type": concept(f"Physiotherapy licence ({pr.jurisdiction})"),
            "system": local_identifier(f"licence/{pr.jurisdiction}"), "value": pr.licence_number,
        }]  # fmt: skip
    since = []
    if pr.needling_since is not None:
        since = [extension("needling-since", valueDate=day(pr.needling_since))]
    name = drop_empty({
        "text": f"{pr.given_name} {pr.family_name}".strip(), "family": pr.family_name,
        "given": [pr.given_name] if pr.given_name.strip() else [],
    })  # fmt: skip
    return drop_empty({
        "resourceType": "Practitioner",
        "id": ids.id("practitioners", pr.id),
        "extension": [extension("jurisdiction", valueString=pr.jurisdiction), *since],
        "identifier": licence,
        "active": pr.active,
        "name": [name],
        "qualification": [_qualification(q, pr.jurisdiction) for q in pr.qualifications],
    })  # fmt: skip


def consent(c: ConsentInfo, ids: ResourceIds) -> JSON:
    """Return a Consent to dry needling (the newest is active, earlier ones inactive)."""
    if c.status == "entered_in_error":
        status = "entered-in-error"
    else:
        status = "active" if c.current else "inactive"
    how = "Written" if c.consent_type == "written" else "Verbal"
    recorder = []
    if c.recorded_by_id is not None:
        who = ids.ref("practitioners", c.recorded_by_id)
        recorder = [extension("recorded-by", valueReference=who)]
    if status == "entered-in-error":
        reason = c.entered_in_error_reason
        recorder.append(extension("entered-in-error-reason", valueString=reason))
    when = c.consent_date or c.screened_on
    return drop_empty({
        "resourceType": "Consent",
        "id": ids.id("screenings", c.screening_id, "consent"),
        "extension": recorder,
        "status": status,
        "scope": concept("Treatment", coding(CONSENT_SCOPE, "treatment", "Treatment")),
        "category": [local_concept("consent-category", "dry-needling", "Consent to dry needling")],
        "patient": ids.ref("patients", c.patient_id),
        "dateTime": day(when),
        "performer": [ids.ref("patients", c.patient_id)],
        "organization": [ids.ref(*ORGANIZATION)],
        # ppc-1: a policy or policy rule is required; the clinic's rule is described in words.
        "policyRule": local_concept(
            "consent-form", c.consent_type, f"{how} consent to dry needling (clinic policy)"
        ),
        "verification": [{"verified": True, "verificationDate": day(when)}],
    })  # fmt: skip
