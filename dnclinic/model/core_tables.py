"""The columns the start-up path reads and writes, as SQLAlchemy Core, without the ORM.

Logging in, writing the login to the audit log, checking the schema and filling the patient
list are the whole of a cold start. Importing the ORM and mapping every entity class costs
more than all of that together (benchmarks/startup.py), so these steps use the Core
projections below and the entities load the first time something else needs them.

Each projection names columns of a table that :mod:`dnclinic.model.entities` defines (the
schema's one definition); tests/model/test_core_tables.py checks every name and type against it.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, Integer, String, Text, column, table

from dnclinic.model.types import UTCDateTime

audit_log = table(
    "audit_log",
    column("id", Integer),
    column("at", UTCDateTime()),
    column("username", String),
    column("action", String),
    column("entity", String),
    column("entity_id", Integer),
    column("patient_id", Integer),
    column("details", Text),
    column("prev_hash", String),
    column("hash", String),
)

users = table(
    "users",
    column("id", Integer),
    column("version_id", Integer),
    column("username", String),
    column("username_key", String),
    column("display_name", String),
    column("role", String),
    column("active", Boolean),
    column("practitioner_id", Integer),
    column("password_hash", Text),
)

practitioners = table(
    "practitioners",
    column("id", Integer),
    column("given_name", String),
    column("family_name", String),
)

clinics = table("clinics", column("id", Integer), column("name", String))

patients = table(
    "patients",
    column("id", Integer),
    column("mrn", String),
    column("given_name", String),
    column("family_name", String),
    column("date_of_birth", Date),
    column("sex", String),
    column("phone", String),
    column("status", String),
    column("search_family", String),
    column("search_given", String),
)


def practitioner_name(given_name: str, family_name: str) -> str:
    """Return a practitioner's name as the app shows it: "Given Family"."""
    return f"{given_name} {family_name}".strip()
