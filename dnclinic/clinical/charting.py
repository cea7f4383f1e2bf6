"""Needling-session charting: vocabularies, the billing code and the note's canonical digest.

Sources: CLINICAL_REFERENCE section 4.1 (what to document: targets, technique, retention, local
twitch responses, ultrasound guidance, e-stim), section 4.5 (adverse-event classes and the
events reported by Brady 2014 and Boyce 2020). CPT 20560/20561 (needle insertion without
injection, 1-2 muscles / 3 or more muscles) as used by US payers for dry needling [MP740].
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

APPROACHES: Final = ("segmental", "peripheral")
TECHNIQUES: Final = ("static", "pistoning", "rotation")
TARGET_SIDES: Final = ("left", "right", "midline")
WAVEFORMS: Final = ("biphasic", "monophasic", "alternating", "burst")

# CLINICAL_REFERENCE 4.5: severity classes (White et al., used by Physiotherapy Alberta).
AE_SEVERITIES: Final = ("mild", "significant", "serious")
AE_SEVERITY_TEXT: Final = {
    "mild": "Short-lived, reversible, not inconvenient",
    "significant": "Needed medical intervention or interfered with activities",
    "serious": "Hospital admission, possible persistent disability, or death",
}
# Event types reported in Brady 2014 and Boyce 2020 (section 4.5) plus the serious events
# every consent form names (pneumothorax, infection, nerve injury) and equipment events.
AE_TYPES: Final = (
    "bruising",
    "bleeding",
    "pain_during",
    "pain_after",
    "symptom_aggravation",
    "drowsiness",
    "headache",
    "nausea",
    "fatigue",
    "altered_emotions",
    "feeling_faint",
    "fainting",
    "numbness",
    "itching",
    "shaking",
    "claustrophobia",
    "bent_needle",
    "broken_needle",
    "forgotten_needle",
    "infection",
    "nerve_injury",
    "pneumothorax",
    "other",
)
AE_ONSETS: Final = ("during", "immediately_after", "within_24h", "within_48h", "later")

BILLING_1_2_MUSCLES: Final = "20560"
BILLING_3_PLUS_MUSCLES: Final = "20561"


def billing_code(targets: Iterable[tuple[str, str]]) -> str | None:
    """Return the CPT code for a session's needled muscles.

    CPT 20560 covers needle insertion without injection into 1 or 2 muscles, 20561 into 3 or
    more. A muscle is counted once per side: left and right upper trapezius are two muscles
    (they are two anatomical muscles), three needles in one muscle are one.

    Args:
        targets: (muscle code, side) pairs, one per needle target.

    Returns:
        ``"20560"``, ``"20561"``, or None when nothing was needled.
    """
    distinct = {(muscle, side) for muscle, side in targets if muscle}
    if not distinct:
        return None
    return BILLING_1_2_MUSCLES if len(distinct) <= 2 else BILLING_3_PLUS_MUSCLES


def canonical_json(content: Mapping[str, Any]) -> str:
    """Return the canonical text of a note: JSON, sorted keys, no spaces, UTF-8 kept.

    The same content always gives the same text, whatever order it was built in, so its
    digest can be recomputed later to prove the note is unaltered.
    """
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_digest(content: Mapping[str, Any]) -> str:
    """Return the SHA-256 (hex) of the note's canonical JSON (ARCHITECTURE: clinical records)."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
