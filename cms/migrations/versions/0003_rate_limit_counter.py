"""rate-limit counters in the database

Rate limits (and failed logins per account) count here when no Redis is
configured, so that every gunicorn worker and node shares one count.

Revision ID: 0003_rate_limit_counter
Revises: 0002_sessions_2fa
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_rate_limit_counter'
down_revision = '0002_sessions_2fa'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_limit_counter',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.Double(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_rate_limit_counter'))
    )
    with op.batch_alter_table('rate_limit_counter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limit_counter_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('rate_limit_counter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_limit_counter_expires_at'))
    op.drop_table('rate_limit_counter')
