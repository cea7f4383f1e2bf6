"""The patient list's queries: type-ahead search, display rows and the count.

They run on Core connections (see :mod:`dnclinic.model.core_tables`), so that showing the list
at start-up does not load the ORM; :class:`~dnclinic.services.patients.PatientService` adds the
record itself (registration, details, corrections).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, select

from dnclinic.model.core_tables import patients
from dnclinic.model.repositories import patients as repo
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from dnclinic.model.db import Database
    from dnclinic.model.repositories.patients import PatientRow
    from dnclinic.services.context import ServiceContext


# Rows fetched with the ids: more than a tall window shows at once (rows are 34 pixels high).
# The list fetches the rest a page at a time as it is scrolled to, so a keystroke (and the
# start) reads no more than this.
FIRST_PAGE = 40


class SearchPage(NamedTuple):
    """A search result: all ids in list order, and the first rows ready to show."""

    ids: list[int]
    rows: list[PatientRow]


class PatientSearchService:
    """Finding patients for the list (practitioners)."""

    def __init__(self, db: Database, ctx: ServiceContext) -> None:
        self._db = db
        self._ctx = ctx

    def today(self) -> date:
        """Return the clinic's current date (from the injected clock)."""
        return self._ctx.today()

    def search_ids(self, query: str, *, include_in_error: bool = False) -> list[int]:
        """Return matching patient ids in list order (see :func:`repo.search_ids`)."""
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.connect() as c:
            return repo.search_ids(c, query, include_in_error=include_in_error)

    def rows(self, ids: Sequence[int]) -> list[PatientRow]:
        """Return display rows for ``ids``, in order."""
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.connect() as c:
            return repo.rows_by_ids(c, ids)

    def search(self, query: str, *, limit: int = 50) -> list[PatientRow]:
        """Return up to ``limit`` matching rows (for scripts and quick pickers)."""
        self._ctx.require(Permission.PATIENT_READ)
        return self.search_page(query, limit).rows

    def search_page(self, query: str, page: int = FIRST_PAGE) -> SearchPage:
        """Return every matching id in list order and the rows of the first ``page`` of them.

        One round trip per keystroke: the list gets its length and its first screen together.
        """
        self._ctx.require(Permission.PATIENT_READ)
        with self._db.connect() as c:
            ids = repo.search_ids(c, query)
            return SearchPage(ids, repo.rows_by_ids(c, ids[:page]))

    def count(self) -> int:
        """Return the number of active patients."""
        self._ctx.require(Permission.PATIENT_READ)
        active = select(func.count()).select_from(patients).where(patients.c.status == "active")
        with self._db.connect() as c:
            return int(c.scalar(active) or 0)
