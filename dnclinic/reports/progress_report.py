"""The progress report: outcome trends, responder status, sessions and doses.

Charts are ReportLab vector graphics (``LinePlot``): the scores over time, the baseline, dashed
lines at baseline ± MCID (a change inside them is smaller than the minimal clinically important
difference, CLINICAL_REFERENCE 5) and a tick under the axis for every needling session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from dnclinic.reports.styles import (
    ACCENT,
    BODY_FONT,
    BOLD_FONT,
    HEADER_FILL,
    MUTED,
    RULE,
    WARN,
    stylesheet,
    text,
)
from dnclinic.reports.templates import build_pdf

if TYPE_CHECKING:
    from datetime import datetime

    from reportlab.lib.styles import StyleSheet1

    from dnclinic.reports.templates import Letterhead, PatientBanner

CHART_W, CHART_H = 470.0, 170.0


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """One instrument's scores over time and what the chart marks on it."""

    title: str
    unit: str
    points: tuple[tuple[date, float], ...]
    value_min: float
    value_max: float
    baseline: float | None
    mcid_low: float | None
    mcid_high: float | None
    session_dates: tuple[date, ...]
    change: str


@dataclass(frozen=True, slots=True)
class SessionLine:
    """One session in the summary table."""

    day: date
    practitioner: str
    muscles: str
    needles: int
    stimulation: str
    pain: str
    adverse_events: int
    billing_code: str
    status: str


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """Everything the progress report shows (assembled by the document service)."""

    letterhead: Letterhead
    patient: PatientBanner
    printed_at: datetime
    episode: str
    trends: tuple[TrendSeries, ...]
    responder: tuple[str, ...]
    sessions: tuple[SessionLine, ...]
    totals: tuple[tuple[str, str], ...]


def _axis_range(t: TrendSeries) -> tuple[int, int]:
    days = [d.toordinal() for d, _ in t.points] + [d.toordinal() for d in t.session_dates]
    low, high = min(days), max(days)
    return (low - 1, high + 1) if low == high else (low, high)


def trend_chart(t: TrendSeries) -> Drawing:
    """Return one trend as a vector chart (points, baseline, MCID lines, session ticks)."""
    d = Drawing(CHART_W, CHART_H)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 42, 34, CHART_W - 60, CHART_H - 48
    x0, x1 = _axis_range(t)
    plot.data = [[(day.toordinal(), value) for day, value in t.points]]
    plot.lines[0].strokeColor = ACCENT
    plot.lines[0].strokeWidth = 2
    plot.lines[0].symbol = makeMarker("FilledCircle", size=5, fillColor=ACCENT)
    xa, ya = plot.xValueAxis, plot.yValueAxis
    xa.valueMin, xa.valueMax = x0, x1
    step = max(1, (x1 - x0) // 5)
    xa.valueSteps = list(range(x0, x1 + 1, step))
    xa.labelTextFormat = lambda v: f"{date.fromordinal(int(v)):%d %b %y}"
    ya.valueMin, ya.valueMax = t.value_min, t.value_max
    for axis in (xa, ya):
        axis.labels.fontName, axis.labels.fontSize = BODY_FONT, 7
        axis.strokeColor = MUTED
    ya.visibleGrid, ya.gridStrokeColor, ya.gridStrokeWidth = True, colors.HexColor("#e6eaee"), 0.5
    d.add(plot)

    def px(day: int) -> float:
        return float(plot.x + (day - x0) / (x1 - x0) * plot.width)

    def py(value: float) -> float:
        span = (t.value_max - t.value_min) or 1
        return float(plot.y + (value - t.value_min) / span * plot.height)

    right = plot.x + plot.width
    if t.baseline is not None:
        d.add(Line(plot.x, py(t.baseline), right, py(t.baseline), strokeColor=MUTED,
                   strokeWidth=0.8))  # fmt: skip
    for value, name in ((t.mcid_low, "MCID"), (t.mcid_high, "MCID")):
        if value is not None:
            d.add(Line(plot.x, py(value), right, py(value), strokeColor=WARN, strokeWidth=0.8,
                       strokeDashArray=[4, 3]))  # fmt: skip
            d.add(String(right + 2, py(value) - 3, name, fontName=BODY_FONT, fontSize=6,
                         fillColor=WARN))  # fmt: skip
    for day in t.session_dates:
        x = px(day.toordinal())
        d.add(Line(x, plot.y - 1, x, plot.y + 6, strokeColor=colors.HexColor("#2e7d32"),
                   strokeWidth=1.6))  # fmt: skip
    d.add(String(plot.x, 4, "▲ green ticks: needling sessions · dashed: baseline ± MCID",
                 fontName=BODY_FONT, fontSize=6.5, fillColor=MUTED))  # fmt: skip
    d.add(String(2, plot.y + plot.height + 6, t.unit, fontName=BODY_FONT, fontSize=7,
                 fillColor=MUTED))  # fmt: skip
    return d


def _sessions(data: ProgressReport, s: StyleSheet1) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Sessions and doses", s["Section"])]
    if not data.sessions:
        return [*out, Paragraph("No sessions recorded.", s["Body9"])]
    rows: list[list[object]] = [["Date", "Practitioner", "Muscles", "Needles", "Stimulation",
                                 "Pain", "AEs", "Code", "Status"]]  # fmt: skip
    for x in data.sessions:
        rows.append([f"{x.day:%Y-%m-%d}", Paragraph(text(x.practitioner), s["Cell"]),
                     Paragraph(text(x.muscles), s["Cell"]), str(x.needles),
                     Paragraph(text(x.stimulation), s["Cell"]), x.pain, str(x.adverse_events),
                     x.billing_code, x.status])  # fmt: skip
    table = LongTable(rows, colWidths=[54, 70, None, 38, 70, 40, 28, 36, 40], repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), BOLD_FONT, 8),
                               ("FONT", (0, 1), (-1, -1), BODY_FONT, 8.5),
                               ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))  # fmt: skip
    return [*out, table]


def build_story(data: ProgressReport) -> list[Flowable]:
    """Return the report's flowables (pure: the same data gives the same story)."""
    s = stylesheet()
    story: list[Flowable] = [
        Paragraph("Progress report", s["DocTitle"]),
        Paragraph(f"<b>Episode:</b> {text(data.episode)}", s["Body9"]),
        Paragraph("Summary", s["Section"]),
        *[Paragraph(f"<b>{text(k)}:</b> {text(v)}", s["Body9"]) for k, v in data.totals],
        Paragraph("Responder status", s["Section"]),
        *[Paragraph(text(line), s["Body9"]) for line in data.responder or ("Not enough scores.",)],
        Paragraph("Outcome trends", s["Section"]),
    ]
    if not data.trends:
        story.append(Paragraph("No outcome scores recorded yet.", s["Body9"]))
    for t in data.trends:
        story.append(KeepTogether([
            Paragraph(f"<b>{text(t.title)}</b> — {text(t.change)}", s["Body9"]),
            trend_chart(t) if t.points else Paragraph("No scores.", s["Body9"]),
            Spacer(1, 6),
        ]))  # fmt: skip
    story += _sessions(data, s)
    return story


def render(data: ProgressReport) -> bytes:
    """Return the report as PDF bytes (reproducible for the same data and printed-at)."""
    return build_pdf(
        build_story(data),
        title=f"Progress report {data.patient.mrn}",
        footer_left=f"Progress report — {data.patient.mrn}",
        printed_at=data.printed_at,
        letterhead=data.letterhead,
        patient=data.patient,
    )
