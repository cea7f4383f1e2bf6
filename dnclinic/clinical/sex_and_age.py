"""Sex codes with their labels, and age in completed years: what the patient list shows.

Kept apart from :mod:`dnclinic.clinical.demographics` (the patient form's command object and
checks, with their patterns), which the list does not need: the list is on screen at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

SEXES = ("female", "male", "other", "unknown")  # FHIR administrative gender
SEX_LABELS = {"female": "Female", "male": "Male", "other": "Other", "unknown": "Not recorded"}


def age_in_years(date_of_birth: date, today: date) -> int:
    """Return the age in completed years on ``today``."""
    before_birthday = (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - int(before_birthday)
