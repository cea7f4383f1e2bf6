"""Alembic environment. dnclinic always runs migrations in-process with its own connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import context

from dnclinic.model import entities  # noqa: F401  (registers every table on the metadata)
from dnclinic.model.base import Base

if TYPE_CHECKING:
    from sqlalchemy import Connection

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        compare_type=True,
        user_module_prefix="",  # render UTCDateTime() bare; the template imports it
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "dnclinic migrations run through dnclinic.model.migrate, not the alembic CLI"
    )
_run(connection)
