"""The patient list in list order, from a partial index of active patients.

The whole list (start-up, an emptied search box) is every active patient ordered by name and
id. The name index holds the status after the names, so SQLite had to sort each run of equal
names by id; on this index, whose rows are all active, the id (the row id) follows the names,
and the list is read in order.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE_ONLY = "status = 'active'"


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.create_index(
            "ix_patients_active_list",
            ["search_family", "search_given"],
            unique=False,
            sqlite_where=sa.text(ACTIVE_ONLY),
            postgresql_where=sa.text(ACTIVE_ONLY),
        )


def downgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_active_list")
