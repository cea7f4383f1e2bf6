"""The decision engine: ``evaluate(case) -> Recommendation`` (DECISION_RULES sections 1-4).

Rules R1-R7 are checked in order of precedence; the verdict is that of the first rule that fires,
and every fired rule's reason is reported. Choices where the rules leave room:

- ``implicated_levels`` and ``unmet_criteria`` are interpretation, not plan: they are reported for
  every verdict (R6 fires, and is reported, even when R1 decides the verdict).
- For every verdict other than ``needle`` the plan fields are empty or false: ``approach`` and
  ``segmental_targets`` are ``[]``, ``stimulation.recommended`` and ``loading.required`` are false
  (the fixed band numbers are still reported), ``horizon_weeks`` is null, ``monotherapy_warning``
  is false and ``warnings`` is ``[]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from dnclinic.clinical import plan
from dnclinic.clinical.case import Case, CaseError
from dnclinic.clinical.neuro import ImplicatedLevel, NeuroInterpretation, interpret, is_radicular
from dnclinic.clinical.plan import Loading, SegmentalTarget, Stimulation
from dnclinic.clinical.rules import (
    OVERRIDABLE_VERDICTS,
    RULE_SET_VERSION,
    RULES,
    defer_reason,
    listed,
    reason,
    unmet_criteria,
)

if TYPE_CHECKING:
    from dnclinic.clinical.findings import PlanWarning, Reason

__all__ = ["RULE_SET_VERSION", "Case", "CaseError", "Recommendation", "evaluate"]

_NO_STIMULATION: Final = Stimulation(recommended=False)
_NO_LOADING: Final = Loading(required=False)


@dataclass(frozen=True)
class Recommendation:
    """The engine's answer: verdict, every fired reason, interpretation and the needling plan."""

    verdict: str
    reasons: tuple[Reason, ...]
    unmet_criteria: tuple[str, ...] = ()
    implicated_levels: tuple[ImplicatedLevel, ...] = ()
    approach: tuple[str, ...] = ()
    segmental_targets: tuple[SegmentalTarget, ...] = ()
    stimulation: Stimulation = _NO_STIMULATION
    loading: Loading = _NO_LOADING
    horizon_weeks: int | None = None
    monotherapy_warning: bool = False
    warnings: tuple[PlanWarning, ...] = ()
    rule_set_version: str = RULE_SET_VERSION
    interpretation: NeuroInterpretation | None = field(default=None, compare=False)

    @property
    def fired_rules(self) -> tuple[str, ...]:
        """Ids of every rule that fired, in precedence order."""
        return tuple(r.rule for r in self.reasons)

    @property
    def overridable(self) -> bool:
        """True when a practitioner may override the verdict with a written reason."""
        return self.verdict in OVERRIDABLE_VERDICTS

    def to_dict(self) -> dict[str, Any]:
        """Return the documented JSON shape (DECISION_RULES section 4), exactly those keys."""
        return {
            "verdict": self.verdict,
            "rule_set_version": self.rule_set_version,
            "reasons": [r.to_dict() for r in self.reasons],
            "unmet_criteria": list(self.unmet_criteria),
            "implicated_levels": [lv.to_dict() for lv in self.implicated_levels],
            "approach": list(self.approach),
            "segmental_targets": [t.to_dict() for t in self.segmental_targets],
            "stimulation": self.stimulation.to_dict(),
            "loading": self.loading.to_dict(),
            "horizon_weeks": self.horizon_weeks,
            "monotherapy_warning": self.monotherapy_warning,
            "warnings": [w.to_dict() for w in self.warnings],
        }


def evaluate(case: Case) -> Recommendation:
    """Decide whether to dry needle, and with which plan (DECISION_RULES sections 2-4).

    Args:
        case: a validated case (see `Case.from_dict`).

    Returns:
        The recommendation; it never raises for a valid case.
    """
    interp = interpret(case.neuro)
    segmental = bool(interp.implicated_levels)
    radicular = is_radicular(case.tags, interp)
    reasons: list[Reason] = []
    if case.red_flags or interp.has_umn_signs:
        found = [*(listed([flag]) for flag in case.red_flags), *interp.umn_signs]
        reasons.append(
            reason(
                "R1",
                f"Red flag found ({', '.join(found)}): refer for medical assessment before any "
                "dry needling. Upper motor neuron signs can mean myelopathy.",
            )
        )
    if case.contraindications:
        reasons.append(
            reason(
                "R2",
                f"Contraindication to dry needling ({listed(case.contraindications)}). Do not "
                "needle; record how it is resolved in the chart.",
            )
        )
    if _r3_fires(case, radicular=radicular):
        reasons.append(
            reason(
                "R3",
                "Chronic low back pain from degenerative disease without radiculopathy: seed 2 "
                "advises against dry needling, citing a 2014 lumbar guideline update that found no "
                "long-lasting benefit. Source check: that guideline's graded statement concerns "
                "facet injections; no dry-needling statement was found.",
            )
        )
    if "facet_mediated" in case.tags:
        reasons.append(
            reason(
                "R4",
                "Facet-mediated pain: seed 2 says patients who respond to radiofrequency "
                "ablation have facet-mediated rather than myofascial pain, so dry needling is "
                "not indicated.",
            )
        )
    if "headache" in case.tags:
        reasons.append(
            reason(
                "R5",
                "Headache: seed 2 reports insufficient evidence for or against dry needling "
                "(VA/DoD headache guideline); consider other evidence-based treatments first.",
            )
        )
    unmet = unmet_criteria(case, segmental=segmental)
    if unmet:
        reasons.append(defer_reason(case, unmet))
    if reasons:
        return Recommendation(
            RULES[reasons[0].rule].verdict,
            tuple(reasons),
            unmet_criteria=unmet,
            implicated_levels=interp.implicated_levels,
            interpretation=interp,
        )
    return Recommendation(
        "needle",
        (reason("R7", plan.needle_text(case, segmental=segmental)),),
        implicated_levels=interp.implicated_levels,
        approach=plan.approach(case, segmental=segmental),
        segmental_targets=plan.segmental_targets(interp),
        stimulation=plan.stimulation(case, segmental=segmental),
        loading=Loading(required=True),
        horizon_weeks=plan.HORIZON_WEEKS,
        monotherapy_warning=case.chronicity == "chronic",
        warnings=plan.warnings(case, interp, segmental=segmental),
        interpretation=interp,
    )


def _r3_fires(case: Case, *, radicular: bool) -> bool:
    return (
        case.region == "lumbar"
        and case.chronicity == "chronic"
        and "degenerative" in case.tags
        and not radicular
    )
