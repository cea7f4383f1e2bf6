"""The recommendation as rich text, from its stored JSON form (wizard page and decision viewer).

Rendered from ``Recommendation.to_dict()`` and ``Case.to_dict()``, never by re-running the rules,
so a recorded decision is shown exactly as it was recommended (DECISION_RULES section 7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from dnclinic.clinical.prognosis import prognosis
from dnclinic.clinical.vocab import label
from dnclinic.services.decision_guidance import next_steps, resolutions

if TYPE_CHECKING:
    from dnclinic.clinical.case import Case
    from dnclinic.clinical.decision import Recommendation

STOP = frozenset({"refer", "contraindicated"})
GO = "needle"


def verdict_kind(verdict: str) -> str:
    """Return the banner style of a verdict: ``stop``, ``caution`` or ``go``."""
    return "stop" if verdict in STOP else "go" if verdict == GO else "caution"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def guidance_html(rec: Recommendation, case: Case) -> str:
    """Return what to do next (refer, contraindicated) or how to resolve each unmet criterion."""
    if rec.verdict in STOP:
        return "<h3>What to do next</h3>" + _list([escape(s) for s in next_steps(rec, case)])
    if rec.verdict == "defer":
        rows = [
            f"<b>{escape(problem[:1].upper() + problem[1:])}.</b><br>To resolve: {escape(fix)}"
            for problem, fix in resolutions(rec, case)
        ]
        return "<h3>Unmet criteria and how to resolve them</h3>" + _list(rows)
    return ""


def recommendation_html(rec: dict[str, Any], case: dict[str, Any], guidance: str = "") -> str:
    """Return the whole recommendation: verdict reasons, plan, warnings and prognosis."""
    out = [guidance, "<h3>Reasons</h3>"]
    reasons = []
    for r in rec["reasons"]:
        sources = ", ".join(escape(s) for s in r["sources"])
        reasons.append(
            f"<b>{escape(r['rule'])}</b>: {escape(r['text'])}<br>"
            f"<small>Sources: {sources}. Evidence: <i>{escape(r['evidence'])}</i></small>"
        )
    out.append(_list(reasons))
    levels = [
        f"{lv['level']} {lv['side']} ({', '.join(lv['domains'])})"
        for lv in rec["implicated_levels"]
    ]
    out.append(f"<p><b>Implicated levels:</b> {escape('; '.join(levels) or 'none')}</p>")
    if rec["verdict"] == GO:
        out.append(_plan_html(rec))
    pain = case.get("baseline_pain")
    if pain is not None:
        notes = [escape(n.text) + f" <small><i>({escape(n.evidence)})</i></small>" for n in
                 prognosis(int(pain)).notes]  # fmt: skip
        out.append("<h3>Prognosis</h3>" + _list(notes))
    else:
        out.append("<h3>Prognosis</h3><p>No baseline pain score: record an NPRS to see it.</p>")
    return "".join(out)


def _plan_html(rec: dict[str, Any]) -> str:
    targets = ", ".join(f"{t['muscle']} {t['level']} {t['side']}" for t in rec["segmental_targets"])
    stim = rec["stimulation"]
    band = (
        f"{stim['min_hz']}-{stim['max_hz']} Hz for at least {stim['min_minutes']} min, never "
        f"above {stim['never_above_hz']} Hz"
    )
    loading = rec["loading"]
    rows = [
        f"<b>Approach:</b> {escape(', '.join(rec['approach']) or 'none')}",
        f"<b>Segmental targets:</b> {escape(targets or 'none')}",
        f"<b>Electrical stimulation:</b> "
        f"{'recommended' if stim['recommended'] else 'not recommended'} ({band})",
        f"<b>Loading:</b> required, {loading['rir_min']}-{loading['rir_max']} reps in reserve",
        f"<b>Horizon:</b> short-term benefit; reassess after {rec['horizon_weeks']} weeks",
    ]
    if rec["monotherapy_warning"]:
        rows.append("<b>Chronic condition: never use dry needling as the only treatment.</b>")
    warnings = [f"<b>{escape(label(w['code']))}</b>: {escape(w['text'])}" for w in rec["warnings"]]
    return "<h3>Plan</h3>" + _list(rows) + "<h3>Warnings</h3>" + _list(warnings)
