"""Practitioners and training: the training ledger (entries, certificates, verifications),
the clinic's jurisdiction rules, regulator report dates of adverse events, the clinic's logo,
and the practitioner's jurisdiction and needling start date.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dnclinic.model.base import UTCDateTime

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('jurisdiction_rules',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('minimum_hours', sa.Numeric(precision=6, scale=1), nullable=True),
    sa.Column('hours_status', sa.String(length=20), nullable=False),
    sa.Column('minimum_in_person_hours', sa.Numeric(precision=6, scale=1), nullable=True),
    sa.Column('minimum_theory_hours', sa.Numeric(precision=6, scale=1), nullable=True),
    sa.Column('minimum_hands_on_hours', sa.Numeric(precision=6, scale=1), nullable=True),
    sa.Column('supervised_sessions', sa.Integer(), nullable=True),
    sa.Column('ae_report_days', sa.Integer(), nullable=True),
    sa.Column('written_consent', sa.Boolean(), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_jurisdiction_rules'))
    )
    op.create_table('training_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=60), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_certificates'))
    )
    op.create_table('training_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('practitioner_id', sa.Integer(), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('course_title', sa.String(length=200), nullable=False),
    sa.Column('provider', sa.String(length=200), nullable=False),
    sa.Column('approving_body', sa.String(length=200), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=False),
    sa.Column('in_person_hours', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('online_hours', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('theory_hours', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('hands_on_hours', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('supervised_sessions', sa.Integer(), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint('in_person_hours >= 0 AND online_hours >= 0 AND theory_hours >= 0 AND hands_on_hours >= 0 AND supervised_sessions >= 0', name=op.f('ck_training_entries_non_negative')),
    sa.ForeignKeyConstraint(['certificate_id'], ['training_certificates.id'], name=op.f('fk_training_entries_certificate_id_training_certificates')),
    sa.ForeignKeyConstraint(['corrects_id'], ['training_entries.id'], name=op.f('fk_training_entries_corrects_id_training_entries')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioners.id'], name=op.f('fk_training_entries_practitioner_id_practitioners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_entries')),
    sa.UniqueConstraint('corrects_id', name=op.f('uq_training_entries_corrects_id'))
    )
    with op.batch_alter_table('training_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_entries_practitioner_id'), ['practitioner_id'], unique=False)

    op.create_table('training_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('verified_by', sa.String(length=80), nullable=False),
    sa.Column('verified_by_name', sa.String(length=200), nullable=False),
    sa.Column('verified_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['training_entries.id'], name=op.f('fk_training_verifications_entry_id_training_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_verifications'))
    )
    with op.batch_alter_table('training_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_verifications_entry_id'), ['entry_id'], unique=False)

    op.create_table('regulator_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('adverse_event_id', sa.Integer(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint('position >= 0', name=op.f('ck_regulator_reports_position')),
    sa.ForeignKeyConstraint(['adverse_event_id'], ['adverse_events.id'], name=op.f('fk_regulator_reports_adverse_event_id_adverse_events')),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_regulator_reports_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regulator_reports'))
    )
    with op.batch_alter_table('regulator_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regulator_reports_session_id'), ['session_id'], unique=False)

    with op.batch_alter_table('clinics', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logo', sa.LargeBinary(), nullable=True))
        # existing clinic rows get no logo
        batch_op.add_column(
            sa.Column('logo_media_type', sa.String(length=40), nullable=False, server_default='')
        )

    with op.batch_alter_table('practitioners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jurisdiction', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('needling_since', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('practitioners', schema=None) as batch_op:
        batch_op.drop_column('needling_since')
        batch_op.drop_column('jurisdiction')

    with op.batch_alter_table('clinics', schema=None) as batch_op:
        batch_op.drop_column('logo_media_type')
        batch_op.drop_column('logo')

    with op.batch_alter_table('regulator_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regulator_reports_session_id'))

    op.drop_table('regulator_reports')
    with op.batch_alter_table('training_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_verifications_entry_id'))

    op.drop_table('training_verifications')
    with op.batch_alter_table('training_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_entries_practitioner_id'))

    op.drop_table('training_entries')
    op.drop_table('training_certificates')
    op.drop_table('jurisdiction_rules')
