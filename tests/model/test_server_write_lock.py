"""On a clinic server, saves take one write lock, like BEGIN IMMEDIATE on a clinic file.

A workstation that holds the lock too long makes the others' saves fail with the plain "busy"
message after the busy timeout; nothing is written and the next save works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from factories import make_patient
from sqlalchemy import create_engine, func, select, text

from dnclinic.errors import DatabaseBusyError
from dnclinic.model.db import Database
from dnclinic.model.entities import Patient

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext

pytestmark = pytest.mark.postgresql_only


def test_a_held_write_lock_gives_the_busy_message_and_writes_nothing(
    app_context: AppContext,
) -> None:
    url = app_context.database_label
    impatient = Database.open(url, busy_timeout_ms=300)
    other = create_engine(url)
    try:
        with other.connect() as holder:  # another workstation in the middle of a save
            holder.execute(text("SELECT pg_advisory_lock(x'646E636C696E6963'::bigint)"))
            with pytest.raises(DatabaseBusyError, match="busy"), impatient.write() as s:
                s.add(Patient(mrn="NEVER"))
            holder.execute(text("SELECT pg_advisory_unlock_all()"))
        make_patient(app_context)  # the lock is free again
        with impatient.read() as s:
            assert s.scalar(select(func.count()).where(Patient.mrn == "NEVER")) == 0
    finally:
        impatient.dispose()
        other.dispose()
