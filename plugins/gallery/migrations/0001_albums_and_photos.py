"""Albums and photos.

Revision ID: 7d3b1c34047c
Revises:
Create Date: 2026-11-28 03:24:17
"""
import sqlalchemy as sa
from alembic import op

revision = "7d3b1c34047c"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "gallery_album",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cover_id", sa.Integer(), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gallery_album")),
        sa.UniqueConstraint("slug", name=op.f("uq_gallery_album_slug")),
    )
    with op.batch_alter_table("gallery_album") as batch_op:
        batch_op.create_index("ix_gallery_album_listing", ["published", "position", "event_date"], unique=False)

    op.create_table(
        "gallery_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("album_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=False),
        sa.Column("alt", sa.String(length=300), nullable=False),
        sa.Column("credit", sa.String(length=200), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=True),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("original_key", sa.String(length=255), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.String(length=300), nullable=False),
        sa.Column("renditions", sa.JSON(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["album_id"], ["gallery_album.id"],
                                name=op.f("fk_gallery_photo_album_id_gallery_album"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"],
                                name=op.f("fk_gallery_photo_uploaded_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gallery_photo")),
    )
    with op.batch_alter_table("gallery_photo") as batch_op:
        batch_op.create_index("ix_gallery_photo_album_order", ["album_id", "position", "id"], unique=False)
        batch_op.create_index("ix_gallery_photo_album_checksum", ["album_id", "checksum"], unique=False)


def downgrade():
    op.drop_table("gallery_photo")
    op.drop_table("gallery_album")
