"""Electrical stimulation checks for the session editor (DECISION_RULES section 6).

Every stimulation setting is checked before it is saved: an ``error`` blocks saving, a
``warning`` is shown and saved with the record. Sources: seed 1 (2-20 Hz for at least 10 min,
tissue degradation above 100 Hz; as reported, UNCONFIRMED as consensus values), BMAS23 (no current
across the chest), MEDINSTR (pacemaker/ICD and upper-body stimulation); the pregnancy rule is an
app convention (DNCLINIC).

Placement judgements, where the rules leave room:

- "Above the waist or on the trunk": head, face, neck, spine, chest, abdomen, pelvis and the upper
  limbs. The gluteal region and the lower limbs are below the waist.
- "Crosses the chest": one lead on the left and the other on the right, both on the thorax or an
  upper limb (current from arm to arm runs through the chest); or one lead on the chest and the
  other on the thoracic spine (front to back through the thorax).
- "Lumbar, pelvic or abdominal": lumbar, sacral, pelvis and abdomen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from dnclinic.clinical.plan import MAX_HZ, MIN_HZ, MIN_MINUTES, NEVER_ABOVE_HZ

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

ELECTRODE_REGIONS: Final = (
    "head",
    "face",
    "neck",
    "cervical",
    "thoracic",
    "lumbar",
    "sacral",
    "chest",
    "abdomen",
    "pelvis",
    "shoulder",
    "upper_arm",
    "elbow",
    "forearm",
    "hand",
    "gluteal",
    "hip",
    "thigh",
    "knee",
    "leg",
    "ankle",
    "foot",
)
ELECTRODE_SIDES: Final = ("left", "right", "midline")

_LOWER_BODY: Final = frozenset({"gluteal", "hip", "thigh", "knee", "leg", "ankle", "foot"})
_THORAX_OR_ARM: Final = frozenset(
    {"chest", "thoracic", "shoulder", "upper_arm", "elbow", "forearm", "hand"}
)
_LUMBOPELVIC: Final = frozenset({"lumbar", "sacral", "pelvis", "abdomen"})


def above_waist_or_trunk(region: str) -> bool:
    """Tell whether an electrode region is above the waist or on the trunk (pacemaker rule)."""
    return region in ELECTRODE_REGIONS and region not in _LOWER_BODY


def is_chest(region: str) -> bool:
    """Tell whether an electrode region is on the thorax (front or back)."""
    return region in ("chest", "thoracic")


def lumbar_pelvic_or_abdominal(region: str) -> bool:
    """Tell whether an electrode region is lumbar, pelvic or abdominal (pregnancy rule)."""
    return region in _LUMBOPELVIC


@dataclass(frozen=True, slots=True)
class Electrode:
    """One electrode (needle lead): body region and side."""

    region: str
    side: str


@dataclass(frozen=True, slots=True)
class ElectrodePair:
    """Two electrodes connected to the same channel."""

    a: Electrode
    b: Electrode


@dataclass(frozen=True, slots=True)
class StimulationSetting:
    """One stimulation setting: Hz, microseconds, milliamps, minutes, electrode pairs."""

    frequency_hz: float | None
    pulse_width_us: float | None
    intensity_ma: float | None
    duration_min: float | None
    electrodes: tuple[ElectrodePair, ...] = ()


@dataclass(frozen=True, slots=True)
class StimulationFinding:
    """One check result: ``error`` blocks saving, ``warning`` is shown and saved."""

    level: Literal["error", "warning"]
    code: str
    message: str
    sources: tuple[str, ...] = ()


def _present(value: float | None) -> bool:
    return (
        value is not None
        and not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
        and value > 0
    )


def crosses_chest(pair: ElectrodePair) -> bool:
    """Tell whether a pair sends current across the chest (see the module docstring)."""
    a, b = pair.a, pair.b
    left_right = {a.side, b.side} == {"left", "right"}
    if left_right and a.region in _THORAX_OR_ARM and b.region in _THORAX_OR_ARM:
        return True
    return {a.region, b.region} == {"chest", "thoracic"}


def check_stimulation(
    setting: StimulationSetting, *, segmental_session: bool, precautions: Collection[str]
) -> list[StimulationFinding]:
    """Check one stimulation setting exactly as DECISION_RULES section 6.

    Args:
        setting: the setting as entered.
        segmental_session: True when any target of the session is segmental or spinal.
        precautions: the patient's precaution codes (``pacemaker_or_icd``, ``pregnancy`` ...).

    Returns:
        Findings, errors first in table order; empty when the setting passes every check.
    """
    out: list[StimulationFinding] = []
    freq = setting.frequency_hz
    for name, value in (
        ("frequency", freq),
        ("duration", setting.duration_min),
        ("pulse_width", setting.pulse_width_us),
        ("intensity", setting.intensity_ma),
    ):
        if not _present(value):
            what = name.replace("_", " ")
            out.append(_error(f"missing_{name}", f"The {what} is missing, zero or negative."))
    if _present(freq) and freq is not None:
        if freq > NEVER_ABOVE_HZ:
            out.append(
                _error(
                    "frequency_above_100hz",
                    f"{freq:g} Hz is above {NEVER_ABOVE_HZ} Hz, which can degrade tissue.",
                    "seed1",
                )
            )
        elif not MIN_HZ <= freq <= MAX_HZ:
            out.append(
                StimulationFinding(
                    "warning",
                    "frequency_outside_band",
                    f"{freq:g} Hz is outside the recommended {MIN_HZ}-{MAX_HZ} Hz band.",
                    ("seed1", "WAT26"),
                )
            )
    out += _placement_findings(setting.electrodes, precautions)
    duration = setting.duration_min
    if segmental_session and _present(duration) and duration is not None and duration < MIN_MINUTES:
        out.append(
            StimulationFinding(
                "warning",
                "duration_below_10min",
                f"{duration:g} min is under the {MIN_MINUTES} minutes recommended for segmental "
                "or spinal targets.",
                ("seed1", "WAT26"),
            )
        )
    return sorted(out, key=lambda f: f.level != "error")


def _placement_findings(
    pairs: Iterable[ElectrodePair], precautions: Collection[str]
) -> list[StimulationFinding]:
    out: list[StimulationFinding] = []
    pairs = tuple(pairs)
    electrodes = [e for pair in pairs for e in (pair.a, pair.b)]
    for e in electrodes:
        if e.region not in ELECTRODE_REGIONS or e.side not in ELECTRODE_SIDES:
            out.append(
                _error("unknown_placement", f"Unknown electrode placement {e.region}/{e.side}.")
            )
    upper = sorted({e.region for e in electrodes if above_waist_or_trunk(e.region)})
    if "pacemaker_or_icd" in precautions and upper:
        out.append(
            _error(
                "pacemaker_electrode_placement",
                "Pacemaker or ICD: no electrodes above the waist or on the trunk "
                f"({', '.join(r.replace('_', ' ') for r in upper)}).",
                "BMAS23",
                "MEDINSTR",
            )
        )
    if any(crosses_chest(pair) for pair in pairs):
        out.append(
            _error(
                "pair_crosses_chest",
                "An electrode pair crosses the chest: connect leads on the same side only.",
                "BMAS23",
            )
        )
    pelvic = sorted({e.region for e in electrodes if lumbar_pelvic_or_abdominal(e.region)})
    if "pregnancy" in precautions and pelvic:
        out.append(
            _error(
                "pregnancy_electrode_placement",
                f"Pregnancy: no electrodes on the lumbar, pelvic or abdominal region "
                f"({', '.join(pelvic)}).",
                "DNCLINIC",
            )
        )
    return out


def _error(code: str, message: str, *sources: str) -> StimulationFinding:
    return StimulationFinding("error", code, message, sources)


def has_errors(findings: Iterable[StimulationFinding]) -> bool:
    """Return True when any finding blocks saving."""
    return any(f.level == "error" for f in findings)
