"""Clinic server (issue 11): who has a chart open in an editor, on which workstation.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dnclinic.model.base import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chart_presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("patient_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=40), nullable=False),
        sa.Column("host", sa.String(length=120), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("since", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patient_id"], ["patients.id"], name=op.f("fk_chart_presence_patient_id_patients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chart_presence")),
        sa.UniqueConstraint("patient_id", "workstation", name="uq_chart_presence_key"),
    )
    with op.batch_alter_table("chart_presence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chart_presence_patient_id"), ["patient_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("chart_presence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chart_presence_patient_id"))
    op.drop_table("chart_presence")
