"""Electrical stimulation checks (DECISION_RULES section 6)."""

from __future__ import annotations

import pytest

from dnclinic.clinical.stimulation import (
    ELECTRODE_REGIONS,
    Electrode,
    ElectrodePair,
    StimulationSetting,
    above_waist_or_trunk,
    check_stimulation,
    crosses_chest,
    has_errors,
    is_chest,
    lumbar_pelvic_or_abdominal,
)

CALF = ElectrodePair(Electrode("leg", "left"), Electrode("leg", "left"))


def setting(
    hz: float | None = 4,
    width: float | None = 250,
    ma: float | None = 5,
    minutes: float | None = 15,
    *pairs: ElectrodePair,
) -> StimulationSetting:
    return StimulationSetting(hz, width, ma, minutes, pairs or (CALF,))


def codes(
    s: StimulationSetting, *, segmental: bool = False, precautions: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    found = check_stimulation(s, segmental_session=segmental, precautions=precautions)
    return [(f.level, f.code) for f in found]


def test_a_good_setting_passes() -> None:
    assert codes(setting(), segmental=True) == []


@pytest.mark.parametrize(
    ("hz", "expected"),
    [
        (2, []),
        (20, []),
        (1.9, [("warning", "frequency_outside_band")]),
        (20.5, [("warning", "frequency_outside_band")]),
        (100, [("warning", "frequency_outside_band")]),
        (100.1, [("error", "frequency_above_100hz")]),
        (150, [("error", "frequency_above_100hz")]),
    ],
)
def test_frequency_band(hz: float, expected: list[tuple[str, str]]) -> None:
    assert codes(setting(hz)) == expected


@pytest.mark.parametrize(
    ("minutes", "segmental", "expected"),
    [
        (9.5, True, [("warning", "duration_below_10min")]),
        (10, True, []),
        (5, False, []),
    ],
)
def test_duration_for_segmental_sessions(
    minutes: float, segmental: bool, expected: list[tuple[str, str]]
) -> None:
    assert codes(setting(minutes=minutes), segmental=segmental) == expected


@pytest.mark.parametrize("bad", [None, 0, -1, float("nan")])
@pytest.mark.parametrize("field", ["frequency", "pulse_width", "intensity", "duration"])
def test_missing_zero_or_negative_parameters_are_errors(field: str, bad: float | None) -> None:
    values: dict[str, float | None] = {
        "frequency": 4,
        "pulse_width": 250,
        "intensity": 5,
        "duration": 15,
    }
    values[field] = bad
    s = StimulationSetting(
        values["frequency"],
        values["pulse_width"],
        values["intensity"],
        values["duration"],
        (CALF,),
    )
    assert codes(s, segmental=True) == [("error", f"missing_{field}")]


@pytest.mark.parametrize(
    ("region", "blocked"),
    [
        ("shoulder", True),
        ("hand", True),
        ("lumbar", True),
        ("chest", True),
        ("cervical", True),
        ("pelvis", True),
        ("gluteal", False),
        ("thigh", False),
        ("foot", False),
    ],
)
def test_pacemaker_blocks_electrodes_above_waist_or_on_trunk(region: str, blocked: bool) -> None:
    pair = ElectrodePair(Electrode(region, "left"), Electrode(region, "left"))
    found = codes(setting(4, 250, 5, 15, pair), precautions=("pacemaker_or_icd",))
    assert (("error", "pacemaker_electrode_placement") in found) is blocked
    assert ("error", "pacemaker_electrode_placement") not in codes(setting(4, 250, 5, 15, pair))


@pytest.mark.parametrize(
    ("a", "b", "crosses"),
    [
        (("chest", "left"), ("chest", "right"), True),
        (("hand", "left"), ("hand", "right"), True),
        (("shoulder", "right"), ("thoracic", "left"), True),
        (("chest", "midline"), ("thoracic", "midline"), True),
        (("chest", "left"), ("chest", "left"), False),
        (("chest", "left"), ("chest", "midline"), False),
        (("lumbar", "left"), ("lumbar", "right"), False),
        (("thigh", "left"), ("thigh", "right"), False),
    ],
)
def test_pair_across_the_chest(a: tuple[str, str], b: tuple[str, str], crosses: bool) -> None:
    pair = ElectrodePair(Electrode(*a), Electrode(*b))
    assert crosses_chest(pair) is crosses
    assert (("error", "pair_crosses_chest") in codes(setting(4, 250, 5, 15, pair))) is crosses


@pytest.mark.parametrize(
    ("region", "blocked"),
    [
        ("lumbar", True),
        ("sacral", True),
        ("pelvis", True),
        ("abdomen", True),
        ("thoracic", False),
        ("thigh", False),
    ],
)
def test_pregnancy_blocks_lumbar_pelvic_abdominal_electrodes(region: str, blocked: bool) -> None:
    pair = ElectrodePair(Electrode(region, "right"), Electrode(region, "right"))
    found = codes(setting(4, 250, 5, 15, pair), precautions=("pregnancy",))
    assert (("error", "pregnancy_electrode_placement") in found) is blocked


def test_unknown_placement_is_an_error() -> None:
    pair = ElectrodePair(Electrode("tail", "left"), Electrode("leg", "top"))
    assert codes(setting(4, 250, 5, 15, pair)).count(("error", "unknown_placement")) == 2


def test_errors_come_first_and_block_saving() -> None:
    found = check_stimulation(setting(1, 250, 5, 5), segmental_session=True, precautions=())
    assert [f.level for f in found] == ["warning", "warning"]
    assert not has_errors(found)
    found = check_stimulation(setting(1, None, 5, 5), segmental_session=True, precautions=())
    assert found[0].level == "error"
    assert has_errors(found)
    assert all(f.message for f in found)


def test_region_helpers_cover_the_vocabulary() -> None:
    assert "thigh" in ELECTRODE_REGIONS
    assert is_chest("chest")
    assert is_chest("thoracic")
    assert not is_chest("abdomen")
    assert lumbar_pelvic_or_abdominal("abdomen")
    assert not lumbar_pelvic_or_abdominal("gluteal")
    assert above_waist_or_trunk("head")
    assert not above_waist_or_trunk("knee")
    assert not above_waist_or_trunk("nowhere")
