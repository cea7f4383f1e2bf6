"""Code systems, units and the small builders every mapping module shares.

Codes are emitted only where CLINICAL_REFERENCE gives them (with its source); everything else is
text plus a *local* code system under :data:`LOCAL_BASE`, a reserved ``.invalid`` domain so that
nobody mistakes our codes for a published terminology (docs/FHIR.md lists each one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import MappingProxyType
from typing import Any, Final

JSON = dict[str, Any]

LOCAL_BASE: Final = "https://dnclinic.invalid/fhir"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
# HL7 terminology used only where FHIR R4 requires a coded value (not clinical codes).
ACT_CODE: Final = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE: Final = "http://terminology.hl7.org/CodeSystem/consentscope"


def local_system(name: str) -> str:
    """Return the URI of one of our local code systems (e.g. ``muscle``)."""
    return f"{LOCAL_BASE}/CodeSystem/{name}"


def local_extension(name: str) -> str:
    """Return the URL of one of our local extensions (e.g. ``electrical-stimulation``)."""
    return f"{LOCAL_BASE}/StructureDefinition/{name}"


def local_identifier(name: str) -> str:
    """Return the system URI of one of our identifiers (e.g. ``mrn``)."""
    return f"{LOCAL_BASE}/NamingSystem/{name}"


@dataclass(frozen=True, slots=True)
class InstrumentCode:
    """How an instrument's score is coded, the UCUM unit, and the evidence for the LOINC code."""

    loinc: str | None
    loinc_display: str
    unit: str  # UCUM code
    evidence: str


_PACIO = "as in HL7 PACIO sample data (CLINICAL_REFERENCE [PACIO]); not checked on loinc.org"
INSTRUMENT_CODES: Final = MappingProxyType(
    {
        "NPRS": InstrumentCode(
            "72514-3",
            "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            "{score}",
            "CLINICAL_REFERENCE section 5 (confirmed, HL7 BE pain-scale value set)",
        ),
        "ODI": InstrumentCode("97909-6", "Oswestry disability index score ODI", "%", _PACIO),
        "NDI": InstrumentCode("82237-9", "Total score [NDI]", "%", _PACIO),
        "VAS": InstrumentCode(None, "", "mm", "no LOINC code confirmed: local code"),
        "PSFS": InstrumentCode(None, "", "{score}", "no LOINC code confirmed: local code"),
        "BPI": InstrumentCode(None, "", "{score}", "no LOINC code confirmed: local code"),
        "PPT": InstrumentCode(None, "", "kg/cm2", "no LOINC code found: local code"),
    }
)
# Questionnaire panels (used as QuestionnaireResponse codes in docs only) and NDI item codes,
# from the same PACIO sample files (EX_jd1_questionnaire-odi.fsh, EX_jd1_questionnaire-ndi.fsh).
PANEL_CODES: Final = MappingProxyType({"ODI": "97908-8", "NDI": "82226-2"})
NDI_ITEM_CODES: Final = (
    "82227-0", "82228-8", "82229-6", "82230-4", "82231-2",
    "82232-0", "82233-8", "82234-6", "82235-3", "82236-1",
)  # fmt: skip


def coding(system: str, code: str, display: str | None = None) -> JSON:
    """Return a Coding (the display only when given)."""
    out: JSON = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def concept(text: str, *codings: JSON) -> JSON:
    """Return a CodeableConcept with its text (FHIR allows text alone)."""
    out: JSON = {"text": text}
    if codings:
        out["coding"] = list(codings)
    return out


def local_concept(system: str, code: str, text: str) -> JSON:
    """Return a CodeableConcept coded in one of our local code systems."""
    return concept(text, coding(local_system(system), code, text))


def quantity(value: float | int, unit: str) -> JSON:
    """Return a Quantity in UCUM (``unit`` is the UCUM code, also shown as the unit)."""
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def extension(name: str, **value: Any) -> JSON:
    """Return one local extension, e.g. ``extension("onset", valueString="during")``."""
    return {"url": local_extension(name), **value}


def instant(at: datetime) -> str:
    """Return a FHIR instant/dateTime (UTC, to the second)."""
    return at.astimezone(UTC).isoformat(timespec="seconds")


def day(on: date) -> str:
    """Return a FHIR date."""
    return on.isoformat()


def entered_in_error_tag(reason: str) -> JSON:
    """Return ``meta`` for a resource that has no status element but was entered in error."""
    tag = coding(local_system("record-status"), "entered-in-error", "Entered in error")
    return {"tag": [tag], "extension": [extension("entered-in-error-reason", valueString=reason)]}


def drop_empty(resource: JSON) -> JSON:
    """Return ``resource`` without keys whose value is None, "" or an empty list/dict.

    FHIR forbids empty elements (ele-1), and hostile input (a blank phone) must not create one.
    """
    return {k: v for k, v in resource.items() if v not in (None, "", [], {})}
