"""Property tests of the decision engine and the outcome scores (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dnclinic.clinical.decision import Case, evaluate
from dnclinic.clinical.levels import LEVELS, MOTOR_SCALE, REFLEX_SCALE, REFLEXES, SENSATION_SCALE
from dnclinic.clinical.neuro import interpret
from dnclinic.clinical.outcome_specs import SPECS
from dnclinic.clinical.outcomes import score
from dnclinic.clinical.vocab import (
    CHRONICITIES,
    CONTRAINDICATIONS,
    PRECAUTIONS,
    RED_FLAGS,
    REGIONS,
    SIDES,
    TAGS,
    VERDICTS,
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, derandomize=True)


def _subset(codes: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(codes), unique=True, max_size=3)


def _sides(grades: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(SIDES), grades, max_size=2)


_levels = st.sampled_from(LEVELS)
_neuro = st.fixed_dictionaries(
    {},
    optional={
        "dermatomes": st.dictionaries(
            _levels,
            _sides(
                st.dictionaries(
                    st.sampled_from(("light_touch", "pin_prick")),
                    st.sampled_from(tuple(SENSATION_SCALE)),
                    max_size=2,
                )
            ),
            max_size=3,
        ),
        "myotomes": st.dictionaries(
            _levels, _sides(st.sampled_from(tuple(MOTOR_SCALE))), max_size=3
        ),
        "reflexes": st.dictionaries(
            st.sampled_from(REFLEXES), _sides(st.sampled_from(tuple(REFLEX_SCALE))), max_size=3
        ),
        "umn": st.dictionaries(
            st.sampled_from(("babinski", "hoffmann", "clonus")), st.booleans(), max_size=3
        ),
    },
)
_hours = st.one_of(st.integers(0, 200), st.floats(0, 200, allow_nan=False))

cases = st.fixed_dictionaries(
    {
        "region": st.sampled_from(REGIONS),
        "chronicity": st.sampled_from(CHRONICITIES),
        "practitioner_training_hours": _hours,
    },
    optional={
        "tags": _subset(TAGS),
        "trigger_points_identified": st.booleans(),
        "failed_conservative_care": st.booleans(),
        "understands_short_term_benefit": st.booleans(),
        "consent_recorded": st.booleans(),
        "training_threshold_hours": _hours,
        "jurisdiction_minimum_hours": st.one_of(st.none(), _hours),
        "baseline_pain": st.one_of(st.none(), st.integers(0, 10)),
        "age": st.one_of(st.none(), st.integers(0, 110)),
        "red_flags": _subset(RED_FLAGS),
        "contraindications": _subset(CONTRAINDICATIONS),
        "precautions": _subset(PRECAUTIONS),
        "neuro": st.one_of(st.none(), _neuro),
    },
).map(Case.from_dict)


@PROPERTY_SETTINGS
@given(cases)
def test_evaluate_never_raises_and_verdict_is_one_of_seven(case: Case) -> None:
    rec = evaluate(case)
    assert rec.verdict in VERDICTS
    assert rec.reasons
    out = rec.to_dict()
    assert out["verdict"] == rec.verdict
    if rec.verdict != "needle":
        assert out["approach"] == []
        assert out["warnings"] == []


@PROPERTY_SETTINGS
@given(cases, st.sampled_from(RED_FLAGS))
def test_adding_a_red_flag_always_refers(case: Case, flag: str) -> None:
    flagged = case.with_changes(red_flags=tuple(sorted({*case.red_flags, flag})))
    rec = evaluate(flagged)
    assert rec.verdict == "refer"
    assert rec.reasons[0].rule == "R1"


@PROPERTY_SETTINGS
@given(cases)
def test_resolving_every_unmet_criterion_never_leaves_defer(case: Case) -> None:
    rec = evaluate(case)
    if rec.verdict != "defer":
        return
    hours = max(case.training_threshold_hours, case.jurisdiction_minimum_hours or 0) + 1
    resolved = case.with_changes(
        failed_conservative_care=True,
        understands_short_term_benefit=True,
        consent_recorded=True,
        trigger_points_identified=True,
        practitioner_training_hours=hours,
    )
    after = evaluate(resolved)
    assert after.verdict != "defer"
    assert after.verdict == "needle"
    assert after.unmet_criteria == ()


@PROPERTY_SETTINGS
@given(cases)
def test_round_trip_and_interpretation_is_consistent(case: Case) -> None:
    assert Case.from_dict(case.to_dict()) == case
    interp = interpret(case.neuro)
    keys = [(lv.level, lv.side) for lv in interp.implicated_levels]
    order = [(LEVELS.index(level), SIDES.index(side)) for level, side in keys]
    assert order == sorted(order)
    assert len(set(keys)) == len(keys)


_answer_for = {
    "NPRS": st.lists(st.integers(0, 10), min_size=1, max_size=1),
    "VAS": st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=1),
    "ODI": st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10),
    "NDI": st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=10, max_size=10),
    "PSFS": st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=3, max_size=5),
    "PPT": st.lists(st.one_of(st.none(), st.floats(0.01, 20)), min_size=1, max_size=3),
    "BPI": st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=11, max_size=11),
}


@PROPERTY_SETTINGS
@given(
    st.sampled_from(sorted(_answer_for)).flatmap(lambda c: st.tuples(st.just(c), _answer_for[c]))
)
def test_scores_stay_within_their_ranges(pair: tuple[str, list[Any]]) -> None:
    code, answers = pair
    result = score(code, answers)
    spec = SPECS[code]
    if result.valid:
        assert result.value is not None
        assert spec.value_min <= result.value <= spec.value_max
    else:
        assert result.value is None
        assert result.band is None
        assert result.reason


@PROPERTY_SETTINGS
@given(
    st.sampled_from(sorted(SPECS)),
    st.lists(st.one_of(st.none(), st.integers(-3, 12), st.text(max_size=2), st.booleans())),
)
def test_score_never_raises_on_bad_answers(code: str, answers: list[Any]) -> None:
    result = score(code, answers)
    assert result.valid is (result.value is not None)
