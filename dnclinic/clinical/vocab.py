"""Controlled vocabularies of the clinical engine, with clinician-readable labels.

The decision case (DECISION_RULES.md section 1), the database and the screening UI all use these
codes. Each vocabulary is an ordered tuple of codes; the order is the one shown on screen and the
one used for stable output. ``label(code)`` gives the English a clinician would read.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

REGIONS: Final = (
    "cervical",
    "thoracic",
    "lumbar",
    "pelvis_sacroiliac",
    "head_face",
    "shoulder",
    "elbow",
    "wrist_hand",
    "hip",
    "knee",
    "ankle_foot",
)

# Day boundaries are defined in dnclinic.clinical.chronicity.
CHRONICITIES: Final = ("acute", "subacute", "chronic")

TAGS: Final = (
    "myofascial",
    "radiculopathy",
    "degenerative",
    "facet_mediated",
    "headache",
    "tendinopathy",
    "post_surgical",
)

RED_FLAGS: Final = (
    "cauda_equina",
    "progressive_neuro_deficit",
    "suspected_malignancy",
    "infection_signs",
    "suspected_fracture",
    "vascular_compromise",
    "unexplained_weight_loss",
)

CONTRAINDICATIONS: Final = (
    "needle_phobia",
    "unable_to_consent",
    "refuses_needling",
    "lymphoedema_at_site",
    "prior_adverse_reaction",
    "local_infection_at_site",
    "haemostasis_not_achievable",
)

PRECAUTIONS: Final = (
    "anticoagulants",
    "bleeding_disorder",
    "pregnancy",
    "immunocompromised",
    "diabetes",
    "vascular_disease",
    "metal_allergy",
    "pacemaker_or_icd",
    "epilepsy",
    "lung_field_target",
)

SIDES: Final = ("left", "right")

VERDICTS: Final = (
    "refer",
    "contraindicated",
    "do_not_needle",
    "not_indicated",
    "insufficient_evidence",
    "defer",
    "needle",
)

_LABELS: Final = MappingProxyType(
    {
        # regions
        "cervical": "Cervical spine (neck)",
        "thoracic": "Thoracic spine (upper and mid back)",
        "lumbar": "Lumbar spine (low back)",
        "pelvis_sacroiliac": "Pelvis and sacroiliac joint",
        "head_face": "Head and face",
        "shoulder": "Shoulder",
        "elbow": "Elbow",
        "wrist_hand": "Wrist and hand",
        "hip": "Hip",
        "knee": "Knee",
        "ankle_foot": "Ankle and foot",
        # chronicity
        "acute": "Acute (under 6 weeks)",
        "subacute": "Subacute (6 to 12 weeks)",
        "chronic": "Chronic (over 12 weeks)",
        # tags
        "myofascial": "Myofascial pain",
        "radiculopathy": "Radiculopathy",
        "degenerative": "Degenerative disease",
        "facet_mediated": "Facet-mediated pain",
        "headache": "Headache",
        "tendinopathy": "Tendinopathy",
        "post_surgical": "Post-surgical",
        # red flags
        "cauda_equina": "Signs of cauda equina syndrome",
        "progressive_neuro_deficit": "Progressive neurological deficit",
        "suspected_malignancy": "Suspected malignancy",
        "infection_signs": "Signs of infection (systemic)",
        "suspected_fracture": "Suspected fracture",
        "vascular_compromise": "Vascular compromise",
        "unexplained_weight_loss": "Unexplained weight loss",
        # contraindications
        "needle_phobia": "Needle phobia",
        "unable_to_consent": "Unable to give informed consent",
        "refuses_needling": "Patient refuses needling",
        "lymphoedema_at_site": "Lymphoedema at the needling site",
        "prior_adverse_reaction": "Previous abnormal reaction to needling or injection",
        "local_infection_at_site": "Infection at the needling site",
        "haemostasis_not_achievable": "Bleeding risk where pressure cannot stop bleeding",
        # precautions
        "anticoagulants": "Takes anticoagulant or antiplatelet drugs",
        "bleeding_disorder": "Bleeding disorder",
        "pregnancy": "Pregnancy",
        "immunocompromised": "Compromised immunity",
        "diabetes": "Diabetes",
        "vascular_disease": "Vascular disease",
        "metal_allergy": "Metal allergy",
        "pacemaker_or_icd": "Pacemaker or implanted defibrillator (ICD)",
        "epilepsy": "Epilepsy",
        "lung_field_target": "Target over the lung field",
        # sides
        "left": "Left",
        "right": "Right",
        # verdicts
        "refer": "Refer for medical assessment",
        "contraindicated": "Dry needling contraindicated",
        "do_not_needle": "Do not needle",
        "not_indicated": "Dry needling not indicated",
        "insufficient_evidence": "Insufficient evidence for dry needling",
        "defer": "Defer until criteria are met",
        "needle": "Dry needling may be offered",
    }
)


def label(code: str) -> str:
    """Return the clinician-readable English label of a vocabulary code.

    Args:
        code: a code from any vocabulary of this module, e.g. ``"pelvis_sacroiliac"``.

    Returns:
        The label, e.g. ``"Pelvis and sacroiliac joint"``. Unknown codes come back with underscores
        turned into spaces and the first letter capitalised, so a label is never blank.
    """
    known = _LABELS.get(code)
    if known is not None:
        return known
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def has_label(code: str) -> bool:
    """Tell whether ``code`` has a written label (used by tests to keep labels complete)."""
    return code in _LABELS
