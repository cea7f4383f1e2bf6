"""Documents: the archive of every PDF produced for a patient (issue 8).

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dnclinic.model.base import UTCDateTime

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('patient_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('printed_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint("kind IN ('session_note', 'home_plan', 'progress_report')", name=op.f('ck_patient_documents_kind')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_patient_documents_sha256')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_patient_documents_patient_id_patients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_patient_documents'))
    )
    with op.batch_alter_table('patient_documents', schema=None) as batch_op:
        batch_op.create_index('ix_patient_documents_patient_kind', ['patient_id', 'kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('patient_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_patient_documents_patient_kind')

    op.drop_table('patient_documents')
