"""Factories for decision-wizard tests: charted patients for each path of the rules."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from charting_factories import screened_patient
from conftest import FIXED_NOW

from dnclinic.clinical.neuro import NeuroExam
from dnclinic.services.episodes import EpisodeDetails
from dnclinic.services.exams import ExamDetails

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.patients import PatientRecord

TODAY = FIXED_NOW.date()
CHRONIC_ONSET = TODAY - timedelta(days=200)


def l5_left_exam() -> NeuroExam:
    """L1-S1 graded: L5 left light touch and pin prick 1, motor 4; everything else normal."""
    levels = ("L1", "L2", "L3", "L4", "L5", "S1")
    low = {"light_touch": 1, "pin_prick": 1}
    normal = {"light_touch": 2, "pin_prick": 2}
    derm = {
        lv: {"left": dict(low if lv == "L5" else normal), "right": dict(normal)} for lv in levels
    }
    myo = {lv: {"left": 4 if lv == "L5" else 5, "right": 5} for lv in levels if lv != "S1"}
    return NeuroExam(derm, myo, {"achilles": {"left": 2, "right": 2}}, {"babinski": False})


def charted_patient(
    ctx: AppContext,
    region: str,
    tags: tuple[str, ...] = (),
    *,
    exam: NeuroExam | None = None,
    nprs: int | None = None,
    **screening: Any,
) -> PatientRecord:
    """A screened patient (written consent) with an open chronic episode, an exam and an NPRS."""
    p = screened_patient(ctx, **screening)
    ctx.episodes.add_episode(
        p.id, EpisodeDetails(region, CHRONIC_ONSET, "left", f"{region} test", tags)
    )
    if exam is not None:
        ctx.exams.record(p.id, ExamDetails(TODAY, exam))
    if nprs is not None:
        ctx.outcomes.record(p.id, "NPRS", TODAY, [nprs])
    return p
