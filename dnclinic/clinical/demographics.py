"""Patient demographics: the command object for a patient record and its field-level checks.

Pure functions: the caller passes ``today``; nothing here reads the clock or the database
(record-number uniqueness is checked by the patient service, which can see the other records).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dnclinic.clinical.sex_and_age import SEX_LABELS as SEX_LABELS
from dnclinic.clinical.sex_and_age import SEXES as SEXES
from dnclinic.clinical.sex_and_age import age_in_years as age_in_years
from dnclinic.clinical.validation import Issue, Severity

MAX_AGE_YEARS = 120

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-.\s/]*(?:(?:ext|x)\.?\s*\d+)?$", re.IGNORECASE)
_MRN = re.compile(r"^[A-Z0-9][A-Z0-9\-_/.]*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True, slots=True)
class PatientDetails:
    """What a user enters for a patient (the command object for create and edit)."""

    mrn: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    sex: str = "unknown"
    phone: str = ""
    email: str = ""
    address: str = ""
    emergency_contact_name: str = ""
    emergency_contact_phone: str = ""
    notes: str = ""

    def normalised(self) -> PatientDetails:
        """Return a copy with surrounding spaces removed and the record number upper-cased."""
        return PatientDetails(
            mrn=self.mrn.strip().upper(),
            given_name=" ".join(self.given_name.split()),
            family_name=" ".join(self.family_name.split()),
            date_of_birth=self.date_of_birth,
            sex=self.sex,
            phone=self.phone.strip(),
            email=self.email.strip(),
            address=self.address.strip(),
            emergency_contact_name=self.emergency_contact_name.strip(),
            emergency_contact_phone=self.emergency_contact_phone.strip(),
            notes=self.notes.strip(),
        )


def parse_date(text: str) -> date | None:
    """Parse a date typed as ``YYYY-MM-DD`` (or ``YYYYMMDD``); None when it is not a real date.

    Only year-first forms are accepted: ``03/04/1980`` means different days in different
    countries, and a misread date of birth is worse than a request to retype it.
    """
    text = text.strip()
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _years_before(day: date, years: int) -> date:
    """Return the same calendar day ``years`` earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _plausible_phone(text: str) -> bool:
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE_CHARS.match(text)) and 7 <= digits <= 15


def validate_patient(details: PatientDetails, today: date) -> list[Issue]:
    """Check a patient's details field by field.

    Args:
        details: what was entered (normalised or not).
        today: the clinic's current date, for the date-of-birth checks.

    Returns:
        One :class:`Issue` per problem, with the field name used by the patient dialog. Names and
        date of birth are required; the date of birth may be neither in the future nor more than
        120 years ago; email and phone numbers must look plausible.
    """
    d = details.normalised()
    issues: list[Issue] = []

    def error(field: str, message: str) -> None:
        issues.append(Issue(field, message, Severity.ERROR))

    if not d.mrn:
        error("mrn", "Enter a medical record number.")
    elif not _MRN.match(d.mrn):
        error("mrn", "Use letters, digits and - _ / . only (for example DN-000123).")
    if not d.given_name:
        error("given_name", "Enter the patient's given name.")
    if not d.family_name:
        error("family_name", "Enter the patient's family name.")
    if d.date_of_birth is None:
        error("date_of_birth", "Enter the date of birth as YYYY-MM-DD, for example 1980-05-21.")
    elif d.date_of_birth > today:
        error("date_of_birth", "The date of birth cannot be in the future.")
    elif d.date_of_birth < _years_before(today, MAX_AGE_YEARS):
        error("date_of_birth", f"The date of birth is more than {MAX_AGE_YEARS} years ago.")
    if d.sex not in SEXES:
        error("sex", "Choose female, male, other or not recorded.")
    if d.email and not _EMAIL.match(d.email):
        error("email", "This does not look like an email address (name@example.com).")
    if d.phone and not _plausible_phone(d.phone):
        error("phone", "A phone number has 7 to 15 digits; spaces, + ( ) - are allowed.")
    if d.emergency_contact_phone and not _plausible_phone(d.emergency_contact_phone):
        error(
            "emergency_contact_phone",
            "A phone number has 7 to 15 digits; spaces, + ( ) - are allowed.",
        )
    return issues
