"""Assemble the printed documents' input data from the services' read models.

Pure functions: read models in, the report dataclasses out (labels instead of codes, dates
formatted); the document service fetches the read models, these functions word them, and the
builders in ``dnclinic.reports`` only lay them out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dnclinic.clinical import aftercare
from dnclinic.clinical.charting import AE_SEVERITY_TEXT
from dnclinic.clinical.levels import LEVELS, REFLEX_ROOTS, level_index, level_label
from dnclinic.clinical.neuro import describe_level
from dnclinic.clinical.vocab import label
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
from dnclinic.reports.templates import Letterhead, PatientBanner

if TYPE_CHECKING:
    from datetime import datetime

    from dnclinic.clinical.levels import Grade
    from dnclinic.clinical.loading import LoadingPlan
    from dnclinic.services.clinic import ClinicRecord
    from dnclinic.services.episodes import EpisodeRow, ScreeningRow
    from dnclinic.services.exams import ExamRecord
    from dnclinic.services.muscles import MuscleCatalog
    from dnclinic.services.patients import PatientRecord
    from dnclinic.services.sessions import SessionRecord

NO_CLINIC = "Clinic details not set up (Clinic > Clinic details)"
EFFORT_RULE = "Stop when you could do only 1 or 2 more."


def letterhead(clinic: ClinicRecord | None, logo: bytes | None = None) -> Letterhead:
    """Return the letterhead from the clinic record (a placeholder before the first-run setup)."""
    if clinic is None:
        return Letterhead(NO_CLINIC, logo=logo)
    d = clinic.details
    return Letterhead(d.name, d.address, d.phone, logo)


def banner(patient: PatientRecord) -> PatientBanner:
    """Return the patient line printed on every page."""
    return PatientBanner(patient.display_name, patient.details.mrn, patient.details.date_of_birth)


def episode_text(episode: EpisodeRow | None) -> str:
    """Return e.g. ``"Lumbar spine (low back), left · onset 2026-09-01 · L5 radiculopathy"``."""
    if episode is None:
        return "not linked to an episode"
    d = episode.details
    parts = [label(d.region)]
    if d.side not in ("not_applicable", ""):
        parts[0] += f", {label(d.side).lower()}"
    if d.onset_date is not None:
        parts.append(f"onset {d.onset_date:%Y-%m-%d} ({label(episode.chronicity).lower()})")
    if d.diagnosis:
        parts.append(d.diagnosis)
    return " · ".join(parts)


def screening_lines(screening: ScreeningRow | None) -> tuple[str, ...]:
    """Return the screening as printed lines: flags by kind, or their absence."""
    if screening is None:
        return ("No screening on file.",)
    d = screening.details
    when = f"{d.screened_on:%Y-%m-%d}" if d.screened_on else "undated"
    lines = [
        f"Screened {when}: "
        + ("RED FLAGS: " + ", ".join(label(c) for c in d.red_flags) if d.red_flags
           else "no red flags")
        + "; "
        + ("CONTRAINDICATIONS: " + ", ".join(label(c) for c in d.contraindications)
           if d.contraindications else "no contraindications"),
    ]  # fmt: skip
    lines += [f"Precaution: {label(c)}" for c in d.precautions]
    if d.notes:
        lines.append(f"Notes: {d.notes}")
    return tuple(lines)


def consent_text(record: SessionRecord, screening: ScreeningRow | None) -> str:
    """Return the consent line: confirmed for this session, and the consent on file."""
    now = "Confirmed for this session" if record.content.consent_confirmed else "NOT confirmed"
    if screening is None or screening.details.consent_type == "none":
        return f"{now}; no consent on file"
    d = screening.details
    on = f" {d.consent_date:%Y-%m-%d}" if d.consent_date else ""
    by = f" (recorded by {screening.consent_recorded_by})" if screening.consent_recorded_by else ""
    return f"{now}; {d.consent_type} consent{on}{by}"


def _grade(value: Grade | None, *, reflex: bool = False) -> str:
    if value is None:
        return "—"
    if reflex and isinstance(value, int) and value > 0:
        return f"{value}+"
    return str(value)


def neuro_table(exam: ExamRecord) -> NeuroTable:
    """Return the exam as a printable grid with its implicated levels highlighted."""
    e = exam.details.exam
    levels = sorted(set(e.dermatomes) | set(e.myotomes), key=level_index)
    rows = []
    for lv in levels:
        derm = e.dermatomes.get(lv, {})
        myo = e.myotomes.get(lv, {})
        rows.append((
            level_label(lv),
            *(_grade(derm.get(side, {}).get(m)) for m in ("light_touch", "pin_prick")
              for side in ("left", "right")),
            _grade(myo.get("left")), _grade(myo.get("right")),
        ))  # fmt: skip
    reflexes = tuple(
        (f"{label(name)} ({REFLEX_ROOTS[name]})", _grade(g.get("left"), reflex=True),
         _grade(g.get("right"), reflex=True))
        for name, g in e.reflexes.items()
    )  # fmt: skip
    interp = exam.interpretation
    when = f"{exam.details.examined_on:%Y-%m-%d}" if exam.details.examined_on else "undated"
    return NeuroTable(
        when, ("LT left", "LT right", "PP left", "PP right", "Motor left", "Motor right"),
        tuple(rows), reflexes, tuple(describe_level(i) for i in interp.implicated_levels),
        interp.umn_signs, frozenset(level_label(i.level) for i in interp.implicated_levels),
        interp.notes,
    )  # fmt: skip


def _number(value: float | None, unit: str) -> str:
    return "" if value is None else f"{value:g} {unit}".strip()


def note_data(
    record: SessionRecord,
    *,
    patient: PatientRecord,
    head: Letterhead,
    episode: EpisodeRow | None,
    screening: ScreeningRow | None,
    exam: ExamRecord | None,
    muscles: MuscleCatalog,
    printed_at: datetime,
    decision: DecisionSummary | None = None,
) -> SessionNoteData:
    """Return the printed note's data for a session record and its context."""
    c = record.content
    targets = tuple(
        TargetLine(
            muscles.label(t.muscle), label(t.side),
            level_label(t.spinal_level) if t.spinal_level in LEVELS else "—", t.needles,
            " x ".join(f"{v:g}" for v in (t.gauge_mm, t.length_mm) if v is not None) or "—",
            label(t.technique), t.twitch_responses, t.ultrasound_guided,
            _number(t.retention_min, "min"),
        )
        for t in c.targets
    )  # fmt: skip
    stimulation = []
    for i, st in enumerate(c.stimulation):
        values = [
            _number(st.frequency_hz, "Hz"),
            _number(st.pulse_width_us, "µs"),
            _number(st.intensity_ma, "mA"),
            st.waveform,
            _number(st.duration_min, "min"),
        ]
        pairs = "; ".join(f"{p.a_region} {p.a_side} – {p.b_region} {p.b_side}" for p in st.pairs)
        found = record.findings[i] if i < len(record.findings) else ()
        stimulation.append(StimulationLine(", ".join(v for v in values if v), pairs or "none",
                                           tuple(f.get("message", "") for f in found)))  # fmt: skip
    events = tuple(
        AdverseEventLine(label(a.event_type),
                         f"{label(a.severity)}: {AE_SEVERITY_TEXT.get(a.severity, '')}",
                         label(a.onset), a.action_taken,
                         f"{a.reported_to_regulator_on:%Y-%m-%d}" if a.reported_to_regulator_on
                         else "")
        for a in c.adverse_events
    )  # fmt: skip
    signature = None
    if record.signed and record.signed_at is not None:
        signer = f"{record.practitioner_name} ({record.signed_by})"
        signature = Signature(signer, record.signed_at, record.digest or "")
    return SessionNoteData(
        letterhead=head, patient=banner(patient), printed_at=printed_at,
        session_at=c.session_at, practitioner=record.practitioner_name, status=record.status,
        episode=episode_text(episode), consent=consent_text(record, screening),
        screening=screening_lines(screening), neuro=neuro_table(exam) if exam else None,
        targets=targets, stimulation=tuple(stimulation), adverse_events=events,
        pain_before=c.pain_before, pain_after=c.pain_after, subjective=c.subjective,
        objective=c.objective, assessment=c.assessment, plan=c.plan,
        billing_code=c.billing_code, signature=signature,
        addenda=tuple(AddendumLine(a.signed_by, a.written_at, a.reason, a.text, a.digest)
                      for a in record.addenda),
        decision=decision,
    )  # fmt: skip


