"""Patient validation and date handling (pure, no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dnclinic.clinical.demographics import (
    PatientDetails,
    age_in_years,
    parse_date,
    validate_patient,
)

TODAY = date(2026, 11, 23)


def details(**overrides: object) -> PatientDetails:
    values: dict[str, object] = {
        "mrn": "DN-1",
        "given_name": "Ana",
        "family_name": "Lopez",
        "date_of_birth": date(1980, 5, 21),
    }
    values.update(overrides)
    return PatientDetails(**values)  # type: ignore[arg-type]


def fields(d: PatientDetails) -> list[str]:
    return [i.field for i in validate_patient(d, TODAY)]


def test_valid_details_have_no_issues() -> None:
    assert (
        validate_patient(details(email="a.b@example.org", phone="+1 (305) 555-0100 x12"), TODAY)
        == []
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"given_name": "  "}, "given_name"),
        ({"family_name": ""}, "family_name"),
        ({"mrn": ""}, "mrn"),
        ({"mrn": "DN 1"}, "mrn"),
        ({"date_of_birth": None}, "date_of_birth"),
        ({"date_of_birth": date(2026, 11, 24)}, "date_of_birth"),  # tomorrow
        ({"date_of_birth": date(1905, 11, 22)}, "date_of_birth"),  # 121 years old
        ({"sex": "yes"}, "sex"),
        ({"email": "ana@"}, "email"),
        ({"email": "ana example.com"}, "email"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "call me maybe 5550100"}, "phone"),
        ({"emergency_contact_phone": "1" * 16}, "emergency_contact_phone"),
    ],
)
def test_each_problem_is_reported_on_its_field(overrides: dict[str, object], field: str) -> None:
    assert fields(details(**overrides)) == [field]


def test_boundaries_of_date_of_birth() -> None:
    assert fields(details(date_of_birth=TODAY)) == []  # born today
    assert fields(details(date_of_birth=date(1906, 11, 23))) == []  # exactly 120
    assert fields(details(date_of_birth=date(1906, 11, 22))) == ["date_of_birth"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1980-05-21", date(1980, 5, 21)),
        (" 1980-5-1 ", date(1980, 5, 1)),
        ("19800521", date(1980, 5, 21)),
        ("1980-02-30", None),
        ("21/05/1980", None),
        ("", None),
        ("yesterday", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@given(st.dates(min_value=date(1850, 1, 1), max_value=date(2100, 12, 31)), st.integers(0, 130))
def test_age_is_whole_years_since_birth(born: date, years: int) -> None:
    try:
        birthday = born.replace(year=born.year + years)
    except ValueError:  # 29 February in a non-leap year
        return
    assert age_in_years(born, birthday) == years
    assert age_in_years(born, date.fromordinal(birthday.toordinal() - 1)) == years - 1
