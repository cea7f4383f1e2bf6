"""Spinal levels, their key sensory points, key muscles and reflexes, and the grading scales.

Sources: CLINICAL_REFERENCE.md section 3 (ISNCSCI key sensory points and key muscles [ISN]; PT
myotome screen, Magee-style; reflex grading NINDS/NIH CDE; MRC motor scale). ISNCSCI key
muscles are marked "(ISNCSCI key muscle)" in ``key_muscle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

NT: Final = "NT"
"""The "not testable" grade used by every scale."""

Grade = int | str
"""A grade on any scale: an integer, or ``"NT"`` (not testable)."""

LEVELS: Final = (
    *(f"C{n}" for n in range(2, 9)),
    *(f"T{n}" for n in range(1, 13)),
    *(f"L{n}" for n in range(1, 6)),
    "S1",
    "S2",
    "S3",
    "S4_5",
)
"""Every level of the neurological exam in spinal order (C2 ... S4_5)."""

_LEVEL_INDEX: Final = MappingProxyType({level: i for i, level in enumerate(LEVELS)})


@dataclass(frozen=True, slots=True)
class LevelInfo:
    """One row of the level table: key sensory point, key muscle or myotome action, reflex."""

    level: str
    key_sensory_point: str
    key_muscle: str | None
    reflex: str | None


def _row(level: str, point: str, muscle: str | None, reflex: str | None = None) -> LevelInfo:
    return LevelInfo(level, point, muscle, reflex)


_MCL = "Midclavicular line"
LEVEL_TABLE: Final = MappingProxyType(
    {
        info.level: info
        for info in (
            _row(
                "C2",
                "At least 1 cm lateral to the occipital protuberance",
                "Neck flexion/extension",
            ),
            _row("C3", "Supraclavicular fossa, midclavicular line", "Neck lateral flexion"),
            _row("C4", "Over the acromioclavicular joint", "Shoulder elevation"),
            _row(
                "C5",
                "Lateral antecubital fossa, just proximal to the elbow",
                "Elbow flexors (ISNCSCI key muscle); shoulder abduction",
                "biceps",
            ),
            _row(
                "C6",
                "Dorsal proximal phalanx of the thumb",
                "Wrist extensors (ISNCSCI key muscle)",
                "brachioradialis",
            ),
            _row(
                "C7",
                "Dorsal proximal phalanx of the middle finger",
                "Elbow extensors (ISNCSCI key muscle)",
                "triceps",
            ),
            _row(
                "C8",
                "Dorsal proximal phalanx of the little finger",
                "Finger flexors, middle finger distal phalanx (ISNCSCI key muscle)",
            ),
            _row(
                "T1",
                "Medial antecubital fossa, proximal to the medial epicondyle",
                "Little finger abductor (ISNCSCI key muscle)",
            ),
            _row("T2", "Apex of the axilla", None),
            _row("T3", f"{_MCL}, 3rd intercostal space", None),
            _row("T4", f"{_MCL}, 4th intercostal space (nipple line)", None),
            _row("T5", f"{_MCL}, 5th intercostal space", None),
            _row("T6", f"{_MCL}, level of the xiphisternum", None),
            _row("T7", f"{_MCL}, a quarter of the way from xiphisternum to umbilicus", None),
            _row("T8", f"{_MCL}, halfway from xiphisternum to umbilicus", None),
            _row("T9", f"{_MCL}, three quarters of the way from xiphisternum to umbilicus", None),
            _row("T10", f"{_MCL}, at the umbilicus", None),
            _row("T11", f"{_MCL}, midway between umbilicus and inguinal ligament", None),
            _row("T12", "Midpoint of the inguinal ligament", None),
            _row("L1", "Midway between the T12 and L2 points", "Hip flexion (PT screen)"),
            _row(
                "L2",
                "Anterior-medial thigh, midway between inguinal ligament and medial femoral "
                "condyle",
                "Hip flexors (ISNCSCI key muscle)",
            ),
            _row(
                "L3",
                "Medial femoral condyle, above the knee",
                "Knee extensors (ISNCSCI key muscle)",
            ),
            _row(
                "L4",
                "Medial malleolus",
                "Ankle dorsiflexors (ISNCSCI key muscle)",
                "patellar",
            ),
            _row(
                "L5",
                "Dorsum of the foot at the 3rd metatarsophalangeal joint",
                "Long toe extensors, great-toe extension (ISNCSCI key muscle)",
                "medial_hamstring",
            ),
            _row(
                "S1",
                "Lateral heel (calcaneus)",
                "Ankle plantar flexors (ISNCSCI key muscle)",
                "achilles",
            ),
            _row("S2", "Popliteal fossa, midline", "Knee flexion (PT screen)"),
            _row("S3", "Ischial tuberosity or infragluteal fold", None),
            _row(
                "S4_5",
                "Perianal area, less than 1 cm lateral to the mucocutaneous junction",
                "Voluntary anal contraction (ISNCSCI)",
            ),
        )
    }
)

REFLEX_ROOTS: Final = MappingProxyType(
    {
        "biceps": "C5",
        "brachioradialis": "C6",
        "triceps": "C7",
        "patellar": "L4",
        "medial_hamstring": "L5",
        "achilles": "S1",
    }
)
"""The root each charted reflex counts for (DECISION_RULES section 1)."""

REFLEXES: Final = tuple(REFLEX_ROOTS)

SENSATION_MODALITIES: Final = ("light_touch", "pin_prick")

UMN_SIGNS: Final = ("babinski", "hoffmann", "clonus", "inverted_supinator", "gait_disturbance")

# Grading scales (CLINICAL_REFERENCE section 3.1): grade -> meaning.
SENSATION_SCALE: Final[Mapping[Grade, str]] = MappingProxyType(
    {0: "absent", 1: "altered (reduced or heightened)", 2: "normal", NT: "not testable"}
)
MOTOR_SCALE: Final[Mapping[Grade, str]] = MappingProxyType(
    {
        0: "no contraction",
        1: "flicker or trace of contraction",
        2: "active movement with gravity eliminated",
        3: "active movement against gravity",
        4: "active movement against gravity and some resistance",
        5: "normal power",
        NT: "not testable",
    }
)
REFLEX_SCALE: Final[Mapping[Grade, str]] = MappingProxyType(
    {
        0: "no response (always abnormal)",
        1: "1+ slight (may or may not be normal)",
        2: "2+ brisk, normal",
        3: "3+ very brisk (may or may not be normal)",
        4: "4+ repeating reflex, clonus (always abnormal)",
        NT: "not testable",
    }
)


def level_index(level: str) -> int:
    """Return the position of ``level`` in spinal order (C2 is 0, S4_5 is 27).

    Raises:
        KeyError: for a level outside ``LEVELS``.
    """
    return _LEVEL_INDEX[level]


def is_thoracic(level: str) -> bool:
    """Tell whether ``level`` is T1 to T12 (needling there is over the lung field)."""
    return level.startswith("T") and level in _LEVEL_INDEX


def level_label(level: str) -> str:
    """Return the printed form of a level, e.g. ``"S4-5"`` for ``"S4_5"``."""
    return level.replace("_", "-")