def _sentences(paragraph: str) -> tuple[str, ...]:
    return tuple(s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s)


def plan_document(
    plan: LoadingPlan,
    *,
    patient: PatientRecord,
    head: Letterhead,
    practitioner: str,
    printed_at: datetime,
) -> HomePlanDocument:
    """Return the printed home plan for a plan skeleton (``clinical.loading.loading_plan``)."""
    exercises = tuple(
        PlanExercise(p.exercise.name, p.exercise.instructions, p.sets, p.reps, p.hold_seconds,
                     p.sessions_per_week, p.effort, p.exercise.illustration)
        for p in plan.prescriptions
    )  # fmt: skip
    region = label(plan.region)
    # "Lumbar spine (low back)" -> "Low back": the patient's words are in the brackets.
    plain = re.search(r"\(([^)]*)\)", region)
    return HomePlanDocument(
        letterhead=head, patient=banner(patient), printed_at=printed_at,
        patient_first_name=patient.details.given_name,
        region=plain.group(1).capitalize() if plain else region, practitioner=practitioner,
        exercises=exercises, effort_rule=EFFORT_RULE,
        effort_explanation=_sentences(plan.rir_explanation),
        normal_after_needling=aftercare.NORMAL_AFTER_NEEDLING,
        call_the_clinic=aftercare.CALL_THE_CLINIC, get_help_now=aftercare.GET_HELP_NOW,
    )  # fmt: skip
