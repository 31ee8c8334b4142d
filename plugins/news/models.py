"""The news plugin's tables: articles, their hierarchical categories and tags.

A cover image belongs to one article, so its file stem, size and texts are
columns of the article: the listing needs no join to show thumbnails.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.plugin import User, db, utcnow

from . import images


class Status(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SCHEDULED = "scheduled"


#: The statuses shown to readers once ``publish_at`` has come.
PUBLIC_STATUSES = (Status.PUBLISHED.value, Status.SCHEDULED.value)


article_category = Table(
    "news_article_category",
    db.metadata,
    Column("article_id", ForeignKey("news_article.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("news_category.id", ondelete="RESTRICT"), primary_key=True),
    Index("ix_news_article_category_category", "category_id", "article_id"),
)

# Tag links carry copies of the article's listing keys, like category
# entries below, so that a tag's page is one range of one index.
article_tag = Table(
    "news_article_tag",
    db.metadata,
    Column("article_id", ForeignKey("news_article.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("news_tag.id", ondelete="CASCADE"), primary_key=True),
    Column("featured", Boolean, nullable=False, default=False),
    Column("publish_at", DateTime),
    Column("status", String(16), nullable=False, default=Status.DRAFT.value),
    Index("ix_news_article_tag_listing", "tag_id", "featured", "publish_at", "article_id", "status"),
)

# An article under each of its categories and every ancestor of them, with
# copies of the keys listings filter and sort on: any category's page, count,
# feed or related articles is then one range of one index, subcategories
# included. Kept in step by :mod:`.listing_index` (listening from the
# plugin's ``startup`` hook).
category_entry = Table(
    "news_category_entry",
    db.metadata,
    Column("article_id", ForeignKey("news_article.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("news_category.id", ondelete="CASCADE"), primary_key=True),
    Column("featured", Boolean, nullable=False),
    Column("publish_at", DateTime),
    Column("status", String(16), nullable=False),
    Index("ix_news_category_entry_listing", "category_id", "featured", "publish_at", "article_id", "status"),
    Index("ix_news_category_entry_timeline", "category_id", "publish_at", "article_id", "status"),
)


class Category(db.Model):
    """A node of the category tree; an article may sit in several."""

    __tablename__ = "news_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("news_category.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(150))
    slug: Mapped[str] = mapped_column(String(150), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    articles: Mapped[list["Article"]] = relationship(
        secondary=article_category, back_populates="categories", viewonly=True)


class Tag(db.Model):
    __tablename__ = "news_tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    slug: Mapped[str] = mapped_column(String(80), unique=True)


@dataclass(frozen=True)
class Cover:
    """The cover image of an article as templates need it."""

    stem: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str

    def sources(self) -> list[tuple[str, int]]:
        """``(filename, width)`` of every stored derivative, smallest first."""
        return [(images.filename(self.stem, w), w) for w in images.widths_for(self.width)]

    def file(self, at_least: int) -> str:
        """The smallest derivative at least ``at_least`` pixels wide (else the largest)."""
        sources = self.sources()
        return next((name for name, w in sources if w >= at_least), sources[-1][0])

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width)) if self.width else 0


class Article(db.Model):
    """A news article. Visible when published, or scheduled and its time
    has come: the check is in the query, so no job has to flip a flag."""

    __tablename__ = "news_article"
    __table_args__ = (
        # Public listing: featured first, newest first; status is in the
        # index so the visibility test needs no table lookup.
        Index("ix_news_article_listing", "featured", "publish_at", "id", "status"),
        # Newest first without the featured split: feeds, widgets, prev/next.
        Index("ix_news_article_timeline", "publish_at", "id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(16), default=Status.DRAFT.value)
    publish_at: Mapped[datetime | None]
    featured: Mapped[bool] = mapped_column(default=False)
    cover_stem: Mapped[str | None] = mapped_column(String(64))
    cover_width: Mapped[int] = mapped_column(default=0)
    cover_height: Mapped[int] = mapped_column(default=0)
    cover_alt: Mapped[str] = mapped_column(String(300), default="")
    cover_caption: Mapped[str] = mapped_column(String(500), default="")
    cover_credit: Mapped[str] = mapped_column(String(200), default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    categories: Mapped[list[Category]] = relationship(
        secondary=article_category, order_by=(Category.position, Category.name))
    tags: Mapped[list[Tag]] = relationship(secondary=article_tag, order_by=Tag.name)
    author: Mapped[User | None] = relationship()

    @property
    def cover(self) -> Cover | None:
        if not self.cover_stem:
            return None
        return Cover(self.cover_stem, self.cover_width, self.cover_height,
                     self.cover_alt, self.cover_caption, self.cover_credit)

    @property
    def primary_category(self) -> Category | None:
        return self.categories[0] if self.categories else None

    def is_visible(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.status != Status.DRAFT.value and self.publish_at is not None and self.publish_at <= now

    def effective_status(self, now: datetime | None = None) -> Status:
        """What a reader sees: a scheduled article whose time has come is published."""
        if self.status == Status.DRAFT.value:
            return Status.DRAFT
        return Status.PUBLISHED if self.is_visible(now) else Status.SCHEDULED

    @staticmethod
    def visible_clause(now: datetime | None = None):
        """The SQL form of :meth:`is_visible`."""
        now = now or utcnow()
        return Article.status.in_(PUBLIC_STATUSES) & (Article.publish_at <= now)
