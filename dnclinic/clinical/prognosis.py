"""Prognosis and follow-up: predictors of response, shown beside the verdict (DECISION_RULES 5).

Not part of the verdict. Source: seed 2, citing Gerber 2017 [GER17] (45 patients with chronic
myofascial neck pain, 3 sessions, 6-week follow-up). The reading "each 1-point lower baseline pain
gives about 6.3 times the odds of response" is UNCONFIRMED (CLINICAL_REFERENCE section 2), so the
texts below never state it as settled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dnclinic.clinical.findings import Reason

EARLY_RESPONSE_DROP: Final = 1
"""Seed 2: a drop of MORE than 1 point (NPRS/VAS 0-10) from baseline marks an early responder."""

_SOURCES: Final = ("seed2", "GER17")
_EVIDENCE: Final = (
    "as cited by seed 2; study confirmed (GER17), but its 6.3-fold odds figure may refer to the "
    "baseline level rather than the early change: interpretation UNCONFIRMED"
)


@dataclass(frozen=True, slots=True)
class Prognosis:
    """Predictors of a sustained response, with the reasons that explain them."""

    baseline_pain: int
    followup_pain: int | None
    drop: int | None
    early_responder: bool | None
    notes: tuple[Reason, ...]


def _check(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValueError(f"{name}: expected an integer pain score from 0 to 10; got {value!r}")
    return value


def prognosis(baseline_pain: int, followup_pain: int | None = None) -> Prognosis:
    """Return the predictors of response for a patient's pain scores (NPRS 0-10).

    Args:
        baseline_pain: pain before the first session, 0-10.
        followup_pain: pain at the first follow-up, 0-10, or None before follow-up.

    Returns:
        The prognosis: ``early_responder`` is True when pain dropped by more than 1 point from
        baseline, False when it did not, None before follow-up.

    Raises:
        ValueError: when a score is not an integer from 0 to 10.
    """
    baseline = _check(baseline_pain, "baseline_pain")
    notes = [
        Reason(
            "P1",
            f"Baseline pain {baseline}/10. In one study of 45 people with chronic neck pain, "
            "those with lower pain at the start were more likely to keep the benefit 6 weeks "
            "after treatment; higher baseline pain meant a higher risk of no response.",
            _SOURCES,
            _EVIDENCE,
        )
    ]
    drop: int | None = None
    responder: bool | None = None
    if followup_pain is not None:
        drop = baseline - _check(followup_pain, "followup_pain")
        responder = drop > EARLY_RESPONSE_DROP
        verdict = (
            "an early responder, more likely to keep the benefit at 6 weeks"
            if responder
            else "not an early responder (a drop of more than 1 point is needed)"
        )
        notes.append(
            Reason(
                "P2",
                f"Pain changed from {baseline} to {followup_pain} (drop {drop}): {verdict}.",
                _SOURCES,
                _EVIDENCE,
            )
        )
    notes.append(
        Reason(
            "P3",
            "Function improves less consistently than pain: follow both trends, and never present "
            "pain relief as a change in the underlying disease.",
            ("seed2", "CHY23"),
            "as cited by seed 2; inconsistent effects on function confirmed by an umbrella review "
            "(CHY23)",
        )
    )
    return Prognosis(baseline, followup_pain, drop, responder, tuple(notes))
