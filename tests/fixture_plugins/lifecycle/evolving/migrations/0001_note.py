"""Notes table.

Revision ID: evolving_0001
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "evolving_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("evolving_note", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("evolving_note")
