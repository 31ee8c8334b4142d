"""plugin faults shared by every worker, and quarantine

Fault counts and the last fault of each plugin, kept in the database so that
every gunicorn worker and node counts together and a restart remembers; a
plugin with too many faults in a window is quarantined here.

Revision ID: 0004_plugin_fault_breaker
Revises: 0003_rate_limit_counter
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_plugin_fault_breaker'
down_revision = '0003_rate_limit_counter'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plugin_fault',
    sa.Column('plugin', sa.String(length=64), nullable=False),
    sa.Column('recent', sa.Integer(), nullable=False),
    sa.Column('window_ends', sa.Double(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.DateTime(), nullable=True),
    sa.Column('last_where', sa.String(length=200), nullable=False),
    sa.Column('last_type', sa.String(length=200), nullable=False),
    sa.Column('last_message', sa.Text(), nullable=False),
    sa.Column('last_traceback', sa.Text(), nullable=False),
    sa.Column('quarantined_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('plugin', name=op.f('pk_plugin_fault'))
    )


def downgrade():
    op.drop_table('plugin_fault')
