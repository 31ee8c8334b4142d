"""Greetings table

Revision ID: 1ab44e88717a
Revises:
Create Date: 2026-11-28 03:27:03.652608
"""
from alembic import op
import sqlalchemy as sa


revision = "1ab44e88717a"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "hello_greeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hello_greeting")),
    )


def downgrade():
    op.drop_table("hello_greeting")
