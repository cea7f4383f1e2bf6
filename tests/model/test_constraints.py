"""The database itself refuses bad data: unique record numbers, foreign keys, reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest
from factories import make_patient
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from dnclinic.model.entities import Episode, Patient

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

NOW = datetime(2026, 1, 1, tzinfo=UTC)
AUDIT = {"created_at": NOW, "created_by": "t", "updated_at": NOW, "updated_by": "t"}


def test_duplicate_record_number_is_refused_by_the_database(app_context: AppContext) -> None:
    make_patient(app_context, mrn="DN-1")
    with pytest.raises(IntegrityError), app_context.db.write() as s:
        s.add(
            Patient(
                mrn="DN-1",
                given_name="B",
                family_name="C",
                date_of_birth=date(1990, 1, 1),
                sex="male",
                status="active",
                entered_in_error_reason="",
                search_family="c",
                search_given="b",
                **AUDIT,
            )
        )


def test_foreign_keys_are_enforced(app_context: AppContext) -> None:
    with pytest.raises(IntegrityError, match="(?i)foreign key"), app_context.db.write() as s:
        s.add(
            Episode(
                patient_id=4242,
                region="lumbar",
                side="midline",
                onset_date=date(2026, 1, 1),
                diagnosis="",
                tags=[],
                status="open",
                entered_in_error_reason="",
                **AUDIT,
            )
        )


def test_entered_in_error_needs_a_reason_even_below_the_service(app_context: AppContext) -> None:
    p = make_patient(app_context)
    with pytest.raises(IntegrityError, match="(?i)check"), app_context.db.write() as s:
        s.execute(update(Patient).where(Patient.id == p.id).values(status="entered_in_error"))
    with app_context.db.read() as s:
        assert s.scalar(select(Patient.status).where(Patient.id == p.id)) == "active"


def test_audit_columns_record_who_and_when(app_context: AppContext) -> None:
    p = make_patient(app_context)
    with app_context.db.read() as s:
        row = s.get(Patient, p.id)
        assert row is not None
        assert row.created_by == "tester"
        assert row.updated_by == "tester"
        assert row.created_at == datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
        assert row.created_at.tzinfo is not None
