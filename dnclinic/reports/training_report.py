"""The practitioner training report: hours, status against threshold and minimum, safety figures.

Data in (assembled by the training dashboard service), PDF bytes out. Per practitioner: total,
in-person and hands-on hours, the counted courses, status against the clinic's threshold and
the jurisdiction's minimum with the reasons, and adverse events per 100 sessions by severity;
then the clinic's totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dnclinic.reports.styles import BOLD_FONT, HEADER_FILL, RULE, stylesheet
from dnclinic.reports.templates import build_pdf

if TYPE_CHECKING:
    from datetime import date, datetime

SEVERITY_NAMES = ("mild", "significant", "serious")


@dataclass(frozen=True, slots=True)
class PractitionerPart:
    """One practitioner's section of the report."""

    name: str
    licence_number: str
    jurisdiction: str
    total: Decimal
    in_person: Decimal
    hands_on: Decimal
    supervised_sessions: int
    status: str
    reasons: tuple[str, ...]
    courses: tuple[tuple[str, date, Decimal], ...]  # title, last day, hours
    missing_certificates: int
    unverified: int
    sessions_recent: int
    sessions_total: int
    adverse_events: tuple[int, int, int]  # mild, significant, serious


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """Everything the report shows."""

    clinic: str
    jurisdiction: str
    threshold: Decimal
    minimum: str
    conditions: str
    source: str
    recent_days: int
    practitioners: tuple[PractitionerPart, ...]
    printed_at: datetime


def per_100(count: int, sessions: int) -> str:
    """Return events per 100 sessions to one decimal ("—" without sessions)."""
    if sessions == 0:
        return "—"
    return str((Decimal(count) * 100 / sessions).quantize(Decimal("0.1")))


def _table(rows: list[list[object]], widths: list[float | None], *, numeric_from: int) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD_FONT, 8),
                ("FONTSIZE", (0, 1), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _summary(data: TrainingReport) -> Table:
    rows: list[list[object]] = [
        ["Practitioner", "Status", "Total h", "In person", "Hands-on", "Sessions", "Mild", "Sig.",
         "Serious"],
    ]  # fmt: skip
    s = stylesheet()
    for p in data.practitioners:
        rows.append(
            [
                Paragraph(escape(p.name), s["Body9"]),
                Paragraph(escape(p.status), s["Body9"]),
                str(p.total), str(p.in_person), str(p.hands_on), str(p.sessions_total),
                *(per_100(n, p.sessions_total) for n in p.adverse_events),
            ]
        )  # fmt: skip
    return _table(rows, [120, 110, 46, 48, 48, 46, 36, 36, 40], numeric_from=2)


def _section(p: PractitionerPart, days: int) -> list[Flowable]:
    s = stylesheet()
    licence = f", licence {escape(p.licence_number)}" if p.licence_number else ""
    facts = (
        f"<b>{p.total} h</b> formal training ({p.in_person} h in person, {p.hands_on} h "
        f"hands-on); {p.supervised_sessions} supervised sessions. Status: "
        f"<b>{escape(p.status)}</b>."
    )
    paperwork = (
        f"Certificates missing: {p.missing_certificates}; entries not verified: {p.unverified}."
    )
    safety = (
        f"{p.sessions_total} sessions charted ({p.sessions_recent} in the last {days} days); "
        "adverse events per 100 sessions: "
        + ", ".join(
            f"{name} {per_100(n, p.sessions_total)} ({n})"
            for name, n in zip(SEVERITY_NAMES, p.adverse_events, strict=True)
        )
        + "."
    )
    parts: list[Flowable] = [
        Paragraph(f"<b>{escape(p.name)}</b>{licence} — {escape(p.jurisdiction)}", s["Heading4"]),
        Paragraph(facts, s["Body9"]),
        *(Paragraph("• " + escape(r), s["Body9"]) for r in p.reasons),
        Paragraph(paperwork, s["Body9"]),
        Paragraph(safety, s["Body9"]),
    ]
    if p.courses:
        rows: list[list[object]] = [["Course", "Completed", "Hours"]]
        rows += [
            [Paragraph(escape(title), s["Body9"]), f"{ended:%Y-%m-%d}", str(hours)]
            for title, ended, hours in p.courses
        ]
        parts += [Spacer(1, 3), _table(rows, [None, 70, 50], numeric_from=2)]
    else:
        parts.append(Paragraph("No courses recorded.", s["Body9"]))
    parts.append(Spacer(1, 8))
    return [KeepTogether(parts)]


def _clinic_totals(data: TrainingReport) -> list[Flowable]:
    s = stylesheet()
    people = data.practitioners
    sessions = sum(p.sessions_total for p in people)
    events = [sum(p.adverse_events[i] for p in people) for i in range(3)]
    eligible = sum(1 for p in people if p.status.startswith("eligible"))
    rows: list[list[object]] = [
        ["Practitioners", "Eligible", "Training hours", "Sessions", "Mild /100", "Sig. /100",
         "Serious /100"],
        [str(len(people)), str(eligible), str(sum((p.total for p in people), Decimal(0))),
         str(sessions), *(per_100(n, sessions) for n in events)],
    ]  # fmt: skip
    return [
        Paragraph("Clinic totals", s["Heading3"]),
        _table(rows, [70, 55, 75, 60, 60, 60, 70], numeric_from=0),
        Spacer(1, 4),
        Paragraph(
            f"Adverse events counted: {events[0]} mild, {events[1]} significant, {events[2]} "
            "serious, from the current version of every session note not entered in error.",
            s["Small"],
        ),
    ]


def build_story(data: TrainingReport) -> list[Flowable]:
    """Return the report's flowables: rules in force, summary, one section each, clinic totals."""
    s = stylesheet()
    rule = (
        f"Where the clinic practises: {escape(data.jurisdiction)}. The decision rules ask for "
        f"<b>more than {data.threshold} h</b> of formal training (the clinic's threshold; "
        f"UNCONFIRMED as a guideline criterion, see the clinical reference section 2) and at "
        f"least the jurisdiction's minimum: <b>{escape(data.minimum)}</b>."
    )
    story: list[Flowable] = [
        Paragraph(f"Practitioner training — {escape(data.clinic)}", s["DocTitle"]),
        Paragraph(rule, s["Body9"]),
    ]
    if data.conditions:
        story.append(Paragraph(f"Conditions: {escape(data.conditions)}", s["Body9"]))
    if data.source:
        story.append(Paragraph(f"Source: {escape(data.source)}", s["Small"]))
    story += [Spacer(1, 8), Paragraph("Summary", s["Heading3"])]
    if data.practitioners:
        story.append(_summary(data))
        story.append(
            Paragraph(
                "Sessions: all session notes; Mild, Sig. (significant) and Serious: adverse "
                "events per 100 sessions.",
                s["Small"],
            )
        )
    else:
        story.append(Paragraph("No active practitioners.", s["Body9"]))
    story += [Spacer(1, 8), Paragraph("Practitioners", s["Heading3"])]
    for p in data.practitioners:
        story += _section(p, data.recent_days)
    story += _clinic_totals(data)
    return story


def render(data: TrainingReport) -> bytes:
    """Return the report as PDF bytes."""
    return build_pdf(
        build_story(data),
        title="Practitioner training report",
        footer_left=f"{data.clinic} — practitioner training",
        printed_at=data.printed_at,
    )
