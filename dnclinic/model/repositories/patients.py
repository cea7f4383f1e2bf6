"""Patient queries: type-ahead search and display-ready rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, or_, select

from dnclinic.model.entities import Patient
from dnclinic.model.search import date_prefix_range, fold, prefix_range

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One line of the patient list."""

    id: int
    mrn: str
    family_name: str
    given_name: str
    date_of_birth: date
    sex: str
    phone: str
    status: str

    @property
    def display_name(self) -> str:
        """Return "FAMILY, Given" as clinics file their charts."""
        return f"{self.family_name}, {self.given_name}"


_ROW_COLUMNS = (
    Patient.id,
    Patient.mrn,
    Patient.family_name,
    Patient.given_name,
    Patient.date_of_birth,
    Patient.sex,
    Patient.phone,
    Patient.status,
)


def _token_condition(token: str) -> ColumnElement[bool]:
    folded = fold(token)
    low, high = prefix_range(folded)
    mrn_low, mrn_high = prefix_range(token.upper())
    options: list[ColumnElement[bool]] = [
        and_(Patient.search_family >= low, Patient.search_family < high),
        and_(Patient.search_given >= low, Patient.search_given < high),
        and_(Patient.mrn >= mrn_low, Patient.mrn < mrn_high),
    ]
    dates = date_prefix_range(token)
    if dates is not None:
        options.append(and_(Patient.date_of_birth >= dates[0], Patient.date_of_birth < dates[1]))
    return or_(*options)


def search_ids(session: Session, query: str, *, include_in_error: bool = False) -> list[int]:
    """Return the ids of matching patients, ordered by family then given name.

    Every whitespace-separated word must be the start of the family name, the given name, the
    record number or the (year-first) date of birth. Case and accents are ignored.
    """
    stmt = select(Patient.id).order_by(Patient.search_family, Patient.search_given, Patient.id)
    for token in query.replace(",", " ").split():
        stmt = stmt.where(_token_condition(token))
    if not include_in_error:
        stmt = stmt.where(Patient.status == "active")
    return list(session.scalars(stmt))


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[PatientRow]:
    """Return rows for ``ids`` in the same order (missing ids are skipped)."""
    if not ids:
        return []
    found = {
        r.id: PatientRow(*r)
        for r in session.execute(select(*_ROW_COLUMNS).where(Patient.id.in_(list(ids))))
    }
    return [found[i] for i in ids if i in found]
