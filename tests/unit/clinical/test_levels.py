"""Level table, reflex roots and grading scales (CLINICAL_REFERENCE 3.1 and 3.2)."""

from __future__ import annotations

import pytest

from dnclinic.clinical.levels import (
    LEVEL_TABLE,
    LEVELS,
    MOTOR_SCALE,
    NT,
    REFLEX_ROOTS,
    REFLEX_SCALE,
    SENSATION_SCALE,
    is_thoracic,
    level_index,
    level_label,
)


def test_levels_run_c2_to_s4_5_in_spinal_order() -> None:
    assert LEVELS[0] == "C2"
    assert LEVELS[-1] == "S4_5"
    assert len(LEVELS) == 28  # 7 cervical + 12 thoracic + 5 lumbar + S1, S2, S3, S4-5
    assert [level_index(lv) for lv in LEVELS] == list(range(28))


def test_every_level_has_a_key_sensory_point() -> None:
    assert tuple(LEVEL_TABLE) == LEVELS
    for level, info in LEVEL_TABLE.items():
        assert info.level == level
        assert info.key_sensory_point


@pytest.mark.parametrize(
    ("level", "point", "muscle"),
    [
        ("C5", "antecubital", "Elbow flexors"),
        ("C6", "thumb", "Wrist extensors"),
        ("C7", "middle finger", "Elbow extensors"),
        ("C8", "little finger", "Finger flexors"),
        ("T1", "medial epicondyle", "Little finger abductor"),
        ("T4", "nipple", None),
        ("T10", "umbilicus", None),
        ("L2", "thigh", "Hip flexors"),
        ("L3", "femoral condyle", "Knee extensors"),
        ("L4", "Medial malleolus", "Ankle dorsiflexors"),
        ("L5", "3rd metatarsophalangeal", "Long toe extensors"),
        ("S1", "heel", "Ankle plantar flexors"),
        ("S4_5", "Perianal", "anal"),
    ],
)
def test_key_points_and_muscles_follow_isncsci(level: str, point: str, muscle: str | None) -> None:
    info = LEVEL_TABLE[level]
    assert point in info.key_sensory_point
    if muscle is None:
        assert info.key_muscle is None
    else:
        assert info.key_muscle is not None
        assert muscle in info.key_muscle


def test_reflex_roots_match_decision_rules() -> None:
    assert dict(REFLEX_ROOTS) == {
        "biceps": "C5",
        "brachioradialis": "C6",
        "triceps": "C7",
        "patellar": "L4",
        "medial_hamstring": "L5",
        "achilles": "S1",
    }
    for reflex, root in REFLEX_ROOTS.items():
        assert LEVEL_TABLE[root].reflex == reflex


def test_scales_have_their_grades_and_not_testable() -> None:
    assert set(SENSATION_SCALE) == {0, 1, 2, NT}
    assert set(MOTOR_SCALE) == {0, 1, 2, 3, 4, 5, NT}
    assert set(REFLEX_SCALE) == {0, 1, 2, 3, 4, NT}
    assert "clonus" in REFLEX_SCALE[4]


def test_thoracic_and_labels() -> None:
    assert [lv for lv in LEVELS if is_thoracic(lv)] == [f"T{n}" for n in range(1, 13)]
    assert not is_thoracic("Tx")
    assert level_label("S4_5") == "S4-5"
