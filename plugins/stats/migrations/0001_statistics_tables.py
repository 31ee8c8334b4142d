"""The statistics tables: views per hour, day and page, visitors seen, daily salts.

Revision ID: d853126b230b
Revises:
"""
from alembic import op
import sqlalchemy as sa


revision = 'd853126b230b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stats_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('views', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_stats_day'))
    )
    op.create_table('stats_hour',
    sa.Column('hour', sa.DateTime(), nullable=False),
    sa.Column('views', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('hour', name=op.f('pk_stats_hour'))
    )
    op.create_table('stats_page',
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('views', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('path', name=op.f('pk_stats_page'))
    )
    op.create_table('stats_page_day',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('views', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'path', name=op.f('pk_stats_page_day'))
    )
    op.create_table('stats_salt',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('salt', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_stats_salt'))
    )
    op.create_table('stats_visitor',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('last_seen', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_visitor'))
    )
    with op.batch_alter_table('stats_visitor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stats_visitor_last_seen'), ['last_seen'], unique=False)



def downgrade():
    with op.batch_alter_table('stats_visitor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stats_visitor_last_seen'))

    op.drop_table('stats_visitor')
    op.drop_table('stats_salt')
    op.drop_table('stats_page_day')
    op.drop_table('stats_page')
    op.drop_table('stats_hour')
    op.drop_table('stats_day')
