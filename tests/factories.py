"""Factory functions with fixed, realistic defaults (no randomness)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from dnclinic.clinical.demographics import PatientDetails

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.patients import PatientRecord

_counter = iter(range(1, 1_000_000))


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
