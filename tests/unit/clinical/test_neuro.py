"""Neurological interpretation (DECISION_RULES section 2)."""

from __future__ import annotations

from typing import Any

import pytest

from dnclinic.clinical.neuro import NeuroExam, interpret, is_radicular
from dnclinic.clinical.parsing import CaseError


def _interp(data: dict[str, Any]) -> Any:
    return interpret(NeuroExam.from_dict(data))


def _levels(data: dict[str, Any]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(i.level, i.side, i.domains) for i in _interp(data).implicated_levels]


@pytest.mark.parametrize(
    ("lt", "pp", "involved"),
    [
        (2, 2, False),
        (1, 2, True),
        (2, 1, True),
        (0, 2, True),
        (2, 0, True),
        ("NT", 2, False),
        ("NT", "NT", False),
        (1, "NT", True),
    ],
)
def test_dermatome_involved_when_light_touch_or_pin_prick_is_0_or_1(
    lt: object, pp: object, involved: bool
) -> None:
    exam = {"dermatomes": {"L5": {"left": {"light_touch": lt, "pin_prick": pp}}}}
    assert bool(_levels(exam)) is involved


def test_dermatome_with_one_modality_charted() -> None:
    assert _levels({"dermatomes": {"C6": {"right": {"pin_prick": 1}}}}) == [
        ("C6", "right", ("dermatome",))
    ]


@pytest.mark.parametrize(
    ("grade", "involved"), [(0, True), (3, True), (4, True), (5, False), ("NT", False)]
)
def test_myotome_involved_at_grade_4_or_less(grade: object, involved: bool) -> None:
    assert bool(_levels({"myotomes": {"L4": {"left": grade}}})) is involved


# Reflex asymmetry rule: 0 counts; 1 counts when the other side is 2+ or more; both 1: not
# counted; 3: noted, not counted; 4: UMN sign.
@pytest.mark.parametrize(
    ("left", "right", "counted_sides"),
    [
        (0, 2, ["left"]),
        (0, 0, ["left", "right"]),
        (0, "NT", ["left"]),
        (1, 2, ["left"]),
        (1, 3, ["left"]),
        (1, 4, ["left"]),
        (2, 1, ["right"]),
        (1, 1, []),
        (1, "NT", []),
        (1, 0, ["right"]),
        (2, 2, []),
        (3, 2, []),
        (3, 3, []),
        ("NT", "NT", []),
    ],
)
def test_reflex_asymmetry_rule(left: object, right: object, counted_sides: list[str]) -> None:
    levels = _levels({"reflexes": {"achilles": {"left": left, "right": right}}})
    assert levels == [("S1", side, ("reflex",)) for side in counted_sides]


def test_reflex_grades_1_1_and_3_are_noted_not_counted() -> None:
    both_low = _interp({"reflexes": {"patellar": {"left": 1, "right": 1}}})
    assert both_low.implicated_levels == ()
    assert any("both sides" in n for n in both_low.notes)
    brisk = _interp({"reflexes": {"biceps": {"left": 3, "right": 2}}})
    assert brisk.implicated_levels == ()
    assert not brisk.has_umn_signs
    assert any("3+" in n and "noted" in n for n in brisk.notes)


@pytest.mark.parametrize(
    ("reflex", "root"),
    [
        ("biceps", "C5"),
        ("brachioradialis", "C6"),
        ("triceps", "C7"),
        ("patellar", "L4"),
        ("medial_hamstring", "L5"),
        ("achilles", "S1"),
    ],
)
def test_each_reflex_counts_for_its_root(reflex: str, root: str) -> None:
    assert _levels({"reflexes": {reflex: {"left": 2, "right": 0}}}) == [
        (root, "right", ("reflex",))
    ]


@pytest.mark.parametrize(
    "sign", ["babinski", "hoffmann", "clonus", "inverted_supinator", "gait_disturbance"]
)
def test_any_umn_sign_is_a_umn_finding(sign: str) -> None:
    assert _interp({"umn": {sign: True}}).has_umn_signs
    assert not _interp({"umn": {sign: False}}).has_umn_signs


