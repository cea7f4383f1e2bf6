"""Patient queries: type-ahead search and display-ready rows."""

from __future__ import annotations

import functools
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import ColumnElement, Date, Select, and_, bindparam, or_, select

from dnclinic.model.core_tables import patients
from dnclinic.model.search import date_prefix_range, fold, prefix_range

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection
    from sqlalchemy.engine import Dialect
    from sqlalchemy.sql.elements import BindParameter


class PatientRow(NamedTuple):
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


# Core columns, not the ORM entity: the list is filled at start-up, before the ORM is loaded.
col = patients.c

_ROW_COLUMNS = (
    col.id,
    col.mrn,
    col.family_name,
    col.given_name,
    col.date_of_birth,
    col.sex,
    col.phone,
    col.status,
)


def _token_condition(i: int, with_date: bool) -> ColumnElement[bool]:
    """The condition for the ``i``-th word, with named parameters (values bound at run time)."""
    options: list[ColumnElement[bool]] = [
        and_(col.search_family >= bindparam(f"t{i}_lo"),
             col.search_family < bindparam(f"t{i}_hi")),
        and_(col.search_given >= bindparam(f"t{i}_lo"),
             col.search_given < bindparam(f"t{i}_hi")),
        and_(col.mrn >= bindparam(f"t{i}_mrn_lo"), col.mrn < bindparam(f"t{i}_mrn_hi")),
    ]  # fmt: skip
    if with_date:
        born_from = bindparam(f"t{i}_dob_lo", type_=Date())
        born_before = bindparam(f"t{i}_dob_hi", type_=Date())
        options.append(and_(col.date_of_birth >= born_from,
                            col.date_of_birth < born_before))  # fmt: skip
    return or_(*options)


def _words(query: str) -> list[str]:
    return query.replace(",", " ").split()


def _shape(words: Sequence[str]) -> tuple[bool, ...]:
    """Which words can be dates: the statement's shape, so that equal shapes share SQL."""
    return tuple(date_prefix_range(w) is not None for w in words)


def _values(words: Sequence[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for i, word in enumerate(words):
        values[f"t{i}_lo"], values[f"t{i}_hi"] = prefix_range(fold(word))
        values[f"t{i}_mrn_lo"], values[f"t{i}_mrn_hi"] = prefix_range(word.upper())
        dates = date_prefix_range(word)
        if dates is not None:
            values[f"t{i}_dob_lo"], values[f"t{i}_dob_hi"] = dates
    return values


def _statement(shape: tuple[bool, ...], include_in_error: bool) -> Select[int]:
    stmt = select(col.id).order_by(col.search_family, col.search_given, col.id)
    for i, with_date in enumerate(shape):
        stmt = stmt.where(_token_condition(i, with_date))
    if not include_in_error:
        # The same filter, said two ways (a patient is active or entered in error). Said as
        # "active", it lets the planner use ix_patients_active_list, whose rows are all active:
        # the whole list is read from it in list order, with no sorting. A typed search says
        # "not entered in error", so that its few matches are looked up in the name, record
        # number and birth date indexes (which hold the status) rather than in that one, which
        # on 100,000 patients made a one-letter search several times slower.
        active = col.status == "active" if not shape else col.status != "entered_in_error"
        stmt = stmt.where(active)
    return stmt


def search_statement(query: str, *, include_in_error: bool = False) -> Select[int]:
    """Return the SELECT of matching patient ids, ordered by family then given name.

    Every whitespace-separated word must be the start of the family name, the given name, the
    record number or the (year-first) date of birth. Case and accents are ignored.
    """
    words = _words(query)
    return _statement(_shape(words), include_in_error).params(_values(words))


@functools.lru_cache(maxsize=128)
def _prepared(
    dialect: Dialect, key: tuple[Any, ...]
) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
    """Compile a statement shape once: its SQL, its parameter order, its constant values."""
    kind, shape, flag = key
    stmt = _statement(shape, flag) if kind == "search" else _rows_statement_for(flag)
    compiled = stmt.compile(dialect=dialect)
    order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
    constants = {name: v for name, v in compiled.params.items() if v is not None}
    return str(compiled), order, constants


def _run(conn: Connection, key: tuple[Any, ...], values: dict[str, Any]) -> list[Any]:
    """Execute a prepared shape with its values on the driver's own cursor; return the rows.

    A keystroke in the patient list runs the same two shapes again and again; building and
    hashing a SQLAlchemy statement each time, and wrapping each result row, cost several times
    the query itself (benchmarks/search.py compares with the raw driver). So the SQL is compiled
    once per shape and run on the DB-API cursor. Each statement reads a consistent snapshot;
    :func:`rows_by_ids` tolerates an id that is gone by the time its row is read.
    """
    sql, order, constants = _prepared(conn.dialect, key)
    values = {**constants, **values}
    params = tuple(values[name] for name in order) if order is not None else values
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def search_ids(conn: Connection, query: str, *, include_in_error: bool = False) -> list[int]:
    """Return the ids of matching patients in list order (see :func:`search_statement`)."""
    words = _words(query)
    result = _run(conn, ("search", _shape(words), include_in_error), _values(words))
    return [row[0] for row in result]


ROWS_PAGE = 200  # at most this many ids per rows query
# A rows query asks for one of these numbers of ids (padded with -1), so a few SQL texts serve
# every page and each is compiled once; small results do not pay for 200 look-ups.
ROWS_SHAPES = (16, 40, 64, 128, ROWS_PAGE)  # 40: the first page (patient_search.FIRST_PAGE)


def _rows_statement_for(size: int) -> Select[int, str, str, str, date, str, str, str]:
    ids: list[BindParameter[int]] = [bindparam(f"id{n}") for n in range(size)]
    return select(*_ROW_COLUMNS).where(col.id.in_(ids))


def rows_statement(ids: Sequence[int]) -> Select[int, str, str, str, date, str, str, str]:
    """Return the SELECT of display rows for ``ids`` (any order)."""
    return select(*_ROW_COLUMNS).where(col.id.in_(list(ids)))


def _row(values: Sequence[Any]) -> PatientRow:
    dob = values[4]
    born = dob if isinstance(dob, date) else date.fromisoformat(str(dob))  # SQLite gives text
    return PatientRow(values[0], values[1], values[2], values[3], born, values[5], values[6],
                      values[7])  # fmt: skip


def rows_by_ids(conn: Connection, ids: Sequence[int]) -> list[PatientRow]:
    """Return rows for ``ids`` in the same order (missing ids are skipped)."""
    found: dict[int, PatientRow] = {}
    for start in range(0, len(ids), ROWS_PAGE):
        chunk = list(ids[start : start + ROWS_PAGE])
        size = next(n for n in ROWS_SHAPES if n >= len(chunk))
        padded = chunk + [-1] * (size - len(chunk))  # -1 is never an id
        values = {f"id{n}": v for n, v in enumerate(padded)}
        for r in _run(conn, ("rows", (), size), values):
            found[r[0]] = _row(r)
    return [found[i] for i in ids if i in found]
