"""The audit log as a PDF, for an administrator or an inspector."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from dnclinic.reports.styles import BOLD_FONT, HEADER_FILL, RULE, stylesheet
from dnclinic.reports.templates import build_pdf
from dnclinic.reports.text import chunks, markup, printable

if TYPE_CHECKING:
    from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One row of the report."""

    at: datetime
    username: str
    action: str
    entity: str
    patient: str
    details: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Everything the report shows (assembled by the audit service)."""

    clinic: str
    filters: str
    verification: str
    lines: tuple[AuditLine, ...]
    printed_at: datetime


def build_story(data: AuditReport) -> list[Flowable]:
    """Return the report's flowables: title, filters, verification result, the table."""
    s = stylesheet()
    story: list[Flowable] = [
        Paragraph(f"Audit log — {markup(data.clinic)}", s["DocTitle"]),
        Paragraph(f"Filters: {markup(data.filters)}", s["Body9"]),
        Paragraph(f"Chain verification: {markup(data.verification)}", s["Body9"]),
        Spacer(1, 6),
    ]
    rows = [["Time (UTC)", "User", "Action", "Record", "Patient", "Details"]]
    for line in data.lines:
        # Long details continue on rows of their own: one table row may not exceed a page.
        first, *rest = chunks(printable(line.details))
        rows.append(
            [
                f"{line.at:%Y-%m-%d %H:%M:%S}",
                Paragraph(markup(line.username), s["Body9"]),
                printable(line.action),
                printable(line.entity),
                printable(line.patient),
                Paragraph(markup(first), s["Small"]),
            ]
        )
        rows.extend(["", "", "", "", "", Paragraph(markup(more), s["Small"])] for more in rest)
    table = LongTable(rows, colWidths=[95, 80, 80, 90, 55, None], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), BOLD_FONT, 8.5),
                ("FONTSIZE", (0, 1), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    if not data.lines:
        story.append(Paragraph("No entries match these filters.", s["Body9"]))
    return story


def render(data: AuditReport) -> bytes:
    """Return the report as PDF bytes."""
    return build_pdf(
        build_story(data),
        title="Audit log",
        footer_left=f"{printable(data.clinic)[:80]} — audit log",
        printed_at=data.printed_at,
        wide=True,
    )
