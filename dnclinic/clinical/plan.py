"""The needling plan of a ``needle`` verdict (DECISION_RULES section 4).

Approach, multifidus targets at the implicated levels (seed 1), the electrical stimulation band
(seed 1: 2-20 Hz for at least 10 min, never above 100 Hz), loading to 1-2 reps in reserve (seed 1),
the 12-week horizon (seed 2) and the warnings, one per precaution plus the fixed reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from dnclinic.clinical.findings import PlanWarning
from dnclinic.clinical.levels import is_thoracic, level_label
from dnclinic.clinical.vocab import PRECAUTIONS

if TYPE_CHECKING:
    from dnclinic.clinical.case import Case
    from dnclinic.clinical.neuro import NeuroInterpretation

HORIZON_WEEKS: Final = 12
"""Seed 2: short-term benefit, up to 12 weeks; reassess then."""

MIN_HZ: Final = 2
MAX_HZ: Final = 20
MIN_MINUTES: Final = 10
NEVER_ABOVE_HZ: Final = 100
RIR_MIN: Final = 1
RIR_MAX: Final = 2


@dataclass(frozen=True, slots=True)
class SegmentalTarget:
    """A segmental needling target: muscle, level and side."""

    muscle: str
    level: str
    side: str

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"muscle", "level", "side"}``."""
        return {"muscle": self.muscle, "level": self.level, "side": self.side}


@dataclass(frozen=True, slots=True)
class Stimulation:
    """Whether e-stim is recommended, and the band (Hz, minutes) that is always reported."""

    recommended: bool
    min_hz: int = MIN_HZ
    max_hz: int = MAX_HZ
    min_minutes: int = MIN_MINUTES
    never_above_hz: int = NEVER_ABOVE_HZ

    def to_dict(self) -> dict[str, Any]:
        """Return the ``stimulation`` object of the recommendation JSON."""
        return {
            "recommended": self.recommended,
            "min_hz": self.min_hz,
            "max_hz": self.max_hz,
            "min_minutes": self.min_minutes,
            "never_above_hz": self.never_above_hz,
        }


@dataclass(frozen=True, slots=True)
class Loading:
    """Whether loading exercise is required, and its reps-in-reserve target."""

    required: bool
    rir_min: int = RIR_MIN
    rir_max: int = RIR_MAX

    def to_dict(self) -> dict[str, Any]:
        """Return the ``loading`` object of the recommendation JSON."""
        return {"required": self.required, "rir_min": self.rir_min, "rir_max": self.rir_max}


_BLEEDING = (
    "light technique, firm pressure after each needle, and avoid deep muscles where pressure "
    "cannot stop bleeding (for example psoas, tibialis posterior)"
)
_PRECAUTION_WARNINGS: Final = MappingProxyType(
    {
        "anticoagulants": (
            f"Anticoagulant or antiplatelet drugs: not an absolute contraindication; {_BLEEDING}.",
            ("PRM22", "AHPA_CI"),
        ),
        "bleeding_disorder": (f"Bleeding disorder: {_BLEEDING}.", ("AHPA_CI", "PRM22")),
        "pregnancy": (
            "Pregnancy: take care with positioning; no stimulation electrodes on the low back, "
            "pelvis or abdomen.",
            ("DNCLINIC",),
        ),
        "immunocompromised": (
            "Compromised immunity (relative contraindication): strict clean technique; check for "
            "signs of infection at the next visit.",
            ("AHPA_CI",),
        ),
        "diabetes": (
            "Diabetes (relative contraindication): check skin and sensation at the site; "
            "infection risk is higher.",
            ("AHPA_CI",),
        ),
        "vascular_disease": (
            "Vascular disease (relative contraindication): avoid needling near affected vessels; "
            "check circulation in the limb.",
            ("AHPA_CI",),
        ),
        "metal_allergy": (
            "Metal allergy: check the needle material before needling.",
            ("DNCLINIC",),
        ),
        "pacemaker_or_icd": (
            "Pacemaker or implanted defibrillator: no stimulation electrodes above the waist or on "
            "the trunk, and never current across the chest.",
            ("BMAS23", "MEDINSTR"),
        ),
        "epilepsy": (
            "Epilepsy: treat lying down and keep the patient observed during and after needling.",
            ("DNCLINIC",),
        ),
        "lung_field_target": (
            "Target over the lung field: control needle depth (risk of pneumothorax); consider "
            "ultrasound guidance.",
            ("VAL24", "DNCLINIC"),
        ),
    }
)


