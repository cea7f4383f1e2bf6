"""The printed session note: the legal record of one needling session.

Order follows CLINICAL_REFERENCE 4.1: patient and episode, consent, screening, the neurological
exam with its implicated levels, targets, stimulation (with any warnings), adverse events, pain
before and after, the SOAP text, the billing code, the decision summary when there is one, the
signature block (signer, time, digest) and then the addenda. Unsigned notes carry a DRAFT
watermark on every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from dnclinic.reports.styles import BODY_FONT, BOLD_FONT, HEADER_FILL, RULE, stylesheet, text
from dnclinic.reports.templates import build_pdf

if TYPE_CHECKING:
    from datetime import datetime

    from reportlab.lib.styles import StyleSheet1

    from dnclinic.reports.note_data import NeuroTable, SessionNoteData

FLAG_FILL = "#fde8d7"


def _when(at: datetime | None) -> str:
    return f"{at:%Y-%m-%d %H:%M} UTC" if at is not None else "not recorded"


def _grid(
    rows: list[list[object]],
    widths: list[float | None],
    *,
    flagged: tuple[int, ...] = (),
    repeat: bool = True,
) -> LongTable:
    table = LongTable(rows, colWidths=widths, repeatRows=1 if repeat else 0, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, 0), BOLD_FONT, 8),
        ("FONT", (0, 1), (-1, -1), BODY_FONT, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    style += [("BACKGROUND", (0, i), (-1, i), FLAG_FILL) for i in flagged]
    table.setStyle(TableStyle(style))
    return table


def _cell(value: str, s: StyleSheet1, style: str = "Cell") -> Paragraph:
    return Paragraph(text(value), s[style])


def _facts(pairs: list[tuple[str, str]], s: StyleSheet1) -> Table:
    rows = [[_cell(k, s, "CellBold"), _cell(v, s)] for k, v in pairs]
    table = Table(rows, colWidths=[95, None], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _neuro(n: NeuroTable, s: StyleSheet1) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(f"Neurological examination ({text(n.examined_on)})", s["Section"])
    ]
    implicated = ", ".join(n.implicated) or "no implicated level"
    out.append(Paragraph(f"<b>Implicated levels:</b> {text(implicated)}", s["Body9"]))
    if n.umn:
        out.append(
            Paragraph(f"<b>UMN SIGNS (red flag):</b> {text(', '.join(n.umn))}", s["Warning"])
        )
    if n.rows:
        rows: list[list[object]] = [["Level", *n.columns]]
        flagged = tuple(i + 1 for i, r in enumerate(n.rows) if r[0] in n.flagged)
        rows += [list(r) for r in n.rows]
        out.append(_grid(rows, [50] + [None] * len(n.columns), flagged=flagged))
    if n.reflexes:
        reflexes: list[list[object]] = [["Reflex", "Left", "Right"]]
        reflexes += [list(r) for r in n.reflexes]
        out += [Spacer(1, 4), _grid(reflexes, [140, 60, 60])]
    out += [Paragraph(text(note), s["Small"]) for note in n.notes]
    return out


def _targets(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    rows: list[list[object]] = [
        [
            "Muscle",
            "Side",
            "Level",
            "Needles",
            "Needle (mm)",
            "Technique",
            "Twitches",
            "US",
            "Retention",
        ]
    ]
    for t in data.targets:
        rows.append(
            [
                _cell(t.muscle, s),
                t.side,
                t.level,
                str(t.needles),
                t.needle,
                t.technique,
                str(t.twitch_responses),
                "yes" if t.ultrasound else "no",
                t.retention,
            ]
        )
    widths: list[float | None] = [None, 40, 36, 42, 62, 58, 46, 24, 50]
    return [Paragraph(f"Needle targets ({len(data.targets)})", s["Section"]), _grid(rows, widths)]


def _stimulation(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Electrical stimulation", s["Section"])]
    if not data.stimulation:
        return [*out, Paragraph("None.", s["Body9"])]
    for n, st in enumerate(data.stimulation, start=1):
        out.append(
            Paragraph(
                f"<b>Setting {n}:</b> {text(st.settings)}; leads: {text(st.pairs)}", s["Body9"]
            )
        )
        out += [Paragraph(f"⚠ {text(w)}", s["Warning"]) for w in st.warnings]
    return out


def _events(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    out: list[Flowable] = [Paragraph("Adverse events", s["Section"])]
    if not data.adverse_events:
        return [*out, Paragraph("None recorded.", s["Body9"])]
    rows: list[list[object]] = [["Event", "Severity", "Onset", "Action taken", "Reported"]]
    for e in data.adverse_events:
        rows.append(
            [
                _cell(e.event, s),
                _cell(e.severity, s),
                _cell(e.onset, s),
                _cell(e.action, s),
                e.reported,
            ]
        )
    return [*out, _grid(rows, [90, 130, 80, None, 60])]


def _soap(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    def pain(v: int | None) -> str:
        return f"{v}/10" if v is not None else "not recorded"

    out: list[Flowable] = [
        Paragraph("Pain", s["Section"]),
        Paragraph(
            f"Before needling: <b>{pain(data.pain_before)}</b> · after needling: "
            f"<b>{pain(data.pain_after)}</b> (NPRS 0-10)",
            s["Body9"],
        ),
    ]
    for title, body in (
        ("Subjective", data.subjective),
        ("Objective", data.objective),
        ("Assessment", data.assessment),
        ("Plan", data.plan),
    ):
        out.append(Paragraph(title, s["Section"]))
        # Long notes are split into paragraphs so that they can flow across pages.
        parts = [p for p in body.split("\n\n") if p.strip()] or ["—"]
        out += [Paragraph(text(p), s["Body9"]) for p in parts]
    return out


def _decision(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    d = data.decision
    if d is None:
        return []
    out: list[Flowable] = [
        Paragraph("Needling decision", s["Section"]),
        Paragraph(
            f"<b>{text(d.verdict)}</b> ({text(d.decided_on)}"
            f"{', rules ' + text(d.rule_set) if d.rule_set else ''})",
            s["Body9"],
        ),
    ]
    return out + [Paragraph(f"• {text(r)}", s["Body9"]) for r in d.reasons]


def _signature(data: SessionNoteData, s: StyleSheet1) -> Flowable:
    sig = data.signature
    title = Paragraph("Signature", s["Section"])
    if sig is None:
        return KeepTogether(
            [
                title,
                Paragraph(
                    "<b>DRAFT: not signed.</b> This note may still change and is not the "
                    "legal record.",
                    s["Warning"],
                ),
            ]
        )
    facts = _facts(
        [
            ("Signed by", sig.signer),
            ("Signed at", _when(sig.signed_at)),
            ("Note digest", f"SHA-256 {sig.digest}"),
        ],
        s,
    )
    return KeepTogether([title, facts])


def _addenda(data: SessionNoteData, s: StyleSheet1) -> list[Flowable]:
    if not data.addenda:
        return []
    out: list[Flowable] = [
        CondPageBreak(60),
        Paragraph(f"Addenda ({len(data.addenda)})", s["Section"]),
    ]
    for n, a in enumerate(data.addenda, start=1):
        head = Paragraph(
            f"<b>Addendum {n}</b>: {text(a.author)}, {_when(a.written_at)}. "
            f"Reason: {text(a.reason)}",
            s["Body9"],
        )
        parts = [Paragraph(text(p), s["Body9"]) for p in a.text.split("\n\n") if p.strip()]
        seal = Paragraph(f"Addendum digest SHA-256 {text(a.digest)}", s["Small"])
        out += [KeepTogether([head, *parts[:1]]), *parts[1:], seal, Spacer(1, 4)]
    return out


def build_story(data: SessionNoteData) -> list[Flowable]:
    """Return the note's flowables (pure: the same data gives the same story)."""
    s = stylesheet()
    status = "Signed session note" if data.signed else "Session note (DRAFT, unsigned)"
    story: list[Flowable] = [
        Paragraph(status, s["DocTitle"]),
        _facts(
            [
                ("Session", _when(data.session_at)),
                ("Practitioner", data.practitioner),
                ("Episode", data.episode),
                ("Consent", data.consent),
                ("Billing code", data.billing_code or "none (no muscle needled)"),
            ],
            s,
        ),
        Paragraph("Screening", s["Section"]),
        *[Paragraph(f"• {text(line)}", s["Body9"]) for line in data.screening or ("none on file",)],
    ]
    if data.neuro is not None:
        story += _neuro(data.neuro, s)
    story += _targets(data, s)
    story += _stimulation(data, s)
    story += _events(data, s)
    story += _soap(data, s)
    story += _decision(data, s)
    story.append(_signature(data, s))
    story += _addenda(data, s)
    return story


def render(data: SessionNoteData) -> bytes:
    """Return the note as PDF bytes (reproducible for the same data and printed-at)."""
    when = f"{data.session_at:%Y-%m-%d}" if data.session_at else "undated"
    return build_pdf(
        build_story(data),
        title=f"Session note {data.patient.mrn} {when}",
        footer_left=f"Session note of {when} — {data.patient.mrn}",
        printed_at=data.printed_at,
        letterhead=data.letterhead,
        patient=data.patient,
        watermark=None if data.signed else "DRAFT",
    )
