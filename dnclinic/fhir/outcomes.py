"""Outcome scores: an Observation per score and a QuestionnaireResponse with the item answers.

LOINC codes only where CLINICAL_REFERENCE gives them (:data:`dnclinic.fhir.codes.INSTRUMENT_CODES`
says with what evidence); every score also carries our local instrument code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.clinical.instruments import ITEMS
from dnclinic.clinical.outcome_specs import SPECS
from dnclinic.fhir.codes import (
    INSTRUMENT_CODES,
    JSON,
    LOCAL_BASE,
    LOINC,
    OBSERVATION_CATEGORY,
    coding,
    concept,
    day,
    drop_empty,
    extension,
    local_system,
    quantity,
)

if TYPE_CHECKING:
    from dnclinic.fhir.ids import ResourceIds
    from dnclinic.fhir.records import OutcomeInfo


def _in_error(o: OutcomeInfo) -> bool:
    return o.status == "entered_in_error"


def has_item_answers(o: OutcomeInfo) -> bool:
    """Whether the instrument has several items (their answers go in a QuestionnaireResponse)."""
    return len(ITEMS.get(o.instrument, ())) > 1


def _code(instrument: str) -> JSON:
    name = SPECS[instrument].name if instrument in SPECS else instrument
    codes = [coding(local_system("instrument"), instrument, name)]
    known = INSTRUMENT_CODES.get(instrument)
    if known is not None and known.loinc is not None:
        codes.insert(0, coding(LOINC, known.loinc, known.loinc_display))
    return concept(name, *codes)


def observation(o: OutcomeInfo, ids: ResourceIds) -> JSON:
    """Return the Observation of one score (value in the instrument's UCUM unit)."""
    known = INSTRUMENT_CODES.get(o.instrument)
    unit = known.unit if known is not None else "{score}"
    category = ("exam", "Exam") if o.instrument == "PPT" else ("survey", "Survey")
    value: JSON = (
        {"valueQuantity": quantity(o.value, unit)}
        if o.value is not None
        else {"dataAbsentReason": concept("Not scored (too few items answered)")}
    )
    derived = [ids.ref("outcome_scores", o.id, "answers")] if has_item_answers(o) else []
    reason = []
    if _in_error(o):
        reason = [extension("entered-in-error-reason", valueString=o.entered_in_error_reason)]
    return drop_empty({
        "resourceType": "Observation",
        "id": ids.id("outcome_scores", o.id),
        "extension": reason,
        "status": "entered-in-error" if _in_error(o) else "final",
        "category": [concept(category[1], coding(OBSERVATION_CATEGORY, *category))],
        "code": _code(o.instrument),
        "subject": ids.ref("patients", o.patient_id),
        "effectiveDateTime": day(o.scored_on),
        **value,
        "interpretation": [concept(o.band)] if o.band else [],
        "derivedFrom": derived,
    })  # fmt: skip


def _answer(instrument: str, value: float) -> JSON:
    spec = SPECS.get(instrument)
    if spec is not None and spec.integer_answers and float(value).is_integer():
        return {"valueInteger": int(value)}
    return {"valueDecimal": value}


def questionnaire_response(o: OutcomeInfo, ids: ResourceIds) -> JSON:
    """Return the item answers (linkId ``odi-1``...; an unanswered item has no answer)."""
    items = []
    for n, (item, answer) in enumerate(zip(ITEMS[o.instrument], o.answers, strict=False), 1):
        entry: JSON = {"linkId": f"{o.instrument.lower()}-{n}", "text": item.text}
        if answer is not None:
            entry["answer"] = [_answer(o.instrument, answer)]
        items.append(entry)
    return drop_empty({
        "resourceType": "QuestionnaireResponse",
        "id": ids.id("outcome_scores", o.id, "answers"),
        "questionnaire": f"{LOCAL_BASE}/Questionnaire/{o.instrument.lower()}",
        "status": "entered-in-error" if _in_error(o) else "completed",
        "subject": ids.ref("patients", o.patient_id),
        "authored": day(o.scored_on),
        "item": items,
    })  # fmt: skip


def outcome_resources(o: OutcomeInfo, ids: ResourceIds) -> list[JSON]:
    """Return the score's Observation and, for multi-item instruments, its answers."""
    out = [observation(o, ids)]
    if has_item_answers(o):
        out.append(questionnaire_response(o, ids))
    return out
