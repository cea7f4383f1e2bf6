"""Covering indexes for type-ahead search (list order and status in the index).

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_search_name")
        batch_op.drop_index("ix_patients_search_given")
        batch_op.create_index(
            "ix_patients_search_name", ["search_family", "search_given", "status"], unique=False
        )
        batch_op.create_index(
            "ix_patients_search_given", ["search_given", "search_family", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index("ix_patients_search_given")
        batch_op.drop_index("ix_patients_search_name")
        batch_op.create_index("ix_patients_search_given", ["search_given"], unique=False)
        batch_op.create_index(
            "ix_patients_search_name", ["search_family", "search_given"], unique=False
        )
