"""The patient's home-loading plan: large print, plain words, a picture for every exercise.

Written for the patient, not the clinician: body text 12.5 pt and headings 16 pt, short
sentences a 12-year-old can follow, each exercise with a stick-figure drawing
(:mod:`dnclinic.reports.figures`), how many sets and reps, how often, what "stop with 1-2 reps in
reserve" means, what soreness after needling is normal and when to call, the clinic's contact
details, and a tick-box log for the weeks until the next visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from dnclinic.reports.figures import illustration
from dnclinic.reports.styles import ACCENT, BOLD_FONT, HEADER_FILL, INK, RULE, stylesheet, text
from dnclinic.reports.templates import build_pdf

if TYPE_CHECKING:
    from datetime import datetime

    from reportlab.lib.styles import StyleSheet1

    from dnclinic.reports.templates import Letterhead, PatientBanner

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CALLOUT_FILL = colors.HexColor("#eaf3fb")


@dataclass(frozen=True, slots=True)
class PlanExercise:
    """One exercise as the patient sees it (``pose`` is a pose kind of the library)."""

    name: str
    steps: tuple[str, ...]
    sets: int
    reps: int | None
    hold_seconds: int | None
    days_per_week: int
    effort: str
    pose: str

    @property
    def dose(self) -> str:
        """Return e.g. ``"2 sets of 10"`` or ``"3 times, hold 20 seconds each time"``."""
        if self.reps is None:
            return f"{self.sets} times, hold {self.hold_seconds} seconds each time"
        hold = f", hold {self.hold_seconds} seconds each" if self.hold_seconds else ""
        return f"{self.sets} sets of {self.reps}{hold}"

    @property
    def how_often(self) -> str:
        """Return e.g. ``"3 days a week, with a rest day in between"``."""
        if self.days_per_week >= 7:
            return "every day"
        if self.days_per_week <= 3:
            return f"{self.days_per_week} days a week, with a rest day in between"
        return f"{self.days_per_week} days a week"


@dataclass(frozen=True, slots=True)
class HomePlanDocument:
    """Everything the printed home plan shows (assembled by the document service)."""

    letterhead: Letterhead
    patient: PatientBanner
    printed_at: datetime
    patient_first_name: str
    region: str
    practitioner: str
    exercises: tuple[PlanExercise, ...]
    effort_rule: str
    effort_explanation: tuple[str, ...]
    normal_after_needling: tuple[str, ...]
    call_the_clinic: tuple[str, ...]
    get_help_now: str
    log_weeks: int = 4
    source: str = ""


def _callout(flowables: list[Flowable], fill: colors.Color = CALLOUT_FILL) -> Table:
    box = Table([[flowables]], colWidths=["100%"])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), fill),
                             ("BOX", (0, 0), (-1, -1), 1, ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                             ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))  # fmt: skip
    return box


def _exercise(n: int, e: PlanExercise, s: StyleSheet1) -> Flowable:
    steps = [Paragraph(f"{i}. {text(step)}", s["Large"]) for i, step in enumerate(e.steps, 1)]
    right: list[Flowable] = [
        Paragraph(f"{n}. {text(e.name)}", s["LargeHeading"]),
        Paragraph(f"<b>Do:</b> {text(e.dose)}", s["Large"]),
        Paragraph(f"<b>How often:</b> {text(e.how_often)}", s["Large"]),
        Spacer(1, 4),
        *steps,
        Spacer(1, 4),
        Paragraph(f"<b>How hard:</b> {text(e.effort)}", s["Large"]),
    ]
    row = Table([[illustration(e.pose), right]], colWidths=[160, None])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LINEBELOW", (0, 0), (-1, -1), 0.8, RULE),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                             ("LEFTPADDING", (0, 0), (0, 0), 0)]))  # fmt: skip
    return KeepTogether([row, Spacer(1, 6)])


def _log(data: HomePlanDocument, s: StyleSheet1) -> list[Flowable]:
    out: list[Flowable] = []
    head = [
        Paragraph("My exercise log", s["LargeHeading"]),
        Paragraph(
            "Put a tick ✓ in the box each day you do the exercise. "
            "Bring this sheet to your next visit.",
            s["Large"],
        ),  # fmt: skip
    ]
    for week in range(1, data.log_weeks + 1):
        rows: list[list[object]] = [[f"Week {week}", *DAYS]]
        # Empty cells: the grid draws the boxes to tick.
        rows += [[Paragraph(text(e.name), s["Large"]), *[""] * 7] for e in data.exercises]
        table = Table(rows, colWidths=[None, *[40] * 7], repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, 0), BOLD_FONT, 12.5),
                                   ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                                   ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                                   ("TOPPADDING", (0, 1), (-1, -1), 9),
                                   ("BOTTOMPADDING", (0, 1), (-1, -1), 9),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                                   ("GRID", (0, 0), (-1, -1), 0.8, RULE)]))  # fmt: skip
        out.append(KeepTogether([*(head if week == 1 else []), Spacer(1, 8), table]))
    return out


def build_story(data: HomePlanDocument) -> list[Flowable]:
    """Return the plan's flowables (pure: the same data gives the same story)."""
    s = stylesheet()
    bullets = [Paragraph(f"• {text(line)}", s["Large"]) for line in data.normal_after_needling]
    calls = [Paragraph(f"• {text(line)}", s["Large"]) for line in data.call_the_clinic]
    contact = [text(data.letterhead.name, breaks=False)]
    if data.letterhead.phone:
        contact.append(f"Phone: <b>{text(data.letterhead.phone, breaks=False)}</b>")
    if data.letterhead.address:
        contact.append(text(data.letterhead.address))
    story: list[Flowable] = [
        Paragraph("Your home exercises", s["LargeTitle"]),
        Paragraph(
            f"For <b>{text(data.patient_first_name, breaks=False)}</b> · "
            f"{text(data.region, breaks=False)} · from {text(data.practitioner)}, "
            f"{data.printed_at:%d %B %Y}",
            s["Large"],
        ),  # fmt: skip
        Spacer(1, 6),
        Paragraph(
            f"Do these {len(data.exercises)} exercises at home. They make the sore area "
            "stronger and help the needling work better. Go slowly and keep breathing.",
            s["Large"],
        ),  # fmt: skip
        Spacer(1, 8),
        _callout(
            [
                Paragraph(f"How hard? {text(data.effort_rule)}", s["LargeHeading"]),
                *[Paragraph(f"• {text(line)}", s["Large"]) for line in data.effort_explanation],
            ]
        ),  # fmt: skip
        Spacer(1, 6),
        *[_exercise(n, e, s) for n, e in enumerate(data.exercises, start=1)],
        KeepTogether(
            [Paragraph("After dry needling: what is normal", s["LargeHeading"]), *bullets]
        ),  # fmt: skip
        KeepTogether(
            [
                Paragraph("Call us if", s["LargeHeading"]),
                *calls,
                Spacer(1, 6),
                _callout(
                    [Paragraph(f"<b>{text(data.get_help_now)}</b>", s["Large"])],
                    colors.HexColor("#fdecea"),
                ),
            ]
        ),  # fmt: skip
        Spacer(1, 8),
        KeepTogether(
            [
                Paragraph("Our contact details", s["LargeHeading"]),
                _callout([Paragraph("<br/>".join(contact), s["Large"])]),
            ]
        ),  # fmt: skip
        *_log(data, s),
    ]
    if data.source:
        story.append(Spacer(1, 10))
        story.append(Paragraph(text(data.source), s["Small"]))
    return story


def render(data: HomePlanDocument) -> bytes:
    """Return the plan as PDF bytes (reproducible for the same data and printed-at)."""
    return build_pdf(
        build_story(data),
        title=f"Home exercises {data.patient.mrn}",
        footer_left=f"Home exercises for {data.patient_first_name} — {data.patient.mrn}",
        printed_at=data.printed_at,
        letterhead=data.letterhead,
        patient=data.patient,
    )