def test_reflex_graded_4_is_a_umn_sign_not_a_level() -> None:
    result = _interp({"reflexes": {"patellar": {"left": 4, "right": 2}}})
    assert result.has_umn_signs
    assert "Patellar reflex 4+ on the left (clonus)" in result.umn_signs
    assert result.implicated_levels == ()


def test_implicated_levels_merge_domains_in_spinal_order_left_before_right() -> None:
    exam = {
        "dermatomes": {
            "S1": {"right": {"light_touch": 1}},
            "L5": {"right": {"pin_prick": 0}, "left": {"light_touch": 1}},
        },
        "myotomes": {"L5": {"left": 4, "right": 5}, "C5": {"right": 3}},
        "reflexes": {"medial_hamstring": {"left": 1, "right": 2}},
    }
    assert _levels(exam) == [
        ("C5", "right", ("myotome",)),
        ("L5", "left", ("dermatome", "myotome", "reflex")),
        ("L5", "right", ("dermatome",)),
        ("S1", "right", ("dermatome",)),
    ]
    involved = _interp(exam).involved
    assert involved["myotome"] == (("C5", "right"), ("L5", "left"))


def test_no_exam_means_nothing_implicated() -> None:
    result = interpret(None)
    assert result.implicated_levels == ()
    assert not result.has_umn_signs


@pytest.mark.parametrize(
    ("tags", "exam", "radicular"),
    [
        ((), {}, False),
        (("radiculopathy",), {}, True),
        ((), {"myotomes": {"L5": {"left": 4}}}, True),
        (("myofascial",), {"reflexes": {"achilles": {"left": 3, "right": 2}}}, False),
    ],
)
def test_radicular_flag(tags: tuple[str, ...], exam: dict[str, Any], radicular: bool) -> None:
    assert is_radicular(tags, _interp(exam)) is radicular


@pytest.mark.parametrize(
    ("exam", "path", "allowed"),
    [
        ({"myotomes": {"L5": {"left": 6}}}, "neuro.myotomes.L5.left", '0, 1, 2, 3, 4, 5, "NT"'),
        ({"myotomes": {"L5": {"left": True}}}, "neuro.myotomes.L5.left", "5"),
        ({"myotomes": {"L5": {"left": 4.0}}}, "neuro.myotomes.L5.left", "5"),
        ({"myotomes": {"L9": {"left": 4}}}, "neuro.myotomes.L9", '"S4_5"'),
        ({"myotomes": {"L5": {"middle": 4}}}, "neuro.myotomes.L5.middle", '"left", "right"'),
        (
            {"dermatomes": {"L5": {"left": {"light_touch": 3}}}},
            "neuro.dermatomes.L5.left.light_touch",
            '0, 1, 2, "NT"',
        ),
        (
            {"dermatomes": {"L5": {"left": {"vibration": 1}}}},
            "neuro.dermatomes.L5.left.vibration",
            '"light_touch", "pin_prick"',
        ),
        ({"reflexes": {"jaw": {"left": 2}}}, "neuro.reflexes.jaw", '"achilles"'),
        ({"reflexes": {"achilles": {"left": 5}}}, "neuro.reflexes.achilles.left", "0, 1, 2, 3, 4"),
        ({"umn": {"romberg": True}}, "neuro.umn.romberg", '"babinski"'),
        ({"umn": {"babinski": 1}}, "neuro.umn.babinski", "true or false"),
        ({"spine": {}}, "neuro.spine", '"dermatomes"'),
        ({"myotomes": []}, "neuro.myotomes", "object"),
    ],
)
def test_invalid_exam_names_key_path_and_allowed_values(
    exam: dict[str, Any], path: str, allowed: str
) -> None:
    with pytest.raises(CaseError) as info:
        NeuroExam.from_dict(exam)
    message = str(info.value)
    assert message.startswith(path + ":")
    assert allowed in message


def test_exam_round_trips() -> None:
    data = {
        "dermatomes": {"L5": {"left": {"light_touch": 1, "pin_prick": "NT"}}},
        "myotomes": {"C6": {"left": 4, "right": 5}},
        "reflexes": {"biceps": {"left": 2, "right": 2}},
        "umn": {"babinski": False},
    }
    exam = NeuroExam.from_dict(data)
    assert exam.to_dict() == data
    assert NeuroExam.from_dict(exam.to_dict()) == exam
