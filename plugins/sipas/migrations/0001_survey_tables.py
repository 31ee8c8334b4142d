"""survey tables: definitions (surveys, versions, elements, questions),
service points, levels and fields, responses, answers, comments, and the
running totals the reports read

Revision ID: 0001_survey_tables
Revises:
"""
from alembic import op
import sqlalchemy as sa


revision = '0001_survey_tables'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sipas_count',
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('grain', sa.SmallInteger(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('survey_id', 'grain', 'period', 'point_id', 'field_id', 'channel', 'version_id', name=op.f('pk_sipas_count')),
    sqlite_with_rowid=False
    )
    op.create_table('sipas_field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_field')),
    sa.UniqueConstraint('code', name=op.f('uq_sipas_field_code'))
    )
    op.create_table('sipas_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_level'))
    )
    op.create_table('sipas_survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('public_results', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_survey')),
    sa.UniqueConstraint('slug', name=op.f('uq_sipas_survey_slug'))
    )
    op.create_table('sipas_tally',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('n0', sa.Integer(), nullable=False),
    sa.Column('n1', sa.Integer(), nullable=False),
    sa.Column('n2', sa.Integer(), nullable=False),
    sa.Column('n3', sa.Integer(), nullable=False),
    sa.Column('n4', sa.Integer(), nullable=False),
    sa.Column('n5', sa.Integer(), nullable=False),
    sa.Column('nb', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('grain', sa.SmallInteger(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('survey_id', 'grain', 'period', 'point_id', 'field_id', 'channel', 'question_id', name=op.f('pk_sipas_tally')),
    sqlite_with_rowid=False
    )
    op.create_table('sipas_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['level_id'], ['sipas_level.id'], name=op.f('fk_sipas_point_level_id_sipas_level'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_point')),
    sa.UniqueConstraint('code', name=op.f('uq_sipas_point_code'))
    )
    with op.batch_alter_table('sipas_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sipas_point_level_id'), ['level_id'], unique=False)

    op.create_table('sipas_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sipas_version_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['survey_id'], ['sipas_survey.id'], name=op.f('fk_sipas_version_survey_id_sipas_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_version')),
    sa.UniqueConstraint('survey_id', 'number', name=op.f('uq_sipas_version_survey_id'))
    )
    op.create_table('sipas_element',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('weight', sa.Float(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['sipas_version.id'], name=op.f('fk_sipas_element_version_id_sipas_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_element')),
    sa.UniqueConstraint('version_id', 'code', name=op.f('uq_sipas_element_version_id'))
    )
    op.create_table('sipas_response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('point_id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('case_hash', sa.String(length=64), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_sipas_response_entered_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['field_id'], ['sipas_field.id'], name=op.f('fk_sipas_response_field_id_sipas_field'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['point_id'], ['sipas_point.id'], name=op.f('fk_sipas_response_point_id_sipas_point'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['survey_id'], ['sipas_survey.id'], name=op.f('fk_sipas_response_survey_id_sipas_survey'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['version_id'], ['sipas_version.id'], name=op.f('fk_sipas_response_version_id_sipas_version'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_response')),
    sa.UniqueConstraint('survey_id', 'case_hash', name=op.f('uq_sipas_response_survey_id'))
    )
    with op.batch_alter_table('sipas_response', schema=None) as batch_op:
        batch_op.create_index('ix_sipas_response_survey_day', ['survey_id', 'answered_on'], unique=False)

    op.create_table('sipas_question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('element_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['element_id'], ['sipas_element.id'], name=op.f('fk_sipas_question_element_id_sipas_element'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['sipas_version.id'], name=op.f('fk_sipas_question_version_id_sipas_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_question')),
    sa.UniqueConstraint('version_id', 'key', name=op.f('uq_sipas_question_version_id'))
    )
    op.create_table('sipas_answer',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['sipas_question.id'], name=op.f('fk_sipas_answer_question_id_sipas_question'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['response_id'], ['sipas_response.id'], name=op.f('fk_sipas_answer_response_id_sipas_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('response_id', 'question_id', name=op.f('pk_sipas_answer')),
    sqlite_with_rowid=False
    )
    op.create_table('sipas_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.Column('moderated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['users.id'], name=op.f('fk_sipas_comment_moderated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['sipas_question.id'], name=op.f('fk_sipas_comment_question_id_sipas_question'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['response_id'], ['sipas_response.id'], name=op.f('fk_sipas_comment_response_id_sipas_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['sipas_survey.id'], name=op.f('fk_sipas_comment_survey_id_sipas_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sipas_comment'))
    )
    with op.batch_alter_table('sipas_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sipas_comment_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sipas_comment_survey_id'), ['survey_id'], unique=False)



def downgrade():
    with op.batch_alter_table('sipas_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sipas_comment_survey_id'))
        batch_op.drop_index(batch_op.f('ix_sipas_comment_response_id'))

    op.drop_table('sipas_comment')
    op.drop_table('sipas_answer')
    op.drop_table('sipas_question')
    with op.batch_alter_table('sipas_response', schema=None) as batch_op:
        batch_op.drop_index('ix_sipas_response_survey_day')

    op.drop_table('sipas_response')
    op.drop_table('sipas_element')
    op.drop_table('sipas_version')
    with op.batch_alter_table('sipas_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sipas_point_level_id'))

    op.drop_table('sipas_point')
    op.drop_table('sipas_tally')
    op.drop_table('sipas_survey')
    op.drop_table('sipas_level')
    op.drop_table('sipas_field')
    op.drop_table('sipas_count')
