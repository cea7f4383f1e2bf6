"""Outcome instruments at their edges (CLINICAL_REFERENCE section 5)."""

from __future__ import annotations

from typing import Any

import pytest

from dnclinic.clinical.instruments import ITEMS
from dnclinic.clinical.outcomes import INSTRUMENTS, ScoreResult, change, score, validate_answers
from dnclinic.clinical.validation import Severity, has_errors


def test_instruments_and_their_items() -> None:
    assert INSTRUMENTS == ("NPRS", "VAS", "ODI", "NDI", "PSFS", "PPT", "BPI")
    assert len(ITEMS["ODI"]) == 10
    assert len(ITEMS["NDI"]) == 10
    assert len(ITEMS["BPI"]) == 11
    for code in ("ODI", "NDI"):
        for item in ITEMS[code]:
            assert len(item.options) == 6  # scores 0-5
            assert all(item.options)
    assert [i.key for i in ITEMS["ODI"]][7] == "sex_life"
    assert [i.key for i in ITEMS["NDI"]][4] == "headaches"


def test_unknown_instrument_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="allowed: NPRS"):
        score("SF36", [1])


# --- NPRS ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (3, "mild"),
        (4, "moderate"),
        (6, "moderate"),
        (7, "severe"),
        (10, "severe"),
    ],
)
def test_nprs_bands(value: int, band: str) -> None:
    result = score("NPRS", [value])
    assert (result.valid, result.value, result.band) == (True, value, band)


@pytest.mark.parametrize("answers", [[11], [-1], [5.5], [True], ["5"], [None], [], [3, 4]])
def test_nprs_invalid(answers: list[Any]) -> None:
    result = score("NPRS", answers)
    assert not result.valid
    assert result.value is None
    assert result.band is None
    assert result.reason


# --- VAS -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "valid"),
    [(0, True), (100, True), (42.5, True), (100.1, False), (-0.5, False), (None, False)],
)
def test_vas_range(answer: Any, valid: bool) -> None:
    result = score("VAS", [answer])
    assert result.valid is valid
    assert result.band is None
    if valid:
        assert result.value == answer
        assert result.unit == "mm"


# --- ODI -----------------------------------------------------------------------------------


def test_odi_all_answered() -> None:
    result = score("ODI", [2, 1, 2, 1, 2, 1, 2, 1, 2, 2])
    assert (result.value, result.band, result.answered) == (32.0, "moderate", 10)


def test_odi_missing_sections_shrink_the_denominator() -> None:
    # 16 / 45 = 35.555... -> 35.6 (half-up to one decimal)
    result = score("ODI", [2, 2, 2, 2, 2, 2, 2, None, 1, 1])
    assert result.value == 35.6
    assert result.valid
    assert [i.severity for i in result.issues] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("missing", "valid"), [(0, True), (1, True), (2, True), (3, False), (10, False)]
)
def test_odi_missing_limit(missing: int, valid: bool) -> None:
    answers: list[int | None] = [3] * 10
    for i in range(missing):
        answers[i] = None
    result = score("ODI", answers)
    assert result.valid is valid
    if valid:
        assert result.value == 60.0
    else:
        assert "at most 2" in (result.reason or "")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (10, "minimal"),
        (11, "moderate"),
        (20, "moderate"),
        (21, "severe"),
        (30, "severe"),
        (31, "crippled"),
        (40, "crippled"),
        (41, "bed-bound"),
        (50, "bed-bound"),
    ],
)
def test_odi_band_boundaries(total: int, band: str) -> None:
    answers = [min(5, max(0, total - 5 * i)) for i in range(10)]
    assert sum(answers) == total
    result = score("ODI", answers)
    assert result.value == total * 2
    assert result.band == band


@pytest.mark.parametrize(
    "answers", [[6] + [0] * 9, [-1] + [0] * 9, [1.5] + [0] * 9, [True] + [0] * 9, [0] * 9, [0] * 11]
)
def test_odi_invalid_answers(answers: list[Any]) -> None:
    result = score("ODI", answers)
    assert not result.valid
    assert has_errors(validate_answers("ODI", answers))


def test_validate_answers_names_the_item() -> None:
    issues = validate_answers("ODI", [0, 0, 9, 0, 0, 0, 0, 0, 0, 0])
    assert [(i.field, i.severity) for i in issues] == [("ODI.lifting", Severity.ERROR)]
    assert "0 to 5" in issues[0].message
    assert validate_answers("ODI", [0] * 10) == []


# --- NDI -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "band"),
    [
        (0, "none"),
        (4, "none"),
        (5, "mild"),
        (14, "mild"),
        (15, "moderate"),
        (24, "moderate"),
        (25, "severe"),
        (34, "severe"),
        (35, "complete"),
        (50, "complete"),
    ],
)
def test_ndi_bands_on_raw_score(raw: int, band: str) -> None:
    answers = [min(5, max(0, raw - 5 * i)) for i in range(10)]
    result = score("NDI", answers)
    assert result.value == raw * 2
    assert result.band == band


