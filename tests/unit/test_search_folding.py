"""Folding and prefix ranges behind the indexed search."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dnclinic.model.search import date_prefix_range, fold, prefix_range


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "zoe"),
        ("ØRSTED", "orsted"),
        ("Núñez", "nunez"),
        ("Łukasz", "lukasz"),
        ("Straße", "strasse"),
        ("O'Brien", "o'brien"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(min_size=1, max_size=12), st.text(max_size=12))
def test_every_string_with_the_prefix_is_inside_the_range(prefix: str, rest: str) -> None:
    low, high = prefix_range(prefix)
    assert low <= prefix + rest < high or (prefix + rest).startswith(prefix + "\U0010ffff")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("1980", (date(1980, 1, 1), date(1981, 1, 1))),
        ("1980-", (date(1980, 1, 1), date(1981, 1, 1))),
        ("1980-12", (date(1980, 12, 1), date(1981, 1, 1))),
        ("1980-02-29", (date(1980, 2, 29), date(1980, 3, 1))),
        ("1981-02-29", None),
        ("1980-13", None),
        ("198", None),
        ("smith", None),
        ("1980-ab", None),
    ],
)
def test_date_prefix_range(token: str, expected: tuple[date, date] | None) -> None:
    assert date_prefix_range(token) == expected
