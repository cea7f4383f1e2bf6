"""A needling session: Encounter, one Procedure per needled muscle, pain, adverse events.

Status follows the note: signed -> finished/completed/final; draft -> in-progress/preliminary
(the note may still change); entered in error -> entered-in-error (kept, never dropped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.fhir.codes import (
    ACT_CODE,
    JSON,
    LOINC,
    OBSERVATION_CATEGORY,
    coding,
    concept,
    day,
    drop_empty,
    entered_in_error_tag,
    extension,
    instant,
    local_concept,
    local_system,
    quantity,
)

if TYPE_CHECKING:
    from dnclinic.fhir.ids import ResourceIds
    from dnclinic.fhir.records import AdverseEventInfo, SessionInfo, StimulationInfo, TargetInfo

ENCOUNTER_STATUS = {"signed": "finished", "draft": "in-progress"}
PROCEDURE_STATUS = {"signed": "completed", "draft": "in-progress"}
OBSERVATION_STATUS = {"signed": "final", "draft": "preliminary"}


def _status(table: dict[str, str], session: SessionInfo) -> str:
    return table.get(session.status, "entered-in-error")


def _signature(s: SessionInfo) -> list[JSON]:
    parts = [extension("consent-confirmed", valueBoolean=s.consent_confirmed)]
    if s.signed_at is not None:
        parts.append(extension("signed-at", valueDateTime=instant(s.signed_at)))
    if s.signed_by:
        parts.append(extension("signed-by", valueString=s.signed_by))
    if s.digest:
        parts.append(extension("note-sha256", valueString=s.digest))
    if s.billing_code:
        parts.append(extension("cpt-billing-code", valueString=s.billing_code))
    if s.status == "entered_in_error":
        parts.append(extension("entered-in-error-reason", valueString=s.entered_in_error_reason))
    return parts


def encounter(s: SessionInfo, ids: ResourceIds) -> JSON:
    """Return the session's Encounter (ambulatory, with the note's signature as extensions)."""
    return drop_empty({
        "resourceType": "Encounter",
        "id": ids.id("needling_sessions", s.id),
        "extension": _signature(s),
        "status": _status(ENCOUNTER_STATUS, s),
        "class": coding(ACT_CODE, "AMB", "ambulatory"),
        "type": [local_concept("encounter-type", "dry-needling-session", "Dry needling session")],
        "subject": ids.ref("patients", s.patient_id),
        "participant": [{"individual": ids.ref("practitioners", s.practitioner_id)}],
        "period": {"start": instant(s.session_at)},
        "reasonCode": [concept(s.reason_text)] if s.reason_text.strip() else [],
    })  # fmt: skip


def _stimulation(st: StimulationInfo) -> JSON:
    parts = [
        extension("frequency", valueQuantity=quantity(st.frequency_hz, "Hz")),
        extension("pulse-width", valueQuantity=quantity(st.pulse_width_us, "us")),
        extension("intensity", valueQuantity=quantity(st.intensity_ma, "mA")),
        extension("duration", valueQuantity=quantity(st.duration_min, "min")),
        extension("waveform", valueString=st.waveform),
        *(extension("electrode-pair", valueString=e) for e in st.electrodes),
        *(extension("check-warning", valueString=w) for w in st.warnings),
    ]
    # Sub-extensions of a complex extension are named by a plain url, not an absolute one.
    for part in parts:
        part["url"] = part["url"].rsplit("/", 1)[1]
    return extension("electrical-stimulation", extension=parts)


def _stimulation_note(st: StimulationInfo) -> str:
    where = "; ".join(st.electrodes) or "electrodes not recorded"
    return (
        f"Electrical stimulation: {st.frequency_hz:g} Hz, {st.pulse_width_us:g} µs, "
        f"{st.intensity_ma:g} mA, {st.waveform}, {st.duration_min:g} min ({where})."
    )


def _number(value: float | None, unit: str) -> str:
    return "not recorded" if value is None else f"{value:g} {unit}"


def _target_note(t: TargetInfo) -> str:
    level = f" at {t.spinal_level}" if t.spinal_level else ""
    return (
        f"{t.approach.capitalize()}{level}; technique {t.technique}; needles {t.needles}; "
        f"gauge {_number(t.gauge_mm, 'mm')}; length {_number(t.length_mm, 'mm')}; "
        f"depth {_number(t.depth_mm, 'mm')}; local twitch responses {t.twitch_responses}; "
        f"ultrasound-guided {'yes' if t.ultrasound_guided else 'no'}; "
        f"retention {_number(t.retention_min, 'min')}."
    )


def procedure(s: SessionInfo, t: TargetInfo, ids: ResourceIds) -> JSON:
    """Return the Procedure for one needled muscle: body site, side, performer, stimulation."""
    side = local_concept("laterality", t.side, t.side)
    site = concept(
        f"{t.muscle_label}, {t.side}", {"system": local_system("muscle"), "code": t.muscle,
                                        "display": t.muscle_label},
    )  # fmt: skip
    site["extension"] = [extension("laterality", valueCodeableConcept=side)]
    notes = [_target_note(t), *(_stimulation_note(st) for st in s.stimulation)]
    if s.status == "draft":
        notes.append("From a draft (unsigned) session note: it may still change.")
    return drop_empty({
        "resourceType": "Procedure",
        "id": ids.id("needle_targets", t.id),
        "extension": [_stimulation(st) for st in s.stimulation],
        "status": _status(PROCEDURE_STATUS, s),
        "code": local_concept("procedure", "dry-needling", "Dry needling"),
        "subject": ids.ref("patients", s.patient_id),
        "encounter": ids.ref("needling_sessions", s.id),
        "performedDateTime": instant(s.session_at),
        "performer": [{"actor": ids.ref("practitioners", s.practitioner_id)}],
        "bodySite": [site],
        "note": [{"text": n} for n in notes],
    })  # fmt: skip


def pain_observations(s: SessionInfo, ids: ResourceIds) -> list[JSON]:
    """Return NPRS Observations for the pain charted before and after needling."""
    out = []
    for when, value in (("before", s.pain_before), ("after", s.pain_after)):
        if value is None:
            continue
        out.append(drop_empty({
            "resourceType": "Observation",
            "id": ids.id("needling_sessions", s.id, f"pain_{when}"),
            "status": _status(OBSERVATION_STATUS, s),
            "category": [concept("Survey", coding(OBSERVATION_CATEGORY, "survey", "Survey"))],
            "code": concept(f"NPRS {when} needling", coding(LOINC, "72514-3",
                            "Pain severity - 0-10 verbal numeric rating [Score] - Reported")),
            "subject": ids.ref("patients", s.patient_id),
            "encounter": ids.ref("needling_sessions", s.id),
            "effectiveDateTime": instant(s.session_at),
            "performer": [ids.ref("practitioners", s.practitioner_id)],
            "valueQuantity": quantity(value, "{score}"),
            "note": [{"text": f"Charted in the session note, {when} needling."}],
        }))  # fmt: skip
    return out


def adverse_event(s: SessionInfo, ae: AdverseEventInfo, ids: ResourceIds) -> JSON:
    """Return an AdverseEvent (R4 has no status: an erroneous note's events are tagged)."""
    details = [
        extension("onset", valueString=ae.onset),
        extension("severity-class", valueString=ae.severity),
    ]
    if ae.action_taken.strip():
        details.append(extension("action-taken", valueString=ae.action_taken))
    if ae.reported_on is not None:
        details.append(extension("reported-to-regulator-on", valueDate=day(ae.reported_on)))
    in_error = s.status == "entered_in_error"
    return drop_empty({
        "resourceType": "AdverseEvent",
        "id": ids.id("adverse_events", ae.id),
        "meta": entered_in_error_tag(s.entered_in_error_reason) if in_error else None,
        "extension": details,
        "actuality": "actual",
        "event": local_concept("adverse-event", ae.event_type, ae.event_label),
        "subject": ids.ref("patients", s.patient_id),
        "encounter": ids.ref("needling_sessions", s.id),
        "date": instant(s.session_at),
        # Severity classes of CLINICAL_REFERENCE 4.5 (mild / significant / serious) are not the
        # FHIR mild/moderate/severe scale: sent as our own code, not forced onto theirs.
        "severity": local_concept("adverse-event-severity", ae.severity, ae.severity),
        "recorder": ids.ref("practitioners", s.practitioner_id),
        "suspectEntity": [{"instance": ids.ref("needle_targets", t.id)} for t in s.targets],
    })  # fmt: skip


def session_resources(s: SessionInfo, ids: ResourceIds) -> list[JSON]:
    """Return every resource of one session, the Encounter first."""
    return [
        encounter(s, ids),
        *(procedure(s, t, ids) for t in s.targets),
        *pain_observations(s, ids),
        *(adverse_event(s, ae, ids) for ae in s.adverse_events),
    ]
