"""Factories for charting tests: a practitioner at work, a screened patient, a session note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from conftest import FIXED_NOW
from factories import make_patient

from dnclinic.services.episodes import ScreeningDetails
from dnclinic.services.session_content import (
    PairEntry,
    SessionContent,
    StimulationEntry,
    TargetEntry,
)

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.patients import PatientRecord

SESSION_AT = FIXED_NOW - timedelta(hours=1)


def as_practitioner(ctx: AppContext, index: int = 0) -> int:
    """Link the acting user to the clinic's ``index``-th practitioner; return its id."""
    pid = ctx.clinic.practitioners()[index].id
    ctx.services.actor.practitioner_id = pid
    return pid


def screened_patient(ctx: AppContext, **screening: Any) -> PatientRecord:
    """Create a patient with a screening (written consent, no flags unless overridden)."""
    p = make_patient(ctx)
    values: dict[str, Any] = {
        "screened_on": FIXED_NOW.date(),
        "consent_type": "written",
        "consent_date": FIXED_NOW.date(),
        "consent_recorded_by_id": ctx.clinic.practitioners()[0].id,
    }
    values.update(screening)
    ctx.episodes.record_screening(p.id, ScreeningDetails(**values))
    return p


def three_muscle_content(**overrides: Any) -> SessionContent:
    """A complete session note: 3 muscles, 20 min of 4 Hz stimulation, consent confirmed."""
    values: dict[str, Any] = {
        "session_at": SESSION_AT,
        "consent_confirmed": True,
        "pain_before": 6,
        "pain_after": 3,
        "subjective": "Low back pain into the left leg, worse sitting.",
        "objective": "Reduced lumbar flexion; L5 dermatome reduced on the left.",
        "assessment": "L5 radiculopathy, responding.",
        "plan": "Repeat in one week; loading programme.",
        "targets": (
            TargetEntry("lumbar_multifidus", "left", "segmental", "L5", needles=2),
            TargetEntry("gluteus_medius", "left", twitch_responses=3, retention_min=10),
            TargetEntry("piriformis", "left", technique="static", retention_min=15),
        ),
        "stimulation": (
            StimulationEntry(
                4, 250, 2.5, 20, "biphasic", (PairEntry("lumbar", "left", "gluteal", "left"),)
            ),
        ),
    }
    values.update(overrides)
    return SessionContent(**values)


def utc(year: int, month: int, day: int, hour: int = 12) -> datetime:
    """A UTC datetime."""
    return datetime(year, month, day, hour, tzinfo=UTC)
