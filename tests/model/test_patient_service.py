"""Patient service against a real SQLite file: search, create, edit, entered in error."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from factories import make_patient, patient_details

from dnclinic.services.errors import ValidationFailed

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


@pytest.fixture
def people(app_context: AppContext) -> dict[str, int]:
    made = {
        "zoe": make_patient(
            app_context,
            mrn="DN-000010",
            given_name="Zoë",
            family_name="Ørsted",
            date_of_birth=date(1975, 3, 9),
        ),
        "jose": make_patient(
            app_context,
            mrn="DN-000011",
            given_name="José",
            family_name="Núñez",
            date_of_birth=date(1990, 12, 1),
        ),
        "john": make_patient(
            app_context,
            mrn="AB-77",
            given_name="John",
            family_name="Smith",
            date_of_birth=date(1990, 1, 15),
        ),
        "jane": make_patient(
            app_context,
            mrn="AB-78",
            given_name="Jane",
            family_name="Smithers",
            date_of_birth=date(2001, 7, 4),
        ),
    }
    return {k: v.id for k, v in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["jose", "zoe", "john", "jane"]),  # everyone, by family name (folded)
        ("smith", ["john", "jane"]),
        ("SMITHE", ["jane"]),
        ("orsted", ["zoe"]),  # accents and Ø fold
        ("ørs", ["zoe"]),
        ("zoe", ["zoe"]),
        ("nunez jo", ["jose"]),  # every word must match
        ("smith, jo", ["john"]),
        ("dn-00001", ["jose", "zoe"]),  # record-number prefix, case-insensitive
        ("ab-77", ["john"]),
        ("1990", ["jose", "john"]),  # birth year
        ("1990-01", ["john"]),
        ("1990-12-01", ["jose"]),
        ("xyz", []),
    ],
)
def test_search(
    app_context: AppContext, people: dict[str, int], query: str, expected: list[str]
) -> None:
    assert app_context.patients.search_ids(query) == [people[name] for name in expected]


def test_rows_keep_the_requested_order(app_context: AppContext, people: dict[str, int]) -> None:
    ids = [people["jane"], people["zoe"]]
    rows = app_context.patients.rows(ids)
    assert [r.id for r in rows] == ids
    assert rows[1].display_name == "Ørsted, Zoë"


def test_create_normalises_and_validates(app_context: AppContext) -> None:
    rec = app_context.patients.create(
        patient_details(mrn="  dn-5 ", given_name="  Mary  Ann ")
    ).value
    assert rec.details.mrn == "DN-5"
    assert rec.details.given_name == "Mary Ann"
    with pytest.raises(ValidationFailed) as err:
        app_context.patients.create(patient_details(mrn="dn-5", given_name="", email="x@"))
    fields = {i.field for i in err.value.issues}
    assert fields == {"mrn", "given_name", "email"}
    assert app_context.patients.count() == 1


def test_edit_updates_search_fields(app_context: AppContext) -> None:
    rec = make_patient(app_context, family_name="Brown")
    app_context.patients.update(
        rec.id, rec.version_id, patient_details(mrn=rec.details.mrn, family_name="Élan")
    )
    assert app_context.patients.search_ids("elan") == [rec.id]
    assert app_context.patients.search_ids("brown") == []


def test_entered_in_error_hides_but_keeps_the_record(app_context: AppContext) -> None:
    rec = make_patient(app_context, family_name="Mistake")
    with pytest.raises(ValidationFailed):
        app_context.patients.mark_entered_in_error(rec.id, rec.version_id, "   ")
    saved = app_context.patients.mark_entered_in_error(rec.id, rec.version_id, "Duplicate of DN-1")
    assert saved.changes.patients == frozenset({rec.id})
    assert app_context.patients.search_ids("mistake") == []
    assert app_context.patients.search_ids("mistake", include_in_error=True) == [rec.id]
    kept = app_context.patients.get(rec.id)
    assert kept.status == "entered_in_error"
    assert kept.entered_in_error_reason == "Duplicate of DN-1"


def test_suggested_record_number_is_free(app_context: AppContext) -> None:
    make_patient(app_context, mrn="DN-000002")
    make_patient(app_context, mrn="DN-000003")
    suggestion = app_context.patients.suggest_mrn()
    assert suggestion == "DN-000004"
    assert app_context.patients.find_by_mrn(suggestion) is None
