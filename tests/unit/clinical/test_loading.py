"""Home-loading prescriptions and the exercise library (CLINICAL_REFERENCE section 6)."""

from __future__ import annotations

import json

import pytest

from dnclinic.clinical.loading import (
    exercises_for,
    library,
    loading_plan,
    plan_title,
    rir_explanation,
)
from dnclinic.clinical.vocab import REGIONS
from dnclinic.paths import resource_path


@pytest.mark.parametrize("region", REGIONS)
def test_at_least_four_exercises_per_region(region: str) -> None:
    assert len(exercises_for(region)) >= 4


def test_library_entries_are_complete_and_use_listed_pose_kinds() -> None:
    lib = library()
    assert 10 <= len(lib.pose_kinds) <= 14
    ids = [e.id for e in lib.exercises]
    assert len(ids) == len(set(ids))
    for e in lib.exercises:
        assert e.region in REGIONS
        assert e.illustration in lib.pose_kinds
        assert e.instructions
        assert all(len(step.split()) <= 20 for step in e.instructions), e.id  # short sentences
        assert 1 <= e.default_sets <= 3
        assert (e.default_reps or 0) > 0 or (e.hold_seconds or 0) > 0
        assert 2 <= e.sessions_per_week <= 7
    raw = json.loads(resource_path("exercises.json").read_text(encoding="utf-8"))
    used = {e["illustration"] for e in raw["exercises"]}
    assert used == set(raw["pose_kinds"])


def test_plan_for_a_region() -> None:
    plan = loading_plan("knee")
    assert plan.region == "knee"
    assert (plan.rir_min, plan.rir_max) == (1, 2)
    assert len(plan.prescriptions) == 3
    assert all(p.exercise.region == "knee" for p in plan.prescriptions)
    reps = [p for p in plan.prescriptions if p.reps is not None]
    assert reps
    assert all("1 to 2 more" in p.effort for p in reps)
    assert "seed1" in plan.sources
    assert "UNCONFIRMED" in plan.evidence
    assert plan_title(plan) == "Home exercises: Knee"


def test_plan_size_and_rir_target() -> None:
    assert len(loading_plan("shoulder", max_exercises=4).prescriptions) == 4
    assert "could not do even one more" in loading_plan("hip", 0, 0).prescriptions[0].effort
    assert "2 to 3 reps in reserve" in loading_plan("hip", 2, 3).rir_explanation


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("neck",), "unknown region"),
        (("knee", 3, 1), "must not be more"),
        (("knee", -1, 2), "rir_min"),
        (("knee", 1, 11), "rir_max"),
    ],
)
def test_invalid_plan_requests(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        loading_plan(*args)  # type: ignore[arg-type]


def test_invalid_exercise_count() -> None:
    with pytest.raises(ValueError, match="max_exercises"):
        loading_plan("knee", max_exercises=5)


def test_rir_explanation_is_plain_language() -> None:
    text = rir_explanation()
    assert "Reps in reserve" in text
    assert "1 to 2" in text
    assert "sharp pain" in text
    sentences = [s for s in text.split(". ") if s]
    assert max(len(s.split()) for s in sentences) <= 30
