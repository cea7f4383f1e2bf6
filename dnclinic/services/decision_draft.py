"""The decision wizard's draft: one mutable object the pages read and write (HOUSE_STYLE G9).

The pages follow the clinician's order (DECISION_RULES): safety screen, condition, neurological
screen, eligibility, recommendation. Which page comes next is :func:`next_page`, a pure
function of the draft; the recommendation is always ``evaluate(draft.case())``, the very engine
``dnclinic decide`` runs, so the wizard and the command line cannot disagree. Qt-free, so that
branching and validation are tested without a display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Final

from dnclinic.clinical.case import DEFAULT_TRAINING_THRESHOLD_HOURS, Case
from dnclinic.clinical.decision import Recommendation, evaluate
from dnclinic.clinical.neuro import NeuroExam, interpret
from dnclinic.clinical.rules import OVERRIDABLE_VERDICTS
from dnclinic.clinical.validation import Issue
from dnclinic.clinical.vocab import CHRONICITIES, REGIONS

if TYPE_CHECKING:
    from dnclinic.services.plans import PlanDetails


class Page(IntEnum):
    """The wizard's pages, in the clinician's order (their ids in the QWizard)."""

    SAFETY = 0
    CONDITION = 1
    NEURO = 2
    ELIGIBILITY = 3
    RECOMMENDATION = 4


END: Final = -1
"""What :func:`next_page` returns after the last page (QWizard's "no next page")."""

MAX_TRAINING_HOURS: Final = 10_000


@dataclass
class DecisionDraft:
    """Everything the wizard collects; prefilled from the chart, confirmed or corrected.

    ``provenance`` says where each prefilled value came from (shown beside the field), keyed
    by field name. ``training_hours`` None means "not known yet": the eligibility page asks.
    """

    patient_id: int
    patient_name: str = ""
    episode_id: int | None = None
    region: str | None = None
    chronicity: str | None = None
    tags: list[str] = field(default_factory=list)
    red_flags: list[str] = field(default_factory=list)
    contraindications: list[str] = field(default_factory=list)
    precautions: list[str] = field(default_factory=list)
    neuro: NeuroExam | None = None
    trigger_points_identified: bool = False
    failed_conservative_care: bool = False
    understands_short_term_benefit: bool = False
    consent_recorded: bool = False
    training_hours: float | None = None
    training_threshold_hours: float = float(DEFAULT_TRAINING_THRESHOLD_HOURS)
    jurisdiction_minimum_hours: float | None = None
    baseline_pain: int | None = None
    age: int | None = None
    provenance: dict[str, str] = field(default_factory=dict)
    # choices made on the recommendation page
    override: bool = False
    override_reason: str = ""
    create_plan: bool = False
    plan: PlanDetails | None = None
    start_session: bool = False

    # --- the case ----------------------------------------------------------------------------
    def case_dict(self) -> dict[str, Any]:
        """Return the case in its JSON form (DECISION_RULES section 1), as ``decide`` reads it.

        Unknown training hours count as 0 h: the practitioner has not shown the training, so
        the criterion is reported unmet rather than guessed.
        """
        return {
            "region": self.region,
            "chronicity": self.chronicity,
            "tags": list(self.tags),
            "trigger_points_identified": self.trigger_points_identified,
            "failed_conservative_care": self.failed_conservative_care,
            "understands_short_term_benefit": self.understands_short_term_benefit,
            "consent_recorded": self.consent_recorded,
            "practitioner_training_hours": self.training_hours or 0,
            "training_threshold_hours": self.training_threshold_hours,
            "jurisdiction_minimum_hours": self.jurisdiction_minimum_hours,
            "baseline_pain": self.baseline_pain,
            "age": self.age,
            "red_flags": list(self.red_flags),
            "contraindications": list(self.contraindications),
            "precautions": list(self.precautions),
            "neuro": self.neuro.to_dict() if self.neuro is not None else None,
        }

    def case(self) -> Case:
        """Return the validated case (strictly parsed, exactly like ``dnclinic decide``).

        Raises:
            CaseError: the draft is not a valid case yet (e.g. no region chosen).
        """
        return Case.from_dict(self.case_dict())

    def recommendation(self) -> Recommendation:
        """Return the engine's recommendation for the draft as it is now."""
        return evaluate(self.case())

    @property
    def umn_signs(self) -> bool:
        """Whether the neurological screen shows upper motor neuron signs (a red flag, R1)."""
        return self.neuro is not None and interpret(self.neuro).has_umn_signs

    # --- per-page checks ---------------------------------------------------------------------
    def issues(self, page: Page) -> list[Issue]:
        """Return what blocks leaving ``page`` (field names match the page's widgets)."""
        out: list[Issue] = []
        if page is Page.CONDITION:
            if self.region not in REGIONS:
                out.append(Issue("region", "Choose the body region."))
            if self.chronicity not in CHRONICITIES:
                out.append(Issue("chronicity", "Choose how long the problem has lasted."))
        elif page is Page.ELIGIBILITY:
            hours = self.training_hours
            if hours is None:
                out.append(
                    Issue("training_hours", "Enter your hours of formal dry-needling training.")
                )
            elif not 0 <= hours <= MAX_TRAINING_HOURS:
                out.append(Issue("training_hours", "Enter between 0 and 10,000 hours."))
            legal = self.jurisdiction_minimum_hours
            if legal is not None and not 0 <= legal <= MAX_TRAINING_HOURS:
                out.append(Issue("jurisdiction_minimum_hours", "Enter between 0 and 10,000 hours."))
        elif page is Page.RECOMMENDATION and self.override:
            verdict = self.recommendation().verdict
            if verdict not in OVERRIDABLE_VERDICTS:
                out.append(Issue("override", "This recommendation cannot be overridden."))
            elif not self.override_reason.strip():
                out.append(Issue("override_reason", "Write why you override the recommendation."))
        return out

    # --- what finishing does -----------------------------------------------------------------
    def acts_as_needle(self, rec: Recommendation) -> bool:
        """Whether needling goes ahead: verdict ``needle``, or an allowed override."""
        return rec.verdict == "needle" or (self.override and rec.overridable)


def next_page(draft: DecisionDraft, current: Page) -> int:
    """Return the page after ``current`` for this draft (DECISION_RULES section 3 precedence).

    A red flag or contraindication on the safety screen, or upper motor neuron signs on the
    neurological screen, go straight to the recommendation (refer / contraindicated: nothing
    later can change the verdict); the condition page is still shown first when the chart
    gave no region or chronicity, since every case needs them. Every other path visits
    eligibility, because an override of
    ``do_not_needle``, ``not_indicated`` or ``insufficient_evidence`` still needs a trained
    practitioner and consent.
    """
    blocked = bool(draft.red_flags or draft.contraindications)
    if current is Page.SAFETY:
        # the case still needs its region and chronicity: ask for them when not charted
        condition_known = draft.issues(Page.CONDITION) == []
        return int(Page.RECOMMENDATION if blocked and condition_known else Page.CONDITION)
    if current is Page.CONDITION:
        return int(Page.RECOMMENDATION if blocked else Page.NEURO)
    if current is Page.NEURO:
        return int(Page.RECOMMENDATION if draft.umn_signs else Page.ELIGIBILITY)
    if current is Page.ELIGIBILITY:
        return int(Page.RECOMMENDATION)
    return END
