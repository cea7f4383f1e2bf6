"""Chronicity from onset date: acute < 42 days <= subacute <= 84 days < chronic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dnclinic.clinical.chronicity import chronicity

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "acute"),
        (41, "acute"),
        (42, "subacute"),
        (84, "subacute"),
        (85, "chronic"),
        (400, "chronic"),
    ],
)
def test_day_boundaries(days: int, expected: str) -> None:
    assert chronicity(TODAY - timedelta(days=days), TODAY) == expected


def test_onset_in_the_future_is_rejected() -> None:
    with pytest.raises(ValueError, match="after today"):
        chronicity(TODAY + timedelta(days=1), TODAY)
