"""Creates a table, then fails: nothing of it may stay behind.

Revision ID: fails_midway_0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "fails_midway_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("fails_midway_item", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO fails_midway_item (id) VALUES (1)")
    raise RuntimeError("broken on purpose half-way")


def downgrade():
    op.drop_table("fails_midway_item")
