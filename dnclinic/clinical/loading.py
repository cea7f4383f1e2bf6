"""Home-loading prescriptions: a plan skeleton from the exercise library and an RIR target.

Seed 1: load the tissue to near failure, 1-2 reps in reserve (RIR), and combine dry needling with
exercise (value as reported by seed 1; UNCONFIRMED as a consensus value). RIR scale: Helms 2016
[HEL16]. Dose and adherence: 2-4 exercises at first, 2-3 sets of 8-15 reps, 3 non-consecutive
days a week [HEP21]; fewer exercises are done more faithfully, so a plan starts with 3.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any, Final

from dnclinic.clinical.plan import RIR_MAX, RIR_MIN
from dnclinic.clinical.vocab import REGIONS, label
from dnclinic.paths import resource_path

DEFAULT_EXERCISES: Final = 3
MAX_EXERCISES: Final = 4
RIR_LIMIT: Final = 10
SOURCES: Final = ("seed1", "WAT26", "HEL16", "HEP21")
EVIDENCE: Final = (
    "1-2 reps in reserve as reported by seed 1 (consensus value UNCONFIRMED); the RIR scale is "
    "confirmed (HEL16); dose from a published home-programme template (HEP21)"
)


@dataclass(frozen=True, slots=True)
class Exercise:
    """One library exercise: plain-language steps, default dose and an illustration pose kind."""

    id: str
    name: str
    region: str
    instructions: tuple[str, ...]
    default_sets: int
    default_reps: int | None
    hold_seconds: int | None
    sessions_per_week: int
    illustration: str


@dataclass(frozen=True, slots=True)
class ExerciseLibrary:
    """The bundled exercise library and the pose kinds its illustrations use."""

    exercises: tuple[Exercise, ...]
    pose_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prescription:
    """One exercise of a plan, with its dose and the effort target in plain language."""

    exercise: Exercise
    sets: int
    reps: int | None
    hold_seconds: int | None
    sessions_per_week: int
    effort: str


@dataclass(frozen=True, slots=True)
class LoadingPlan:
    """A home-loading plan skeleton for one region, explained for the patient."""

    region: str
    rir_min: int
    rir_max: int
    prescriptions: tuple[Prescription, ...]
    rir_explanation: str
    sources: tuple[str, ...] = SOURCES
    evidence: str = EVIDENCE


def _exercise(entry: dict[str, Any]) -> Exercise:
    return Exercise(
        id=entry["id"],
        name=entry["name"],
        region=entry["region"],
        instructions=tuple(entry["instructions"]),
        default_sets=entry["default_sets"],
        default_reps=entry["default_reps"],
        hold_seconds=entry["hold_seconds"],
        sessions_per_week=entry["sessions_per_week"],
        illustration=entry["illustration"],
    )


@functools.cache
def library() -> ExerciseLibrary:
    """Return the bundled exercise library (``resources/exercises.json``), read once.

    Raises:
        FileNotFoundError: when the library is not shipped.
    """
    raw = json.loads(resource_path("exercises.json").read_text(encoding="utf-8"))
    return ExerciseLibrary(
        tuple(_exercise(entry) for entry in raw["exercises"]), tuple(raw["pose_kinds"])
    )


def exercises_for(region: str) -> tuple[Exercise, ...]:
    """Return the library exercises for a case region, in library (priority) order."""
    return tuple(e for e in library().exercises if e.region == region)


def rir_explanation(rir_min: int = RIR_MIN, rir_max: int = RIR_MAX) -> str:
    """Explain "reps in reserve" to a patient in plain language (CLINICAL_REFERENCE section 6).

    Args:
        rir_min: the fewest reps to keep in reserve.
        rir_max: the most reps to keep in reserve.
    """
    return (
        '"Reps in reserve" means how many more times you could still do the exercise well '
        "before you would have to stop. For example, if you could do 12 but you stop at 10, you "
        f"kept 2 in reserve. Your target is {_target(rir_min, rir_max)} reps in reserve: "
        f"{_stop_rule(rir_min, rir_max)}. "
        "If you could easily do many more, make it a little harder next time: a heavier weight, a "
        "stronger band or a slower pace. "
        "If you cannot finish the set with good form, make it easier. "
        "The last few reps should feel hard, but never cause sharp pain. "
        "Feeling a bit sore the next day is normal."
    )


def _target(rir_min: int, rir_max: int) -> str:
    return f"{rir_min}" if rir_min == rir_max else f"{rir_min} to {rir_max}"


def _stop_rule(rir_min: int, rir_max: int) -> str:
    if rir_max == 0:
        return "stop each set when you could not do even one more with good form"
    return (
        f"stop each set when you feel you could only do {_target(rir_min, rir_max)} more with "
        "good form"
    )


def _effort(exercise: Exercise, rir_min: int, rir_max: int) -> str:
    if exercise.default_reps is None:
        return (
            f"Hold for {exercise.hold_seconds} seconds. Pick a position where you could hold "
            "only a few seconds longer at the end."
        )
    rule = _stop_rule(rir_min, rir_max)
    return rule[:1].upper() + rule[1:] + "."


def loading_plan(
    region: str,
    rir_min: int = RIR_MIN,
    rir_max: int = RIR_MAX,
    *,
    max_exercises: int = DEFAULT_EXERCISES,
) -> LoadingPlan:
    """Build a home-loading plan skeleton for a region (seed 1; HEL16; HEP21).

    Args:
        region: a case region code (``vocab.REGIONS``).
        rir_min: the fewest reps in reserve, 0-10.
        rir_max: the most reps in reserve, ``rir_min``-10.
        max_exercises: how many exercises to include, 1-4 (adherence drops beyond four).

    Returns:
        The plan: the first exercises of the region with their default dose and effort target.

    Raises:
        ValueError: for an unknown region, an invalid RIR range or exercise count.
    """
    if region not in REGIONS:
        raise ValueError(f"unknown region {region!r}; allowed: {', '.join(REGIONS)}")
    for name, value in (("rir_min", rir_min), ("rir_max", rir_max)):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= RIR_LIMIT:
            raise ValueError(f"{name}: expected an integer from 0 to {RIR_LIMIT}; got {value!r}")
    if rir_min > rir_max:
        raise ValueError(f"rir_min ({rir_min}) must not be more than rir_max ({rir_max})")
    if not 1 <= max_exercises <= MAX_EXERCISES:
        raise ValueError(f"max_exercises: expected 1 to {MAX_EXERCISES}; got {max_exercises!r}")
    chosen = exercises_for(region)[:max_exercises]
    return LoadingPlan(
        region,
        rir_min,
        rir_max,
        tuple(
            Prescription(
                e,
                e.default_sets,
                e.default_reps,
                e.hold_seconds,
                e.sessions_per_week,
                _effort(e, rir_min, rir_max),
            )
            for e in chosen
        ),
        rir_explanation(rir_min, rir_max),
    )


def plan_title(plan: LoadingPlan) -> str:
    """Return a patient-facing title, e.g. ``"Home exercises: Knee"``."""
    return f"Home exercises: {label(plan.region)}"


@dataclass(frozen=True, slots=True)
class Dose:
    """A practitioner's choice for one library exercise (a stored plan's line)."""

    exercise_id: str
    sets: int
    reps: int | None
    hold_seconds: int | None


def adjusted_plan(
    region: str,
    doses: tuple[Dose, ...],
    *,
    rir_min: int = RIR_MIN,
    rir_max: int = RIR_MAX,
    sessions_per_week: int = 3,
) -> LoadingPlan:
    """Return the plan a practitioner adjusted: library exercises with the chosen doses.

    Exercises no longer in the library are left out rather than printed without instructions.
    """
    by_id = {e.id: e for e in library().exercises}
    prescriptions = tuple(
        Prescription(
            by_id[d.exercise_id], d.sets, d.reps, d.hold_seconds, sessions_per_week,
            _effort(by_id[d.exercise_id], rir_min, rir_max),
        )
        for d in doses
        if d.exercise_id in by_id
    )  # fmt: skip
    return LoadingPlan(region, rir_min, rir_max, prescriptions, rir_explanation(rir_min, rir_max))
