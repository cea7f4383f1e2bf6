"""Charting: neurological exams, needling sessions (targets, stimulation, adverse events,
addenda), outcome scores, and the autosave drafts table.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dnclinic.model.base import UTCDateTime

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(length=80), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('saved_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_drafts_patient_id_patients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('owner', 'patient_id', 'kind', 'target_id', name='key')
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_patient_id'), ['patient_id'], unique=False)

    op.create_table('needling_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=True),
    sa.Column('practitioner_id', sa.Integer(), nullable=False),
    sa.Column('session_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('consent_confirmed', sa.Boolean(), nullable=False),
    sa.Column('pain_before', sa.Integer(), nullable=True),
    sa.Column('pain_after', sa.Integer(), nullable=True),
    sa.Column('subjective', sa.Text(), nullable=False),
    sa.Column('objective', sa.Text(), nullable=False),
    sa.Column('assessment', sa.Text(), nullable=False),
    sa.Column('plan', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('billing_code', sa.String(length=10), nullable=True),
    sa.Column('signed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('signed_by', sa.String(length=80), nullable=True),
    sa.Column('content_digest', sa.String(length=64), nullable=True),
    sa.Column('entered_in_error_reason', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'signed', 'entered_in_error')", name=op.f('ck_needling_sessions_status')),
    sa.CheckConstraint('pain_after IS NULL OR pain_after BETWEEN 0 AND 10', name=op.f('ck_needling_sessions_pain_after')),
    sa.CheckConstraint('pain_before IS NULL OR pain_before BETWEEN 0 AND 10', name=op.f('ck_needling_sessions_pain_before')),
    sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], name=op.f('fk_needling_sessions_episode_id_episodes')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_needling_sessions_patient_id_patients')),
    sa.ForeignKeyConstraint(['practitioner_id'], ['practitioners.id'], name=op.f('fk_needling_sessions_practitioner_id_practitioners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needling_sessions'))
    )
    with op.batch_alter_table('needling_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_needling_sessions_patient_at', ['patient_id', 'session_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_needling_sessions_practitioner_id'), ['practitioner_id'], unique=False)

    op.create_table('neuro_exams',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=True),
    sa.Column('examined_on', sa.Date(), nullable=False),
    sa.Column('examiner_id', sa.Integer(), nullable=True),
    sa.Column('examiner', sa.String(length=80), nullable=False),
    sa.Column('umn', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('implicated', sa.JSON(), nullable=False),
    sa.Column('umn_positive', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('entered_in_error_reason', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('valid', 'entered_in_error')", name=op.f('ck_neuro_exams_status')),
    sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], name=op.f('fk_neuro_exams_episode_id_episodes')),
    sa.ForeignKeyConstraint(['examiner_id'], ['practitioners.id'], name=op.f('fk_neuro_exams_examiner_id_practitioners')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_neuro_exams_patient_id_patients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_neuro_exams'))
    )
    with op.batch_alter_table('neuro_exams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_neuro_exams_patient_id'), ['patient_id'], unique=False)

    op.create_table('outcome_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=True),
    sa.Column('instrument', sa.String(length=10), nullable=False),
    sa.Column('scored_on', sa.Date(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('band', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('entered_in_error_reason', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('valid', 'entered_in_error')", name=op.f('ck_outcome_scores_status')),
    sa.ForeignKeyConstraint(['episode_id'], ['episodes.id'], name=op.f('fk_outcome_scores_episode_id_episodes')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_outcome_scores_patient_id_patients')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_scores'))
    )
    with op.batch_alter_table('outcome_scores', schema=None) as batch_op:
        batch_op.create_index('ix_outcome_scores_patient_instrument', ['patient_id', 'instrument', 'scored_on'], unique=False)

    op.create_table('addenda',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('author_practitioner_id', sa.Integer(), nullable=True),
    sa.Column('written_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=80), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=80), nullable=False),
    sa.ForeignKeyConstraint(['author_practitioner_id'], ['practitioners.id'], name=op.f('fk_addenda_author_practitioner_id_practitioners')),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_addenda_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_addenda'))
    )
    with op.batch_alter_table('addenda', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_addenda_session_id'), ['session_id'], unique=False)

    op.create_table('adverse_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('patient_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('event_type', sa.String(length=30), nullable=False),
    sa.Column('severity', sa.String(length=12), nullable=False),
    sa.Column('onset', sa.String(length=20), nullable=False),
    sa.Column('action_taken', sa.Text(), nullable=False),
    sa.Column('reported_to_regulator_on', sa.Date(), nullable=True),
    sa.CheckConstraint("severity IN ('mild', 'significant', 'serious')", name=op.f('ck_adverse_events_severity')),
    sa.ForeignKeyConstraint(['patient_id'], ['patients.id'], name=op.f('fk_adverse_events_patient_id_patients')),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_adverse_events_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adverse_events'))
    )
    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adverse_events_patient_id'), ['patient_id'], unique=False)
        batch_op.create_index('ix_adverse_events_session_revision', ['session_id', 'revision'], unique=False)

    op.create_table('needle_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('muscle', sa.String(length=60), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('spinal_level', sa.String(length=6), nullable=True),
    sa.Column('approach', sa.String(length=12), nullable=False),
    sa.Column('needles', sa.Integer(), nullable=False),
    sa.Column('gauge_mm', sa.Float(), nullable=True),
    sa.Column('length_mm', sa.Float(), nullable=True),
    sa.Column('depth_mm', sa.Float(), nullable=True),
    sa.Column('technique', sa.String(length=12), nullable=False),
    sa.Column('twitch_responses', sa.Integer(), nullable=False),
    sa.Column('ultrasound_guided', sa.Boolean(), nullable=False),
    sa.Column('retention_min', sa.Float(), nullable=True),
    sa.CheckConstraint("approach IN ('segmental', 'peripheral')", name=op.f('ck_needle_targets_approach')),
    sa.CheckConstraint("technique IN ('static', 'pistoning', 'rotation')", name=op.f('ck_needle_targets_technique')),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_needle_targets_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needle_targets'))
    )
    with op.batch_alter_table('needle_targets', schema=None) as batch_op:
        batch_op.create_index('ix_needle_targets_session_revision', ['session_id', 'revision'], unique=False)

    op.create_table('neuro_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exam_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=10), nullable=False),
    sa.Column('modality', sa.String(length=12), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('side', sa.String(length=5), nullable=False),
    sa.Column('grade', sa.String(length=3), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("domain IN ('dermatome', 'myotome', 'reflex')", name=op.f('ck_neuro_findings_domain')),
    sa.CheckConstraint("side IN ('left', 'right')", name=op.f('ck_neuro_findings_side')),
    sa.ForeignKeyConstraint(['exam_id'], ['neuro_exams.id'], name=op.f('fk_neuro_findings_exam_id_neuro_exams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_neuro_findings'))
    )
    with op.batch_alter_table('neuro_findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_neuro_findings_exam_id'), ['exam_id'], unique=False)

    op.create_table('stimulation_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('frequency_hz', sa.Float(), nullable=False),
    sa.Column('pulse_width_us', sa.Float(), nullable=False),
    sa.Column('intensity_ma', sa.Float(), nullable=False),
    sa.Column('waveform', sa.String(length=20), nullable=False),
    sa.Column('duration_min', sa.Float(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['needling_sessions.id'], name=op.f('fk_stimulation_settings_session_id_needling_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stimulation_settings'))
    )
    with op.batch_alter_table('stimulation_settings', schema=None) as batch_op:
        batch_op.create_index('ix_stimulation_settings_session_revision', ['session_id', 'revision'], unique=False)

    op.create_table('electrode_pairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('setting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('a_region', sa.String(length=20), nullable=False),
    sa.Column('a_side', sa.String(length=10), nullable=False),
    sa.Column('b_region', sa.String(length=20), nullable=False),
    sa.Column('b_side', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['setting_id'], ['stimulation_settings.id'], name=op.f('fk_electrode_pairs_setting_id_stimulation_settings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_electrode_pairs'))
    )
    with op.batch_alter_table('electrode_pairs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_electrode_pairs_setting_id'), ['setting_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('electrode_pairs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_electrode_pairs_setting_id'))

    op.drop_table('electrode_pairs')
    with op.batch_alter_table('stimulation_settings', schema=None) as batch_op:
        batch_op.drop_index('ix_stimulation_settings_session_revision')

    op.drop_table('stimulation_settings')
    with op.batch_alter_table('neuro_findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_neuro_findings_exam_id'))

    op.drop_table('neuro_findings')
    with op.batch_alter_table('needle_targets', schema=None) as batch_op:
        batch_op.drop_index('ix_needle_targets_session_revision')

    op.drop_table('needle_targets')
    with op.batch_alter_table('adverse_events', schema=None) as batch_op:
        batch_op.drop_index('ix_adverse_events_session_revision')
        batch_op.drop_index(batch_op.f('ix_adverse_events_patient_id'))

    op.drop_table('adverse_events')
    with op.batch_alter_table('addenda', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_addenda_session_id'))

    op.drop_table('addenda')
    with op.batch_alter_table('outcome_scores', schema=None) as batch_op:
        batch_op.drop_index('ix_outcome_scores_patient_instrument')

    op.drop_table('outcome_scores')
    with op.batch_alter_table('neuro_exams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_neuro_exams_patient_id'))

    op.drop_table('neuro_exams')
    with op.batch_alter_table('needling_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needling_sessions_practitioner_id'))
        batch_op.drop_index('ix_needling_sessions_patient_at')

    op.drop_table('needling_sessions')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_patient_id'))

    op.drop_table('drafts')
