"""Articles, hierarchical categories, tags, and the keys their listings read.

Revision ID: 4969c5284a3b
Revises:
Create Date: 2026-11-28 03:25:08
"""
import sqlalchemy as sa
from alembic import op

revision = "4969c5284a3b"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "news_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("slug", sa.String(length=150), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["news_category.id"],
                                name=op.f("fk_news_category_parent_id_news_category"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_category")),
        sa.UniqueConstraint("slug", name=op.f("uq_news_category_slug")),
    )
    op.create_index(op.f("ix_news_category_parent_id"), "news_category", ["parent_id"], unique=False)

    op.create_table(
        "news_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_tag")),
        sa.UniqueConstraint("slug", name=op.f("uq_news_tag_slug")),
    )

    op.create_table(
        "news_article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("byline", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("publish_at", sa.DateTime(), nullable=True),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("cover_stem", sa.String(length=64), nullable=True),
        sa.Column("cover_width", sa.Integer(), nullable=False),
        sa.Column("cover_height", sa.Integer(), nullable=False),
        sa.Column("cover_alt", sa.String(length=300), nullable=False),
        sa.Column("cover_caption", sa.String(length=500), nullable=False),
        sa.Column("cover_credit", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_news_article_author_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_article")),
        sa.UniqueConstraint("slug", name=op.f("uq_news_article_slug")),
    )
    op.create_index(op.f("ix_news_article_author_id"), "news_article", ["author_id"], unique=False)
    # The public listing (featured first, newest first) and the timeline
    # (feeds, widgets, previous/next); status is in both so that the
    # visibility test is answered from the index.
    op.create_index("ix_news_article_listing", "news_article", ["featured", "publish_at", "id", "status"], unique=False)
    op.create_index("ix_news_article_timeline", "news_article", ["publish_at", "id", "status"], unique=False)

    op.create_table(
        "news_article_category",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["news_article.id"],
                                name=op.f("fk_news_article_category_article_id_news_article"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["category_id"], ["news_category.id"],
                                name=op.f("fk_news_article_category_category_id_news_category"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("article_id", "category_id", name=op.f("pk_news_article_category")),
    )
    op.create_index("ix_news_article_category_category", "news_article_category", ["category_id", "article_id"],
                    unique=False)

    # Tag links carry the article's listing keys (kept in step by the plugin).
    op.create_table(
        "news_article_tag",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("publish_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["news_article.id"],
                                name=op.f("fk_news_article_tag_article_id_news_article"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["news_tag.id"], name=op.f("fk_news_article_tag_tag_id_news_tag"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "tag_id", name=op.f("pk_news_article_tag")),
    )
    op.create_index("ix_news_article_tag_listing", "news_article_tag",
                    ["tag_id", "featured", "publish_at", "article_id", "status"], unique=False)

    # An article under each of its categories and their ancestors, with the
    # keys listings filter and sort on (kept in step by the plugin).
    op.create_table(
        "news_category_entry",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("featured", sa.Boolean(), nullable=False),
        sa.Column("publish_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["news_article.id"],
                                name=op.f("fk_news_category_entry_article_id_news_article"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["category_id"], ["news_category.id"],
                                name=op.f("fk_news_category_entry_category_id_news_category"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "category_id", name=op.f("pk_news_category_entry")),
    )
    op.create_index("ix_news_category_entry_listing", "news_category_entry",
                    ["category_id", "featured", "publish_at", "article_id", "status"], unique=False)
    op.create_index("ix_news_category_entry_timeline", "news_category_entry",
                    ["category_id", "publish_at", "article_id", "status"], unique=False)


def downgrade():
    op.drop_index("ix_news_category_entry_timeline", table_name="news_category_entry")
    op.drop_index("ix_news_category_entry_listing", table_name="news_category_entry")
    op.drop_table("news_category_entry")
    op.drop_index("ix_news_article_tag_listing", table_name="news_article_tag")
    op.drop_table("news_article_tag")
    op.drop_index("ix_news_article_category_category", table_name="news_article_category")
    op.drop_table("news_article_category")
    op.drop_index("ix_news_article_timeline", table_name="news_article")
    op.drop_index("ix_news_article_listing", table_name="news_article")
    op.drop_index(op.f("ix_news_article_author_id"), table_name="news_article")
    op.drop_table("news_article")
    op.drop_table("news_tag")
    op.drop_index(op.f("ix_news_category_parent_id"), table_name="news_category")
    op.drop_table("news_category")
