"""The export bundle: type ``collection`` (docs/FHIR.md says why), every entry by ``urn:uuid``."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from dnclinic.fhir.codes import JSON, instant, local_identifier
from dnclinic.fhir.documents import document_reference
from dnclinic.fhir.ids import ResourceIds
from dnclinic.fhir.outcomes import outcome_resources
from dnclinic.fhir.people import consent, organization, patient, practitioner
from dnclinic.fhir.sessions import session_resources

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dnclinic.fhir.records import ExportData

BUNDLE_TYPE = "collection"


def _resources(data: ExportData, ids: ResourceIds) -> Iterator[JSON]:
    yield organization(data.clinic, ids)
    for pr in data.practitioners:
        yield practitioner(pr, ids)
    by_patient: dict[int, list[JSON]] = defaultdict(list)
    for c in data.consents:
        by_patient[c.patient_id].append(consent(c, ids))
    for s in data.sessions:
        by_patient[s.patient_id].extend(session_resources(s, ids))
    for o in data.outcomes:
        by_patient[o.patient_id].extend(outcome_resources(o, ids))
    for d in data.documents:
        by_patient[d.patient_id].append(document_reference(d, ids))
    for p in data.patients:
        yield patient(p, ids)
        yield from by_patient.pop(p.id, [])
    # Records of a patient who is not in the bundle would leave dangling references.
    if by_patient:
        raise ValueError(f"records of patients not in the export: {sorted(by_patient)}")


def build_bundle(data: ExportData) -> JSON:
    """Return the FHIR R4 Bundle (a dict ready for ``json.dumps``) of ``data``.

    Args:
        data: the records gathered by the export service (one patient or the whole clinic).

    Returns:
        A ``collection`` Bundle: the clinic's Organization, the practitioners, then each patient
        followed by their consents, sessions, outcomes and documents. Ids and full URLs are
        stable (:class:`ResourceIds`), so every reference resolves inside the bundle.

    Raises:
        ValueError: ``data`` holds records of a patient that is not in ``data.patients``.
    """
    ids = ResourceIds(data.clinic.key)
    entries = [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in _resources(data, ids)]
    stamp = instant(data.generated_at)
    bundle_id = ids.id("bundles", data.scope, stamp, *(str(p.id) for p in data.patients[:1]))
    return {
        "resourceType": "Bundle",
        "id": bundle_id,
        "meta": {"lastUpdated": stamp},
        "identifier": {"system": local_identifier("export"), "value": bundle_id},
        "type": BUNDLE_TYPE,
        "timestamp": stamp,
        "entry": entries,
    }
