"""Decision wizard (issue 7): recorded decisions and home-loading plans.

Creates only its own two tables, so it can sit after any revision that has patients, episodes,
practitioners and needling sessions (0004 or later).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dnclinic.model.base import UTCDateTime

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=True),
    sa.Column('practitioner_id', sa.Integer(), nullable=True),
    sa.Column('practitioner_name', sa.String(length=160), nullable=False),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('case', sa.JSON(), nullable=False),
    sa.Column('recommendation', sa.JSON(), nullable=False),
    sa.Column('rule_set_version', sa.String(length=20), nullable=False),
    sa.Column('verdict', sa.String(length=30), nullable=False),
    sa.Column('overridden', sa.Boolean(), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('entered_in_error_reason', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('valid', 'entered_in_error')", name=op.f('ck_decisions_status')),
    sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], name=op.f('fk_decisions_episode_id_episodes')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_decisions_patient_id_patients')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioners.id'], name=op.f('fk_decisions_practitioner_id_practitioners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index('ix_decisions_patient_at', ['patient_id', 'decided_at'], unique=False)

    op.create_table('home_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(length=30), nullable=False),
    sa.Column('exercises', sa.JSON(), nullable=False),
    sa.Column('rir_min', sa.Integer(), nullable=False),
    sa.Column('rir_max', sa.Integer(), nullable=False),
    sa.Column('sessions_per_week', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'superseded', 'entered_in_error')", name=op.f('ck_home_plans_status')),
    sa.CheckConstraint('rir_min BETWEEN 0 AND 10 AND rir_max BETWEEN rir_min AND 10', name=op.f('ck_home_plans_rir')),
    sa.CheckConstraint('sessions_per_week BETWEEN 1 AND 14', name=op.f('ck_home_plans_sessions_per_week')),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], name=op.f('fk_home_plans_decision_id_decisions')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_home_plans_patient_id_patients')),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_home_plans_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_home_plans'))
    )
    with op.batch_alter_table('home_plans', schema=None) as batch_op:
        batch_op.create_index('ix_home_plans_patient', ['patient_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('home_plans', schema=None) as batch_op:
        batch_op.drop_index('ix_home_plans_patient')

    op.drop_table('home_plans')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index('ix_decisions_patient_at')

    op.drop_table('decisions')
