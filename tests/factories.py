"""Factory functions with fixed, realistic defaults (no randomness)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from dnclinic.clinical.demographics import PatientDetails

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dnclinic.app_context import AppContext
    from dnclinic.services.patients import PatientRecord

_counter = iter(range(1, 1_000_000))

PASSWORD = "correct horse battery"


@contextmanager
def as_user(ctx: AppContext, username: str, password: str = PASSWORD) -> Iterator[None]:
    """Log in as ``username`` for the block, then back in as whoever was acting before."""
    before = ctx.services.actor.username
    ctx.access.login(username, password)
    try:
        yield
    finally:
        ctx.access.login(before, password)


def patient_details(**overrides: Any) -> PatientDetails:
    """Return valid patient details; override any field."""
    values: dict[str, Any] = {
        "mrn": f"T-{next(_counter):06d}",
        "given_name": "Ana",
        "family_name": "Lopez",
        "date_of_birth": date(1980, 5, 21),
        "sex": "female",
        "phone": "(305) 555-0100",
        "email": "ana.lopez@example.com",
    }
    values.update(overrides)
    return PatientDetails(**values)


def make_patient(ctx: AppContext, **overrides: Any) -> PatientRecord:
    """Create a patient through the service and return the stored record."""
    return ctx.patients.create(patient_details(**overrides)).value