def approach(case: Case, *, segmental: bool) -> tuple[str, ...]:
    """Return the needling approach: ``segmental`` and/or ``peripheral`` (seed 1).

    ``segmental`` when the case is radicular with implicated levels; ``peripheral`` when trigger
    points were identified.
    """
    out = ["segmental"] if segmental else []
    if case.trigger_points_identified:
        out.append("peripheral")
    return tuple(out)


def segmental_targets(interp: NeuroInterpretation) -> tuple[SegmentalTarget, ...]:
    """Return multifidus at each implicated level and side, in spinal order.

    Source: seed 1, "treating the multifidi at the corresponding nerve root levels".
    """
    return tuple(
        SegmentalTarget("multifidus", lv.level, lv.side) for lv in interp.implicated_levels
    )


def stimulation(case: Case, *, segmental: bool) -> Stimulation:
    """Return the e-stim recommendation: recommended with a segmental approach, never with a device.

    Source: seed 1 (2-20 Hz for at least 10 min, particularly for spinal or radicular dysfunction;
    above 100 Hz can degrade tissue). With precaution ``pacemaker_or_icd`` it is not recommended.
    """
    return Stimulation(recommended=segmental and "pacemaker_or_icd" not in case.precautions)


def warnings(
    case: Case, interp: NeuroInterpretation, *, segmental: bool
) -> tuple[PlanWarning, ...]:
    """Return the plan's warnings: one per precaution, then device, lung and root-cause reminders.

    Each code appears once. Order: precautions in vocabulary order, ``estim_pacemaker``,
    ``lung_field_target`` (thoracic segmental targets, when not already listed), ``root_cause``.
    """
    out = [
        PlanWarning(code, *_PRECAUTION_WARNINGS[code])
        for code in PRECAUTIONS
        if code in case.precautions
    ]
    if "pacemaker_or_icd" in case.precautions:
        out.append(
            PlanWarning(
                "estim_pacemaker",
                "Pacemaker or ICD: electrical stimulation is not recommended; device manuals list "
                "electroacupuncture as contraindicated.",
                ("BMAS23", "MEDINSTR"),
            )
        )
    thoracic = [lv for lv in interp.implicated_levels if is_thoracic(lv.level)] if segmental else []
    if thoracic and "lung_field_target" not in case.precautions:
        levels = ", ".join(sorted({level_label(lv.level) for lv in thoracic}, key=thoracic_key))
        out.append(
            PlanWarning(
                "lung_field_target",
                f"Segmental targets at {levels} lie over the lung field: control needle depth "
                "(risk of pneumothorax); consider ultrasound guidance.",
                ("VAL24", "DNCLINIC"),
            )
        )
    out.append(
        PlanWarning(
            "root_cause",
            "Look for the root cause: assess movement and compensation patterns and treat the "
            "regions that drive the problem; do not only spot-treat the painful area.",
            ("seed1",),
        )
    )
    return tuple(out)


def thoracic_key(level: str) -> int:
    """Sort key for printed thoracic levels ``T1`` ... ``T12``."""
    return int(level[1:])


def needle_text(case: Case, *, segmental: bool) -> str:
    """Return the R7 reason text: why needling may be offered, and what the plan asks for."""
    text = (
        "No red flag, contraindication or exclusion applies and every eligibility criterion is "
        "met: dry needling may be offered for short-term relief (up to 12 weeks, then reassess), "
        "always combined with loading exercise to 1-2 reps in reserve."
    )
    if segmental:
        text += (
            " The neurological exam shows deficits, so needle the segmental structures "
            "(multifidus at the implicated levels)"
        )
        text += (
            ", without electrical stimulation (pacemaker or ICD)."
            if "pacemaker_or_icd" in case.precautions
            else ", with electrical stimulation at 2-20 Hz for at least 10 minutes, never above "
            "100 Hz."
        )
    if case.chronicity == "chronic":
        text += " Chronic condition: never use dry needling as the only treatment."
    return text
