"""Patient queries: type-ahead search and display-ready rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Select, and_, or_, select

from dnclinic.model.entities import Patient
from dnclinic.model.search import date_prefix_range, fold, prefix_range

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from sqlalchemy import Connection


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


def search_statement(query: str, *, include_in_error: bool = False) -> Select[int]:
    """Return the SELECT of matching patient ids, ordered by family then given name.

    Every whitespace-separated word must be the start of the family name, the given name, the
    record number or the (year-first) date of birth. Case and accents are ignored.
    """
    stmt = select(Patient.id).order_by(Patient.search_family, Patient.search_given, Patient.id)
    for token in query.replace(",", " ").split():
        stmt = stmt.where(_token_condition(token))
    if not include_in_error:
        stmt = stmt.where(Patient.status == "active")
    return stmt


def search_ids(conn: Connection, query: str, *, include_in_error: bool = False) -> list[int]:
    """Return the ids of matching patients in list order (see :func:`search_statement`).

    Core execution on a plain connection: a third of the ORM's per-row cost, which matters when
    one typed letter matches a tenth of the clinic (benchmarks/search.py).
    """
    stmt = search_statement(query, include_in_error=include_in_error)
    return list(conn.execute(stmt).scalars())


def rows_statement(ids: Sequence[int]) -> Select[int, str, str, str, date, str, str, str]:
    """Return the SELECT of display rows for ``ids`` (any order)."""
    return select(*_ROW_COLUMNS).where(Patient.id.in_(list(ids)))


def rows_by_ids(conn: Connection, ids: Sequence[int]) -> list[PatientRow]:
    """Return rows for ``ids`` in the same order (missing ids are skipped)."""
    if not ids:
        return []
    found = {r.id: PatientRow(*r) for r in conn.execute(rows_statement(ids))}
    return [found[i] for i in ids if i in found]
