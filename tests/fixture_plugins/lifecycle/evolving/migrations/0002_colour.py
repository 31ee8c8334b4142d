"""A colour for each note.

Revision ID: evolving_0002
Revises: evolving_0001
"""
from alembic import op
import sqlalchemy as sa

revision = "evolving_0002"
down_revision = "evolving_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("evolving_note") as batch_op:
        batch_op.add_column(sa.Column("colour", sa.String(20), nullable=True))


def downgrade():
    with op.batch_alter_table("evolving_note") as batch_op:
        batch_op.drop_column("colour")
