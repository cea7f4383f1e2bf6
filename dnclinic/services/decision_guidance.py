"""What the decision wizard tells the clinician beside the verdict, as plain data (Qt-free).

Why each page matters (with registry sources), what to do next after ``refer`` or
``contraindicated``, how to resolve each unmet eligibility criterion of ``defer``, and the
session note a ``needle`` decision starts: multifidus at the implicated levels (seed 1) and
stimulation defaults inside the 2-20 Hz, at least 10 min band (seed 1).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from dnclinic.clinical.rules import criterion_text
from dnclinic.clinical.vocab import label
from dnclinic.services.decision_draft import Page
from dnclinic.services.session_content import SessionContent, StimulationEntry, TargetEntry

if TYPE_CHECKING:
    from datetime import datetime

    from dnclinic.clinical.case import Case
    from dnclinic.clinical.decision import Recommendation
    from dnclinic.services.muscles import MuscleCatalog

PAGE_WHY: Final = MappingProxyType(
    {
        Page.SAFETY: (
            "Red flags (and upper motor neuron signs) mean a possibly serious condition: refer "
            "for medical assessment before any needling. A contraindication rules needling "
            "out until it is resolved; precautions change how you needle.",
            ("KEA19", "COOK10", "AHPA_CI"),
        ),
        Page.CONDITION: (
            "The region, how long it has lasted and the kind of pain decide whether the "
            "evidence supports needling at all: chronic degenerative low back pain without "
            "radiculopathy, facet-mediated pain and headache are handled differently.",
            ("seed2", "WAT14", "VA23"),
        ),
        Page.NEURO: (
            "Sensory, motor and reflex deficits implicate spinal levels: seed 1 then directs "
            "needling at the segmental structures (multifidus at those levels) with electrical "
            "stimulation. Upper motor neuron signs are a red flag.",
            ("seed1", "ISN", "NINDS", "COOK10"),
        ),
        Page.ELIGIBILITY: (
            "Seed 2 offers dry needling for short-term relief only when conservative care has "
            "failed, trigger points are found (or a spinal level is implicated), the patient "
            "understands the benefit is short-term and consents, and the practitioner has more "
            "than the clinic's threshold of formal training (and the legal minimum).",
            ("seed2", "MP740", "GAT20", "PPHC", "GRI24"),
        ),
        Page.RECOMMENDATION: (
            "The verdict is that of the first rule that fires; every fired rule is listed with "
            "its sources and how well each source was checked.",
            ("seed1", "seed2", "GAT17", "GER17"),
        ),
    }
)

_RESOLUTIONS: Final = MappingProxyType(
    {
        "failed_conservative_care": "Try and record conservative care first (education, "
        "exercise, manual therapy), then run the decision again at review.",
        "training_hours": "Ask a colleague who is trained above the threshold to needle, or "
        "complete and record further formal training.",
        "trigger_points_identified": "Palpate again for taut bands and trigger points, or "
        "complete the neurological exam if a radicular problem is suspected.",
        "understands_short_term_benefit": "Explain that relief is expected for up to 12 weeks "
        "and that exercise carries the long-term benefit; tick it once they understand.",
        "consent_recorded": "Obtain informed consent and record it in a new screening "
        "(Patient > Record screening…).",
    }
)

_URGENT: Final = MappingProxyType(
    {
        "cauda_equina": "Suspected cauda equina syndrome: send to the emergency department today.",
        "vascular_compromise": "Vascular compromise: arrange urgent medical assessment today.",
        "infection_signs": "Signs of systemic infection: arrange medical assessment today.",
        "progressive_neuro_deficit": "Progressive neurological deficit: urgent referral to the "
        "patient's physician or a spinal service.",
    }
)


def next_steps(rec: Recommendation, case: Case) -> list[str]:
    """Return what to do after ``refer`` or ``contraindicated`` (empty for other verdicts)."""
    if rec.verdict == "refer":
        steps = [_URGENT[f] for f in case.red_flags if f in _URGENT]
        if rec.interpretation is not None and rec.interpretation.has_umn_signs:
            steps.append(
                "Upper motor neuron signs ("
                + ", ".join(rec.interpretation.umn_signs)
                + "): refer for medical assessment of possible myelopathy."
            )
        steps += [
            "Refer the patient for medical assessment and write the referral in the chart.",
            "Do not needle. When medical clearance is recorded, record a new screening and "
            "run the decision again.",
        ]
        return steps
    if rec.verdict == "contraindicated":
        found = ", ".join(label(c).lower() for c in case.contraindications)
        return [
            f"Do not needle while the contraindication lasts ({found}).",
            "Offer other treatment (exercise, manual therapy, education).",
            "If it is resolved, record a new screening and run the decision again.",
        ]
    return []


def resolutions(rec: Recommendation, case: Case) -> list[tuple[str, str]]:
    """Return each unmet eligibility criterion with a way to resolve it, in reporting order."""
    return [(criterion_text(name, case), _RESOLUTIONS[name]) for name in rec.unmet_criteria]


def session_prefill(
    rec: Recommendation,
    muscles: MuscleCatalog,
    *,
    now: datetime,
    episode_id: int | None,
    note: str,
) -> SessionContent:
    """Return a new session note prefilled from a decision (seed 1).

    Targets: the multifidus of ``muscles.json`` at each implicated level and side (segmental).
    Stimulation, when the plan recommends it: the low end of the band (2 Hz) for the minimum
    time (10 min) with a common 250 µs pulse; the intensity is left for the practitioner to set
    to the patient's tolerance, so the note cannot be saved before it is set.
    """
    targets = []
    for lv in rec.implicated_levels:
        muscle = muscles.segmental_for(lv.level)
        if muscle is not None:
            targets.append(TargetEntry(muscle.code, lv.side, "segmental", lv.level, needles=1))
    stimulation: tuple[StimulationEntry, ...] = ()
    stim = rec.stimulation
    if targets and stim.recommended:  # never with a pacemaker, never on an override
        stimulation = (
            StimulationEntry(
                frequency_hz=float(stim.min_hz),
                pulse_width_us=250.0,
                intensity_ma=None,
                duration_min=float(stim.min_minutes),
            ),
        )
    return SessionContent(
        session_at=now, episode_id=episode_id, targets=tuple(targets),
        stimulation=stimulation, plan=note,
    )  # fmt: skip


def plan_note(rec: Recommendation, decision_label: str) -> str:
    """Return the session's plan text summarising a decision's needling plan."""
    parts = [f"From {decision_label}: {label(rec.verdict).lower()}."]
    if rec.segmental_targets:
        where = ", ".join(f"{t.level} {t.side}" for t in rec.segmental_targets)
        parts.append(f"Segmental: multifidus {where}.")
    stim = rec.stimulation
    if stim.recommended:
        parts.append(
            f"E-stim {stim.min_hz}-{stim.max_hz} Hz for at least {stim.min_minutes} min "
            f"(never above {stim.never_above_hz} Hz)."
        )
    parts.append(
        f"Loading {rec.loading.rir_min}-{rec.loading.rir_max} reps in reserve; reassess at "
        f"{rec.horizon_weeks or 12} weeks."
    )
    return " ".join(parts)
