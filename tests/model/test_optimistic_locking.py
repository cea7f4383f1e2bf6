"""Two workstations editing one record: the second save gets a clear conflict, never overwrites."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from factories import make_patient, patient_details
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from dnclinic.model.entities import Patient
from dnclinic.services.errors import ConcurrentEditError

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


def test_stale_orm_write_raises(app_context: AppContext) -> None:
    p = make_patient(app_context)
    engine = app_context.db.engine
    with (
        Session(engine, expire_on_commit=False) as first,
        Session(engine, expire_on_commit=False) as second,
    ):
        a = first.get(Patient, p.id)
        b = second.get(Patient, p.id)
        assert a is not None
        assert b is not None
        second.commit()  # workstation 2 keeps its copy on screen, outside any transaction
        a.notes = "first"
        first.commit()
        b.notes = "second"
        with pytest.raises(StaleDataError):
            second.commit()
    assert app_context.patients.get(p.id).details.notes == "first"


def test_service_refuses_an_edit_based_on_an_old_version(app_context: AppContext) -> None:
    opened = make_patient(app_context, given_name="Ana")
    # workstation 1 saves first
    app_context.patients.update(
        opened.id, opened.version_id, patient_details(mrn=opened.details.mrn, given_name="Anna")
    )
    # workstation 2 still holds the version it opened
    with pytest.raises(ConcurrentEditError, match="changed on another workstation"):
        app_context.patients.update(
            opened.id, opened.version_id, patient_details(mrn=opened.details.mrn, given_name="Ann")
        )
    current = app_context.patients.get(opened.id)
    assert current.details.given_name == "Anna"
    assert current.version_id == opened.version_id + 1
