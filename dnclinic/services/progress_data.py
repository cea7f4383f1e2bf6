"""Assemble the progress report's data from outcome trends and session records (pure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.reports.progress_report import ProgressReport, SessionLine, TrendSeries

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from dnclinic.reports.templates import Letterhead, PatientBanner
    from dnclinic.services.muscles import MuscleCatalog
    from dnclinic.services.outcomes import Trend
    from dnclinic.services.sessions import SessionRecord


def _value(v: float) -> str:
    return f"{v:g}"


def trend_series(t: Trend) -> TrendSeries:
    """Return one outcome trend as the report charts it."""
    if t.change is not None:
        change = t.change.explanation
    elif t.points:
        change = f"one score so far ({_value(t.points[0][1])})"
    else:
        change = "no scores"
    return TrendSeries(
        f"{t.instrument} — {t.name}", t.unit, t.points, t.value_min, t.value_max, t.baseline,
        t.mcid_low, t.mcid_high, t.session_dates, change,
    )  # fmt: skip


def responder_lines(trends: Sequence[Trend]) -> tuple[str, ...]:
    """Return the early-responder status (DECISION_RULES 5) from the NPRS trend, in words."""
    for t in trends:
        if t.responder is not None:
            p = t.responder
            if p.early_responder is None:
                head = "Early responder status: not known yet (needs a follow-up pain score)."
            elif p.early_responder:
                head = f"EARLY RESPONDER: pain dropped by {p.drop} points by the first follow-up."
            else:
                head = f"Not an early responder: pain dropped by {p.drop} point(s) (more than 1 "
                head += "is needed)."
            return (head, *(f"{n.text} ({n.evidence})" for n in p.notes))
    return ("Early responder status needs NPRS pain scores.",)


def session_line(record: SessionRecord, muscles: MuscleCatalog) -> SessionLine:
    """Return one session's line of the summary table (muscles, needles, stimulation dose)."""
    c = record.content
    names = dict.fromkeys(f"{muscles.label(t.muscle)} ({t.side[:1].upper()})" for t in c.targets)
    stim = "; ".join(
        " ".join(p for p in (f"{s.frequency_hz:g} Hz" if s.frequency_hz else "",
                             f"{s.duration_min:g} min" if s.duration_min else "") if p)
        for s in c.stimulation
    )  # fmt: skip
    pain = (f"{c.pain_before} → {c.pain_after}" if c.pain_before is not None
            and c.pain_after is not None else "—")  # fmt: skip
    day = c.session_at.date() if c.session_at else None
    assert day is not None  # a saved session always has its time
    return SessionLine(
        day, record.practitioner_name, ", ".join(names), sum(t.needles for t in c.targets),
        stim, pain, len(c.adverse_events), c.billing_code or "", record.status,
    )  # fmt: skip


def progress_report(
    *,
    head: Letterhead,
    patient: PatientBanner,
    printed_at: datetime,
    episode: str,
    trends: Sequence[Trend],
    records: Sequence[SessionRecord],
    muscles: MuscleCatalog,
) -> ProgressReport:
    """Return the progress report's data (sessions oldest first)."""
    lines = tuple(sorted((session_line(r, muscles) for r in records), key=lambda x: x.day))
    events: dict[str, int] = {}
    for r in records:
        for a in r.content.adverse_events:
            events[a.severity] = events.get(a.severity, 0) + 1
    signed = sum(1 for r in records if r.signed)
    stim = sum(1 for r in records if r.content.stimulation)
    totals = (
        ("Sessions", f"{len(records)} ({signed} signed)"
         + (f", {lines[0].day:%Y-%m-%d} to {lines[-1].day:%Y-%m-%d}" if lines else "")),
        ("Needles", f"{sum(x.needles for x in lines)} in total"),
        ("Electrical stimulation", f"in {stim} session(s)" if stim else "none"),
        ("Adverse events", ", ".join(f"{n} {sev}" for sev, n in sorted(events.items()))
         or "none recorded"),
    )  # fmt: skip
    return ProgressReport(
        head, patient, printed_at, episode, tuple(trend_series(t) for t in trends),
        responder_lines(trends), lines, totals,
    )  # fmt: skip
