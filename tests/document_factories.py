"""Factory data for the printed documents (no database): fixed, realistic, deterministic."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from dnclinic.clinical import aftercare
from dnclinic.clinical.loading import loading_plan
from dnclinic.reports.home_plan import HomePlanDocument, PlanExercise
from dnclinic.reports.note_data import (
    AddendumLine,
    AdverseEventLine,
    DecisionSummary,
    NeuroTable,
    SessionNoteData,
    Signature,
    StimulationLine,
    TargetLine,
)
from dnclinic.reports.progress_report import ProgressReport, SessionLine, TrendSeries
from dnclinic.reports.templates import Letterhead, PatientBanner

PRINTED_AT = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
LETTERHEAD = Letterhead(
    "Harbourside Physio & Dry Needling", "120 Harbour Rd\nMiami, FL 33131", "(305) 555-0142"
)
PATIENT = PatientBanner("LOPEZ, Ana", "T-000001", date(1980, 5, 21))
NON_LATIN_NAMES = ("张伟", "Ἀλέξανδρος", "Ørsted", "عائشة")
MARKUP = "Pain <b>worse</b> & <i>sharp</i> when sitting > 30 min; a<b & c>d </para>"


def target(n: int = 0, **overrides: Any) -> TargetLine:
    """Return one needle target line."""
    values: dict[str, Any] = {
        "muscle": f"Gluteus medius {n}" if n else "Gluteus medius",
        "side": "Left",
        "level": "L5",
        "needles": 2,
        "needle": "0.25 x 40",
        "technique": "Pistoning",
        "twitch_responses": 3,
        "ultrasound": False,
        "retention": "10 min",
    }
    values.update(overrides)
    return TargetLine(**values)


def note_data(**overrides: Any) -> SessionNoteData:
    """Return a complete, signed session note."""
    neuro = NeuroTable(
        "2026-11-20",
        ("LT left", "LT right", "PP left", "PP right", "Motor left", "Motor right"),
        (
            ("L4", "2", "2", "2", "2", "5", "5"),
            ("L5", "1", "2", "1", "2", "4", "5"),
            ("S1", "2", "2", "2", "2", "5", "5"),
        ),
        (("Patellar (L4)", "2+", "2+"), ("Achilles (S1)", "2+", "2+")),
        ("L5 left (dermatome, myotome)",),
        (),
        frozenset({"L5"}),
    )
    values: dict[str, Any] = {
        "letterhead": LETTERHEAD,
        "patient": PATIENT,
        "printed_at": PRINTED_AT,
        "session_at": datetime(2026, 11, 23, 14, 30, tzinfo=UTC),
        "practitioner": "Maria Alvarez",
        "status": "signed",
        "episode": "Lumbar spine (low back), left · onset 2026-09-01 · L5 radiculopathy",
        "consent": "Confirmed for this session; written consent 2026-11-20 (Maria Alvarez)",
        "screening": (
            "2026-11-20: no red flags, no contraindications",
            "Precaution: Takes anticoagulant or antiplatelet drugs",
        ),
        "neuro": neuro,
        "targets": (target(0, muscle="Lumbar multifidus", level="L5"), target()),
        "stimulation": (
            StimulationLine(
                "4 Hz, 250 µs, 2.5 mA, biphasic, 20 min",
                "lumbar left – gluteal left",
                ("Current near a precaution site: check placement.",),
            ),
        ),
        "adverse_events": (
            AdverseEventLine("Bruising", "Mild", "Immediately after", "Pressure and advice"),
        ),
        "pain_before": 6,
        "pain_after": 3,
        "subjective": "Low back pain into the left leg, worse sitting.",
        "objective": "Reduced lumbar flexion; L5 dermatome reduced on the left.",
        "assessment": "L5 radiculopathy, responding.",
        "plan": "Repeat in one week; loading programme.",
        "billing_code": "20560",
        "signature": Signature(
            "Maria Alvarez (malvarez)", datetime(2026, 11, 23, 15, 0, tzinfo=UTC), "ab" * 32
        ),
        "addenda": (),
        "decision": DecisionSummary(
            "Dry needling may be offered",
            "2026-11-20",
            ("Radicular pain with an implicated level (R4).",),
            "2026.1",
        ),
    }
    values.update(overrides)
    return SessionNoteData(**values)


def addendum(n: int, text: str | None = None) -> AddendumLine:
    """Return the n-th addendum."""
    return AddendumLine(
        "malvarez",
        datetime(2026, 11, 23, 16, n % 60, tzinfo=UTC),
        f"Correction {n}",
        text or f"Addendum text number {n}.",
        "cd" * 32,
    )


def plan_data(**overrides: Any) -> HomePlanDocument:
    """Return the home plan of a lumbar episode (the library's first three exercises)."""
    plan = loading_plan("lumbar")
    exercises = tuple(
        PlanExercise(
            p.exercise.name,
            p.exercise.instructions,
            p.sets,
            p.reps,
            p.hold_seconds,
            p.sessions_per_week,
            p.effort,
            p.exercise.illustration,
        )
        for p in plan.prescriptions
    )
    values: dict[str, Any] = {
        "letterhead": LETTERHEAD,
        "patient": PATIENT,
        "printed_at": PRINTED_AT,
        "patient_first_name": "Ana",
        "region": "Low back",
        "practitioner": "Maria Alvarez",
        "exercises": exercises,
        "effort_rule": "Stop when you could do only 1 or 2 more.",
        "effort_explanation": tuple(plan.rir_explanation.split(". ")),
        "normal_after_needling": aftercare.NORMAL_AFTER_NEEDLING,
        "call_the_clinic": aftercare.CALL_THE_CLINIC,
        "get_help_now": aftercare.GET_HELP_NOW,
    }
    values.update(overrides)
    return HomePlanDocument(**values)


def progress_data(**overrides: Any) -> ProgressReport:
    """Return a progress report with NPRS and ODI trends and four sessions."""
    start = date(2026, 10, 1)
    days = tuple(start + timedelta(days=7 * i) for i in range(4))
    nprs = TrendSeries(
        "NPRS — Numeric pain rating",
        "0-10",
        tuple(zip(days, (7.0, 5, 4, 3), strict=True)),
        0,
        10,
        7,
        5,
        9,
        days,
        "7 → 3 (−4, beyond the MCID of 2)",
    )
    odi = replace(
        nprs,
        title="ODI — Oswestry disability index",
        unit="%",
        points=((days[0], 42.0), (days[-1], 28.0)),
        value_max=100,
        baseline=42,
        mcid_low=32,
        mcid_high=52,
        change="42 → 28 (−14)",
    )
    sessions = tuple(
        SessionLine(
            d,
            "Maria Alvarez",
            "Gluteus medius (L), Piriformis (L)",
            4,
            "4 Hz 20 min" if i % 2 else "",
            f"{7 - i} → {5 - i}",
            i % 2,
            "20560",
            "signed",
        )
        for i, d in enumerate(days)
    )
    values: dict[str, Any] = {
        "letterhead": LETTERHEAD,
        "patient": PATIENT,
        "printed_at": PRINTED_AT,
        "episode": "Lumbar spine (low back), left · onset 2026-09-01",
        "trends": (nprs, odi),
        "responder": (
            "Early responder: pain dropped from 7 to 5 (drop 2) by the first follow-up.",
        ),
        "sessions": sessions,
        "totals": (
            ("Sessions", "4 (4 signed)"),
            ("Needles", "16 in total"),
            ("Adverse events", "2 mild"),
        ),
    }
    values.update(overrides)
    return ProgressReport(**values)