def test_ndi_bands_use_raw_equivalent_with_missing_items() -> None:
    # 8 answered, sum 9 -> 22.5 % -> raw-equivalent 11.25 -> mild
    result = score("NDI", [2, 2, 1, 1, 1, 1, 1, None, None, 0])
    assert result.value == 22.5
    assert result.band == "mild"


@pytest.mark.parametrize(("missing", "valid"), [(2, True), (3, False)])
def test_ndi_missing_limit(missing: int, valid: bool) -> None:
    answers: list[int | None] = [1] * 10
    answers[:missing] = [None] * missing
    assert score("NDI", answers).valid is valid


# --- PSFS ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "value"),
    [
        ([3, 4, 5], 4.0),
        ([0, 0, 0], 0.0),
        ([10] * 5, 10.0),
        ([2, 3, 3], 2.7),
        ([1, 2, 2, None], 1.7),
    ],
)
def test_psfs_mean(ratings: list[int | None], value: float) -> None:
    result = score("PSFS", ratings)
    assert result.valid
    assert result.value == value
    assert result.band is None


@pytest.mark.parametrize("ratings", [[5, 5], [5, 5, None], [5] * 6, [5, 5, 11], [5, 5, -1], []])
def test_psfs_needs_3_to_5_ratings_0_to_10(ratings: list[int | None]) -> None:
    assert not score("PSFS", ratings).valid


# --- PPT -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trials", "value"),
    [([2.0], 2.0), ([2.0, 3.0], 2.5), ([1.6, 1.7, 1.9], 1.73), ([2, None], 2.0)],
)
def test_ppt_mean_of_up_to_3_trials(trials: list[float | None], value: float) -> None:
    result = score("PPT", trials)
    assert result.valid
    assert result.value == value
    assert result.unit == "kg/cm²"


@pytest.mark.parametrize("trials", [[], [None], [0], [-1.0], [1, 2, 3, 4], [25.0]])
def test_ppt_invalid(trials: list[float | None]) -> None:
    assert not score("PPT", trials).valid


# --- BPI -----------------------------------------------------------------------------------


def test_bpi_severity_and_interference() -> None:
    result = score("BPI", [8, 2, 5, 5, 4, 4, 5, 5, 6, 6, 5])
    assert result.valid
    assert result.subscores == {"severity": 5.0, "interference": 5.0}
    assert result.value == 5.0
    assert result.band is None


@pytest.mark.parametrize(
    ("interference_answered", "valid"), [(7, True), (4, True), (3, False), (0, False)]
)
def test_bpi_interference_needs_4_of_7(interference_answered: int, valid: bool) -> None:
    interference = [3] * interference_answered + [None] * (7 - interference_answered)
    result = score("BPI", [5, 5, 5, 5, *interference])
    assert result.valid is valid
    if valid:
        assert result.value == 3.0


def test_bpi_needs_all_four_intensity_items() -> None:
    result = score("BPI", [5, None, 5, 5, 1, 1, 1, 1, 1, 1, 1])
    assert not result.valid
    assert "intensity" in (result.reason or "")


# --- change and MCID -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "before", "after", "improved", "reaches"),
    [
        ("NPRS", 6, 4, True, True),  # 2 points
        ("NPRS", 6, 5, True, False),  # 1 point, 17 %
        ("NPRS", 3, 2, True, True),  # 1 point but 33 %
        ("NPRS", 4, 6, False, True),  # a deterioration that reaches the MCID
        ("NPRS", 0, 1, False, False),
        ("NPRS", 5, 5, False, False),
        ("VAS", 60, 45, True, True),  # 15 mm
        ("VAS", 60, 46, True, False),  # 14 mm, 23 %
        ("VAS", 40, 28, True, True),  # 12 mm but 30 %
        ("ODI", 40, 30, True, True),
        ("ODI", 40, 30.1, True, False),
        ("NDI", 40, 30, True, True),  # 5 raw points
        ("NDI", 40, 32, True, False),
        ("PSFS", 4, 6, True, True),
        ("PSFS", 4.3, 6.3, True, True),
        ("PSFS", 4, 5.9, True, False),
        ("PSFS", 6, 4, False, True),
        ("BPI", 5, 4, True, True),
        ("BPI", 5, 4.5, True, False),
    ],
)
def test_change_against_mcid(
    code: str, before: float, after: float, improved: bool, reaches: bool
) -> None:
    result = change(code, before, after)
    assert result.improved is improved
    assert result.reaches_mcid is reaches
    assert result.explanation
    assert result.sources


def test_ppt_has_no_mcid() -> None:
    result = change("PPT", 2.0, 2.6)
    assert result.improved is True
    assert result.reaches_mcid is None
    assert "no MCID" in result.explanation


def test_change_accepts_score_results() -> None:
    before = score("ODI", [3] * 10)
    after = score("ODI", [2] * 10)
    assert isinstance(before, ScoreResult)
    assert change("ODI", before, after).reaches_mcid is True
    with pytest.raises(ValueError, match="not valid"):
        change("ODI", score("ODI", [None] * 10), after)
