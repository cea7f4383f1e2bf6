"""Readable text for a recommendation: the reasons with their sources (``decide --explain``)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from dnclinic.clinical.evidence import cite
from dnclinic.clinical.neuro import describe_level
from dnclinic.clinical.vocab import label

if TYPE_CHECKING:
    from dnclinic.clinical.decision import Recommendation

_WIDTH = 100


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text,
        _WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def explain(rec: Recommendation) -> str:
    """Return the recommendation as plain text: verdict, reasons, sources, interpretation, plan.

    Each reason shows its rule id, text, evidence status and every source with its citation,
    link and evidence status from the registry.
    """
    lines = [f"Verdict: {rec.verdict} ({label(rec.verdict)})", f"Rule set: {rec.rule_set_version}"]
    lines.append("")
    lines.append("Reasons:")
    for reason in rec.reasons:
        lines += _wrap(f"{reason.rule}: {reason.text}", "  ")
        lines += _wrap(f"Evidence: {reason.evidence}", "    ")
        lines.append("    Sources:")
        for source_id in reason.sources:
            lines += _wrap(cite(source_id), "      ")
    if rec.unmet_criteria:
        lines += ["", "Unmet criteria: " + ", ".join(rec.unmet_criteria)]
    if rec.implicated_levels:
        levels = "; ".join(describe_level(lv) for lv in rec.implicated_levels)
        lines += ["", f"Implicated levels: {levels}"]
    if rec.verdict == "needle":
        lines += ["", "Plan:", f"  Approach: {', '.join(rec.approach)}"]
        if rec.segmental_targets:
            targets = ", ".join(f"{t.muscle} {t.level} {t.side}" for t in rec.segmental_targets)
            lines.append(f"  Segmental targets: {targets}")
        stim = rec.stimulation
        lines.append(
            f"  Electrical stimulation: {'recommended' if stim.recommended else 'not recommended'}"
            f" ({stim.min_hz}-{stim.max_hz} Hz, at least {stim.min_minutes} min, never above "
            f"{stim.never_above_hz} Hz)"
        )
        lines.append(
            f"  Loading: required, {rec.loading.rir_min}-{rec.loading.rir_max} reps in reserve"
        )
        lines.append(f"  Reassess after: {rec.horizon_weeks} weeks")
        if rec.monotherapy_warning:
            lines.append("  Chronic condition: never use dry needling as the only treatment.")
        lines += ["", "Warnings:"]
        for warning in rec.warnings:
            lines += _wrap(f"- {warning.code}: {warning.text}", "  ")
    return "\n".join(lines) + "\n"
