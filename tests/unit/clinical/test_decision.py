"""The decision engine, table-driven (DECISION_RULES sections 1-4)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from dnclinic.clinical.decision import RULE_SET_VERSION, Case, CaseError, evaluate
from dnclinic.clinical.vocab import CONTRAINDICATIONS, PRECAUTIONS, RED_FLAGS, VERDICTS
from dnclinic.paths import resource_path

BASE: dict[str, Any] = {
    "region": "lumbar",
    "chronicity": "subacute",
    "trigger_points_identified": True,
    "failed_conservative_care": True,
    "understands_short_term_benefit": True,
    "consent_recorded": True,
    "practitioner_training_hours": 100,
}
L5_EXAM = {
    "dermatomes": {"L5": {"left": {"light_touch": 1, "pin_prick": 1}}},
    "myotomes": {"L5": {"left": 4, "right": 5}},
}

# One change per rule that makes it fire on BASE (tags are merged).
TRIGGERS: dict[str, dict[str, Any]] = {
    "R1": {"red_flags": ["cauda_equina"]},
    "R2": {"contraindications": ["needle_phobia"]},
    "R3": {"chronicity": "chronic", "tags": ["degenerative"]},
    "R4": {"tags": ["facet_mediated"]},
    "R5": {"tags": ["headache"]},
    "R6": {"consent_recorded": False},
}
VERDICT_OF = {
    "R1": "refer",
    "R2": "contraindicated",
    "R3": "do_not_needle",
    "R4": "not_indicated",
    "R5": "insufficient_evidence",
    "R6": "defer",
    "R7": "needle",
}


def case(**changes: Any) -> Case:
    return Case.from_dict(BASE | changes)


def with_rules(*rules: str) -> Case:
    data = dict(BASE)
    for rule in rules:
        for key, value in TRIGGERS[rule].items():
            data[key] = sorted({*data.get(key, []), *value}) if key == "tags" else value
    return Case.from_dict(data)


def test_base_case_is_needle() -> None:
    rec = evaluate(case())
    assert rec.verdict == "needle"
    assert rec.fired_rules == ("R7",)
    assert rec.rule_set_version == RULE_SET_VERSION == "2026.1"


@pytest.mark.parametrize("rule", sorted(TRIGGERS))
def test_each_rule_fires_alone_with_its_verdict(rule: str) -> None:
    rec = evaluate(with_rules(rule))
    assert rec.fired_rules == (rule,)
    assert rec.verdict == VERDICT_OF[rule]
    reason = rec.reasons[0]
    assert reason.text
    assert reason.sources
    assert reason.evidence


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(sorted(TRIGGERS), 2)))
def test_precedence_pairs(first: str, second: str) -> None:
    rec = evaluate(with_rules(first, second))
    assert rec.verdict == VERDICT_OF[first]
    assert rec.fired_rules == (first, second)


def test_all_rules_fire_together_and_all_reasons_are_reported() -> None:
    rec = evaluate(with_rules(*TRIGGERS))
    assert rec.verdict == "refer"
    assert rec.fired_rules == ("R1", "R2", "R3", "R4", "R5", "R6")
    assert rec.unmet_criteria == ("consent_recorded",)


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_r1_every_red_flag_refers(flag: str) -> None:
    assert evaluate(case(red_flags=[flag])).verdict == "refer"


@pytest.mark.parametrize(
    "neuro",
    [
        {"umn": {"babinski": True}},
        {"umn": {"gait_disturbance": True}},
        {"reflexes": {"achilles": {"left": 4, "right": 2}}},
    ],
)
def test_r1_umn_signs_refer(neuro: dict[str, Any]) -> None:
    rec = evaluate(case(neuro=neuro))
    assert rec.verdict == "refer"
    assert "R1" in rec.fired_rules


@pytest.mark.parametrize("contraindication", CONTRAINDICATIONS)
def test_r2_every_contraindication(contraindication: str) -> None:
    assert evaluate(case(contraindications=[contraindication])).verdict == "contraindicated"


@pytest.mark.parametrize(
    ("changes", "fires"),
    [
        ({"chronicity": "chronic", "tags": ["degenerative"]}, True),
        ({"chronicity": "subacute", "tags": ["degenerative"]}, False),
        ({"chronicity": "acute", "tags": ["degenerative"]}, False),
        ({"chronicity": "chronic", "tags": []}, False),
        ({"chronicity": "chronic", "tags": ["degenerative"], "region": "cervical"}, False),
        ({"chronicity": "chronic", "tags": ["degenerative", "radiculopathy"]}, False),
        ({"chronicity": "chronic", "tags": ["degenerative"], "neuro": L5_EXAM}, False),
        (
            {
                "chronicity": "chronic",
                "tags": ["degenerative"],
                "neuro": {"reflexes": {"achilles": {"left": 1, "right": 1}}},
            },
            True,
        ),
    ],
)
def test_r3_only_for_chronic_degenerative_lumbar_without_radiculopathy(
    changes: dict[str, Any], fires: bool
) -> None:
    rec = evaluate(case(**changes))
    assert ("R3" in rec.fired_rules) is fires
    assert (rec.verdict == "do_not_needle") is fires


def test_r3_reason_does_not_present_grade_b_as_settled() -> None:
    reason = evaluate(with_rules("R3")).reasons[0]
    assert "Grade B" not in reason.text
    assert "UNCONFIRMED" in reason.evidence
    assert "WAT14" in reason.sources


# --- R6 eligibility criteria ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "unmet"),
    [
        ({"failed_conservative_care": False}, ["failed_conservative_care"]),
        ({"understands_short_term_benefit": False}, ["understands_short_term_benefit"]),
        ({"consent_recorded": False}, ["consent_recorded"]),
        ({"trigger_points_identified": False}, ["trigger_points_identified"]),
        ({"practitioner_training_hours": 60}, ["training_hours"]),
        ({"practitioner_training_hours": 60.5}, []),
        ({"practitioner_training_hours": 0}, ["training_hours"]),
        ({"practitioner_training_hours": 40, "training_threshold_hours": 30}, []),
        ({"practitioner_training_hours": 30, "training_threshold_hours": 30}, ["training_hours"]),
        ({"practitioner_training_hours": 70, "jurisdiction_minimum_hours": 80}, ["training_hours"]),
        ({"practitioner_training_hours": 80, "jurisdiction_minimum_hours": 80}, []),
        ({"practitioner_training_hours": 61, "jurisdiction_minimum_hours": 24}, []),
        ({"practitioner_training_hours": 61, "jurisdiction_minimum_hours": None}, []),
        # Trigger points are waived when radicular with an implicated level (seed 1) ...
        ({"trigger_points_identified": False, "neuro": L5_EXAM}, []),
        # ... but not for the tag alone, without an implicated level.
        (
            {"trigger_points_identified": False, "tags": ["radiculopathy"]},
            ["trigger_points_identified"],
        ),
        (
            {
                "failed_conservative_care": False,
                "understands_short_term_benefit": False,
                "consent_recorded": False,
                "trigger_points_identified": False,
                "practitioner_training_hours": 10,
            },
            [
                "failed_conservative_care",
                "training_hours",
                "trigger_points_identified",
                "understands_short_term_benefit",
                "consent_recorded",
            ],
        ),
    ],
)
def test_eligibility_criteria(changes: dict[str, Any], unmet: list[str]) -> None:
    rec = evaluate(case(**changes))
    assert list(rec.unmet_criteria) == unmet
    assert rec.verdict == ("defer" if unmet else "needle")


def test_defer_reason_names_each_unmet_criterion_with_sources() -> None:
    rec = evaluate(case(consent_recorded=False, practitioner_training_hours=50))
    reason = rec.reasons[0]
    assert reason.rule == "R6"
    assert "50 h" in reason.text
    assert "informed consent" in reason.text
    assert {"seed2", "GAT20", "GRI24"} <= set(reason.sources)
    assert "UNCONFIRMED" in reason.evidence


def test_unmet_criteria_reported_even_when_another_rule_decides() -> None:
    rec = evaluate(case(red_flags=["suspected_fracture"], consent_recorded=False))
    assert rec.verdict == "refer"
    assert rec.unmet_criteria == ("consent_recorded",)


# --- the needle plan -------------------------------------------------------------------------


def test_needle_plan_peripheral_only() -> None:
    out = evaluate(case()).to_dict()
    assert out["approach"] == ["peripheral"]
    assert out["segmental_targets"] == []
    assert out["stimulation"] == {
        "recommended": False,
        "min_hz": 2,
        "max_hz": 20,
        "min_minutes": 10,
        "never_above_hz": 100,
    }
    assert out["loading"] == {"required": True, "rir_min": 1, "rir_max": 2}
    assert out["horizon_weeks"] == 12
    assert out["monotherapy_warning"] is False
    assert [w["code"] for w in out["warnings"]] == ["root_cause"]


def test_needle_plan_segmental_and_peripheral() -> None:
    rec = evaluate(case(chronicity="chronic", neuro=L5_EXAM, tags=["radiculopathy"]))
    out = rec.to_dict()
    assert out["verdict"] == "needle"
    assert out["approach"] == ["segmental", "peripheral"]
    assert out["implicated_levels"] == [
        {"level": "L5", "side": "left", "domains": ["dermatome", "myotome"]}
    ]
    assert out["segmental_targets"] == [{"muscle": "multifidus", "level": "L5", "side": "left"}]
    assert out["stimulation"]["recommended"] is True
    assert out["monotherapy_warning"] is True


def test_segmental_only_when_no_trigger_points() -> None:
    rec = evaluate(case(trigger_points_identified=False, neuro=L5_EXAM))
    assert rec.approach == ("segmental",)


def test_pacemaker_turns_stimulation_off_and_warns() -> None:
    rec = evaluate(case(neuro=L5_EXAM, precautions=["pacemaker_or_icd"]))
    assert rec.stimulation.recommended is False
    codes = [w.code for w in rec.warnings]
    assert codes == ["pacemaker_or_icd", "estim_pacemaker", "root_cause"]


def test_thoracic_targets_add_lung_field_warning_once() -> None:
    exam = {"myotomes": {"T4": {"right": 4}, "T6": {"right": 3}}}
    rec = evaluate(case(region="thoracic", neuro=exam))
    assert [w.code for w in rec.warnings] == ["lung_field_target", "root_cause"]
    assert "T4, T6" in rec.warnings[0].text
    both = evaluate(case(region="thoracic", neuro=exam, precautions=["lung_field_target"]))
    assert [w.code for w in both.warnings] == ["lung_field_target", "root_cause"]


def test_one_warning_per_precaution_in_vocabulary_order() -> None:
    rec = evaluate(case(precautions=list(reversed(PRECAUTIONS))))
    codes = [w.code for w in rec.warnings]
    assert codes == [*PRECAUTIONS, "estim_pacemaker", "root_cause"]
    assert len(codes) == len(set(codes))
    assert all(w.text for w in rec.warnings)


@pytest.mark.parametrize("rule", sorted(TRIGGERS))
def test_plan_fields_empty_for_other_verdicts(rule: str) -> None:
    rec = evaluate(with_rules(rule).with_changes(precautions=("pregnancy",), chronicity="chronic"))
    out = rec.to_dict()
    assert out["verdict"] != "needle"
    assert out["approach"] == []
    assert out["segmental_targets"] == []
    assert out["stimulation"]["recommended"] is False
    assert out["stimulation"]["never_above_hz"] == 100  # the band is still reported
    assert out["loading"]["required"] is False
    assert out["horizon_weeks"] is None
    assert out["monotherapy_warning"] is False
    assert out["warnings"] == []


def test_implicated_levels_reported_for_every_verdict() -> None:
    rec = evaluate(case(neuro=L5_EXAM, red_flags=["infection_signs"]))
    assert rec.verdict == "refer"
    assert [lv.level for lv in rec.implicated_levels] == ["L5"]


def test_to_dict_has_exactly_the_documented_keys() -> None:
    out = evaluate(case(neuro=L5_EXAM, precautions=["diabetes"])).to_dict()
    assert list(out) == [
        "verdict",
        "rule_set_version",
        "reasons",
        "unmet_criteria",
        "implicated_levels",
        "approach",
        "segmental_targets",
        "stimulation",
        "loading",
        "horizon_weeks",
        "monotherapy_warning",
        "warnings",
    ]
    assert set(out["reasons"][0]) == {"rule", "text", "sources", "evidence"}
    assert set(out["implicated_levels"][0]) == {"level", "side", "domains"}
    assert set(out["segmental_targets"][0]) == {"muscle", "level", "side"}
    assert set(out["stimulation"]) == {
        "recommended",
        "min_hz",
        "max_hz",
        "min_minutes",
        "never_above_hz",
    }
    assert set(out["loading"]) == {"required", "rir_min", "rir_max"}
    assert all(set(w) == {"code", "text"} for w in out["warnings"])
    assert json.loads(json.dumps(out)) == out


def test_overridable_verdicts() -> None:
    assert not evaluate(with_rules("R1")).overridable
    assert not evaluate(with_rules("R2")).overridable
    for rule in ("R3", "R4", "R5", "R6"):
        assert evaluate(with_rules(rule)).overridable
    assert set(VERDICT_OF.values()) == set(VERDICTS)


# --- case validation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "path", "allowed"),
    [
        ({"colour": "red"}, "colour", '"region"'),
        ({"region": "neck"}, "region", '"cervical"'),
        ({"chronicity": "long"}, "chronicity", '"acute", "subacute", "chronic"'),
        ({"tags": ["sciatica"]}, "tags[0]", '"radiculopathy"'),
        ({"tags": "myofascial"}, "tags", "list"),
        ({"tags": ["headache", "headache"]}, "tags[1]", "twice"),
        ({"red_flags": ["fever"]}, "red_flags[0]", '"infection_signs"'),
        ({"contraindications": ["fear"]}, "contraindications[0]", '"needle_phobia"'),
        ({"precautions": ["asthma"]}, "precautions[0]", '"pregnancy"'),
        ({"trigger_points_identified": "yes"}, "trigger_points_identified", "true or false"),
        ({"consent_recorded": 1}, "consent_recorded", "true or false"),
        ({"practitioner_training_hours": True}, "practitioner_training_hours", "number >= 0"),
        ({"practitioner_training_hours": -1}, "practitioner_training_hours", "number >= 0"),
        ({"practitioner_training_hours": "80"}, "practitioner_training_hours", "number"),
        ({"practitioner_training_hours": float("nan")}, "practitioner_training_hours", "number"),
        ({"training_threshold_hours": -0.5}, "training_threshold_hours", "number >= 0"),
        ({"jurisdiction_minimum_hours": -24}, "jurisdiction_minimum_hours", "number >= 0"),
        ({"jurisdiction_minimum_hours": False}, "jurisdiction_minimum_hours", "number"),
        ({"baseline_pain": 11}, "baseline_pain", "integer from 0 to 10"),
        ({"baseline_pain": 5.5}, "baseline_pain", "integer from 0 to 10"),
        ({"baseline_pain": True}, "baseline_pain", "integer"),
        ({"age": -1}, "age", "integer"),
        ({"age": "40"}, "age", "integer"),
        ({"neuro": {"myotomes": {"L5": {"left": 7}}}}, "neuro.myotomes.L5.left", '"NT"'),
        ({"neuro": "normal"}, "neuro", "object"),
    ],
)
def test_invalid_case_names_key_and_allowed_values(
    changes: dict[str, Any], path: str, allowed: str
) -> None:
    with pytest.raises(CaseError) as info:
        Case.from_dict(BASE | changes)
    assert str(info.value).startswith(path + ":")
    assert allowed in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("key", ["region", "chronicity", "practitioner_training_hours"])
def test_required_keys(key: str) -> None:
    data = dict(BASE)
    del data[key]
    with pytest.raises(CaseError, match=f"^{key}: required"):
        Case.from_dict(data)


def test_case_must_be_an_object() -> None:
    with pytest.raises(CaseError, match="object"):
        Case.from_dict(["lumbar"])


def test_defaults_and_round_trip() -> None:
    minimal = Case.from_dict(
        {"region": "knee", "chronicity": "acute", "practitioner_training_hours": 0}
    )
    assert minimal.training_threshold_hours == 60
    assert minimal.tags == ()
    assert minimal.neuro is None
    full = minimal.to_dict()
    assert len(full) == 16
    assert Case.from_dict(full) == minimal
    rich = case(
        tags=["radiculopathy", "myofascial"],
        neuro=L5_EXAM,
        age=50,
        baseline_pain=7,
        jurisdiction_minimum_hours=50,
        precautions=["diabetes"],
    )
    assert rich.tags == ("myofascial", "radiculopathy")  # vocabulary order
    assert Case.from_dict(rich.to_dict()) == rich
    assert Case.from_dict(json.loads(json.dumps(rich.to_dict()))).to_dict() == rich.to_dict()


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("needle_radiculopathy.json", "needle"),
        ("needle_myofascial_neck.json", "needle"),
        ("defer_untrained.json", "defer"),
        ("refer_umn.json", "refer"),
        ("do_not_needle_degenerative_lbp.json", "do_not_needle"),
    ],
)
def test_example_cases(name: str, verdict: str) -> None:
    data = json.loads(resource_path("cases", name).read_text(encoding="utf-8"))
    assert evaluate(Case.from_dict(data)).verdict == verdict
