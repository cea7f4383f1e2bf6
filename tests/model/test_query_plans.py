"""Type-ahead search is answered from indexes, never by scanning the patients table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dnclinic.model.repositories.patients import search_statement

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


# SQLite query plans (EXPLAIN QUERY PLAN); PostgreSQL plans its own way on tiny tables.
pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize("query", ["smi", "DN-0001", "1980-05", "1980", "smith an"])
def test_search_uses_indexes(app_context: AppContext, query: str) -> None:
    stmt = search_statement(query)
    compiled = stmt.compile(app_context.db.engine, compile_kwargs={"literal_binds": True})
    with app_context.db.read() as s:
        plan = [row[-1] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    text = " | ".join(plan)
    assert "USING INDEX" in text or "USING COVERING INDEX" in text, text
    assert not any(line.startswith("SCAN patients") for line in plan), text
    # The whole list's index is for the whole list: a one-letter search over 100,000 patients
    # that went through it took several times as long (see repositories/patients.py).
    assert "ix_patients_active_list" not in text, text


def test_the_whole_list_is_read_from_the_covering_index(app_context: AppContext) -> None:
    stmt = search_statement("")
    compiled = stmt.compile(app_context.db.engine, compile_kwargs={"literal_binds": True})
    with app_context.db.read() as s:
        plan = [row[-1] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    # every active patient is listed, in list order: the partial index of active patients is read
    # in order (no sorting), and the table itself is never visited
    assert plan == ["SCAN patients USING COVERING INDEX ix_patients_active_list"], plan
