"""Type-ahead search is answered from indexes, never by scanning the patients table."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import select

from dnclinic.model.entities import Patient
from dnclinic.model.repositories.patients import _token_condition

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext


@pytest.mark.parametrize("token", ["smi", "DN-0001", "1980-05", "1980"])
def test_search_uses_indexes(app_context: AppContext, token: str) -> None:
    stmt = select(Patient.id).where(_token_condition(token))
    compiled = stmt.compile(app_context.db.engine, compile_kwargs={"literal_binds": True})
    with app_context.db.read() as s:
        plan = [row[-1] for row in s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    text = " | ".join(plan)
    assert "USING INDEX" in text or "USING COVERING INDEX" in text, text
    assert not any(line.startswith("SCAN patients") for line in plan), text
