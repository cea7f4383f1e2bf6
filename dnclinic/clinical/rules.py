"""The rule table R1-R7 and the R6 eligibility criteria (DECISION_RULES section 3), as data.

Each rule carries its verdict, its evidence-registry sources and its evidence status, copied from
DECISION_RULES.md with the source-check notes of CLINICAL_REFERENCE.md section 2 beside them.
The reason texts are written for clinicians. Seed 2's "Grade B / Level II" label is deliberately
not shown against dry needling: the reference could not verify it (CLINICAL_REFERENCE section 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from dnclinic.clinical.findings import Reason
from dnclinic.clinical.vocab import label

if TYPE_CHECKING:
    from collections.abc import Iterable

    from dnclinic.clinical.case import Case

RULE_SET_VERSION: Final = "2026.1"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the precedence table: id, verdict, sources and evidence status."""

    id: str
    verdict: str
    sources: tuple[str, ...]
    evidence: str
    summary: str


RULES: Final = MappingProxyType(
    {
        rule.id: rule
        for rule in (
            Rule("R1", "refer", ("KEA19", "COOK10"), "confirmed", "red flag or UMN signs"),
            Rule(
                "R2",
                "contraindicated",
                ("AHPA_CI", "KEA19"),
                "confirmed",
                "contraindication to dry needling",
            ),
            Rule(
                "R3",
                "do_not_needle",
                ("seed2", "WAT14"),
                "as cited by seed 2; source check: that guideline's Grade B statement concerns "
                "facet injections, not dry needling (partly contradicted / UNCONFIRMED)",
                "chronic degenerative low back pain without radiculopathy",
            ),
            Rule(
                "R4",
                "not_indicated",
                ("seed2",),
                "as cited by seed 2; source check: no primary source found (UNCONFIRMED)",
                "facet-mediated pain",
            ),
            Rule(
                "R5",
                "insufficient_evidence",
                ("seed2", "VA23"),
                "as cited by seed 2; source check: no dry-needling statement found in the "
                "guideline's summaries (UNCONFIRMED)",
                "headache",
            ),
            Rule(
                "R6",
                "defer",
                ("seed2",),
                "as cited by seed 2 (clinical algorithm, step 2)",
                "eligibility criterion unmet",
            ),
            Rule(
                "R7",
                "needle",
                ("seed1", "seed2", "WAT26", "GAT17"),
                "as reported by seed 1 and as cited by seed 2; the consensus values are "
                "UNCONFIRMED against the consensus statement; short-term benefit up to 12 weeks "
                "is supported by a meta-analysis (GAT17, confirmed)",
                "dry needling may be offered",
            ),
        )
    }
)

OVERRIDABLE_VERDICTS: Final = frozenset(
    {"do_not_needle", "not_indicated", "insufficient_evidence", "defer"}
)
"""Verdicts a practitioner may override with a written, audited reason (DECISION_RULES 3)."""

CRITERIA: Final = (
    "failed_conservative_care",
    "training_hours",
    "trigger_points_identified",
    "understands_short_term_benefit",
    "consent_recorded",
)
"""The R6 eligibility criteria, in the order they are reported."""

# Per-criterion sources and source-check notes (CLINICAL_REFERENCE section 2 and section 7).
_CRITERION_SOURCES: Final = MappingProxyType(
    {
        "failed_conservative_care": ("MP740",),
        "training_hours": ("GAT20", "VAL24", "PPHC"),
        "trigger_points_identified": ("MP740", "GAT17"),
        "understands_short_term_benefit": (),
        "consent_recorded": ("GRI24", "PPHC"),
    }
)
_CRITERION_NOTES: Final = MappingProxyType(
    {
        "failed_conservative_care": "failed conservative care comes from a payer policy (MP740)",
        "training_hours": "the 60-hour threshold is UNCONFIRMED as a guideline criterion",
        "trigger_points_identified": "manual trigger-point identification has poor "
        "inter-examiner reliability",
        "understands_short_term_benefit": "UNCONFIRMED as a named criterion",
        "consent_recorded": "some jurisdictions require written consent",
    }
)


def unmet_criteria(case: Case, *, segmental: bool) -> tuple[str, ...]:
    """Return the R6 eligibility criteria the case does not meet, in reporting order.

    Args:
        case: the decision case.
        segmental: True when the case is radicular with at least one implicated level; the
            trigger-point criterion is then waived (seed 1 directs needling at segmental
            structures).

    Returns:
        Criterion names from `CRITERIA`.
    """
    hours = case.practitioner_training_hours
    trained = hours > case.training_threshold_hours and (
        case.jurisdiction_minimum_hours is None or hours >= case.jurisdiction_minimum_hours
    )
    met = {
        "failed_conservative_care": case.failed_conservative_care,
        "training_hours": trained,
        "trigger_points_identified": case.trigger_points_identified or segmental,
        "understands_short_term_benefit": case.understands_short_term_benefit,
        "consent_recorded": case.consent_recorded,
    }
    return tuple(name for name in CRITERIA if not met[name])


def criterion_text(name: str, case: Case) -> str:
    """Return the plain-language sentence for one unmet criterion."""
    if name == "training_hours":
        hours = case.practitioner_training_hours
        parts = []
        if hours <= case.training_threshold_hours:
            parts.append(
                f"is not more than the clinic threshold ({case.training_threshold_hours:g} h)"
            )
        legal = case.jurisdiction_minimum_hours
        if legal is not None and hours < legal:
            parts.append(f"is below the legal minimum where the clinic practises ({legal:g} h)")
        return f"practitioner training ({hours:g} h) " + " and ".join(parts)
    return {
        "failed_conservative_care": "conservative care has not been recorded as tried and failed",
        "trigger_points_identified": "no clear myofascial trigger points were found on palpation "
        "and the neurological exam implicates no spinal level",
        "understands_short_term_benefit": "the patient has not been recorded as understanding "
        "that the expected benefit is short-term (up to 12 weeks)",
        "consent_recorded": "informed consent for dry needling is not recorded",
    }[name]


def reason(rule_id: str, text: str) -> Reason:
    """Return the reason for a fired rule with that rule's sources and evidence status."""
    rule = RULES[rule_id]
    return Reason(rule.id, text, rule.sources, rule.evidence)


def defer_reason(case: Case, unmet: Iterable[str]) -> Reason:
    """Return the R6 reason: every unmet criterion, with its sources and source-check notes."""
    unmet = tuple(unmet)
    rule = RULES["R6"]
    sources = list(rule.sources)
    for name in unmet:
        sources += [s for s in _CRITERION_SOURCES[name] if s not in sources]
    text = (
        "Not yet eligible for dry needling: "
        + "; ".join(criterion_text(name, case) for name in unmet)
        + ". Seed 2 offers dry needling for short-term relief only when every criterion is met."
    )
    evidence = rule.evidence + "; source check: " + "; ".join(_CRITERION_NOTES[n] for n in unmet)
    return Reason("R6", text, tuple(sources), evidence)


def listed(codes: Iterable[str]) -> str:
    """Return codes as a readable, lower-case list of labels: ``"pregnancy, diabetes"``."""
    return ", ".join(label(code)[:1].lower() + label(code)[1:] for code in codes)
