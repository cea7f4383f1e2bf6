"""The Core projections of the start-up path name real columns of the one schema, typed alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dnclinic.model import core_tables, entities  # noqa: F401  (entities registers every table)
from dnclinic.model.base import Base

if TYPE_CHECKING:
    from sqlalchemy import TableClause

PROJECTIONS = [
    core_tables.audit_log,
    core_tables.users,
    core_tables.practitioners,
    core_tables.clinics,
    core_tables.patients,
]


@pytest.mark.parametrize("projection", PROJECTIONS, ids=lambda t: t.name)
def test_every_projected_column_is_in_the_schema_with_its_type(projection: TableClause) -> None:
    real = Base.metadata.tables[projection.name]
    for col in projection.columns:
        assert col.name in real.columns, f"{projection.name}.{col.name} is not in the schema"
        ours, theirs = type(col.type), type(real.columns[col.name].type)
        assert issubclass(theirs, ours) or issubclass(ours, theirs), (
            f"{projection.name}.{col.name}: {ours.__name__} here, {theirs.__name__} in the schema"
        )


def test_the_audit_projection_covers_every_column_an_entry_is_written_with() -> None:
    real = Base.metadata.tables["audit_log"]
    assert {c.name for c in core_tables.audit_log.columns} == {c.name for c in real.columns}
