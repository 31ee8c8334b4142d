"""shortcode names declared by plugins

The core remembers each plugin's shortcode names so that, once the plugin is
removed or off, ``[name …]`` left in pages renders as nothing for readers.

Revision ID: 0005_plugin_shortcodes
Revises: 0004_plugin_fault_breaker
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_plugin_shortcodes'
down_revision = '0004_plugin_fault_breaker'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('plugin_shortcodes',
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('plugin', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_plugin_shortcodes'))
    )


def downgrade():
    op.drop_table('plugin_shortcodes')
