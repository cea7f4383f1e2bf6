"""Copy a clinic, table by table, from one database into another empty one (issue 11).

Used by ``dnclinic migrate-to-server`` to move a SQLite clinic onto a PostgreSQL server. The
tables are copied in foreign-key order with their ids, in one transaction on the target (all
or nothing), from one read snapshot of the source; the target's id sequences are then moved past
the copied ids. Checking the copy is the caller's (see the server-transfer service).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, insert, select

from dnclinic.errors import ServiceError
from dnclinic.model import entities  # noqa: F401  (registers every table)
from dnclinic.model.db import sync_id_sequences
from dnclinic.model.migrate import ensure_schema
from dnclinic.model.transfer import tables_in_order

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

BATCH = 2000


class TargetNotEmptyError(ServiceError):
    """The target database already holds data (or tables that are not a clinic's)."""


def row_counts(conn: Connection) -> dict[str, int]:
    """Count the rows of every clinic table."""
    return {
        t.name: int(conn.scalar(select(func.count()).select_from(t)) or 0)
        for t in tables_in_order()
    }


def prepare_empty_target(target: Engine) -> None:
    """Make sure ``target`` is empty and at this version's schema (creating it if need be).

    Raises:
        TargetNotEmptyError: it holds rows in a clinic table.
        dnclinic.model.migrate.SchemaError: it holds other tables, is newer, or this account
            may not create the schema.
    """
    ensure_schema(target)
    with target.connect() as conn:
        filled = {name: n for name, n in row_counts(conn).items() if n}
    if filled:
        listed = ", ".join(f"{name} ({n} rows)" for name, n in sorted(filled.items()))
        raise TargetNotEmptyError(
            f"The server database is not empty ({listed}): a clinic is only copied into an "
            "empty database, so that nothing there is overwritten or mixed up. Create a new "
            "database for it (see docs/SERVER.md); nothing was changed."
        )


def copy_tables(source: Connection, target: Engine) -> dict[str, int]:
    """Copy every clinic table's rows, ids included; return how many rows each had.

    ``source`` should be inside one transaction, so that the rows and counts are one snapshot.
    The target is written in one transaction: on any error nothing of the copy remains.
    """
    copied: dict[str, int] = {}
    with target.begin() as out:
        for table in tables_in_order():
            rows = source.execution_options(stream_results=True).execute(
                select(table).order_by(*table.primary_key.columns)
            )
            total = 0
            for batch in rows.partitions(BATCH):
                out.execute(insert(table), [dict(r._mapping) for r in batch])
                total += len(batch)
            copied[table.name] = total
        sync_id_sequences(out, tables_in_order())
    return copied
