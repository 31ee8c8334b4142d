"""Reads: articles, categories, tags and authors, for views, forms and widgets.

Article queries are shaped for the indexes in :mod:`.models`.

Listings count and select one page of ids from an index that covers the
visibility test and the order (the articles' own for the whole site, the
category entries' for a category, the tag links' for a tag), then load
those rows with their categories: a deep page costs an index walk, not a
table scan.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from math import ceil
from typing import Sequence

from sqlalchemy import Select, exists, func, select, tuple_
from sqlalchemy.orm import defer, selectinload

from cms.plugin import User, db, make_slug, utcnow

from .models import PUBLIC_STATUSES, Article, Category, Status, Tag, article_category, article_tag, category_entry

NEWEST = (Article.publish_at.desc(), Article.id.desc())


class PageOutOfRange(LookupError):
    """A page number past the last page (or below the first)."""


@dataclass
class ArticlePage:
    items: list[Article]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def window(self, radius: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last, and those near this one;
        ``None`` marks a gap."""
        wanted = {1, self.pages, *range(self.number - radius, self.number + radius + 1)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.pages)
        shown: list[int | None] = []
        for n in numbers:
            if shown and n - shown[-1] > 1:
                shown.append(None)
            shown.append(n)
        return shown


@dataclass(frozen=True)
class Neighbour:
    slug: str
    title: str


ENTRY = category_entry.c


def _in_category(category_id: int):
    """Filed under the category or one below it (through the entries)."""
    return exists().where(ENTRY.article_id == Article.id, ENTRY.category_id == category_id)


def _visible_in(table, chosen, now: datetime) -> tuple:
    """Rows of an index table (category entries, tag links) that are
    ``chosen`` and visible now."""
    return chosen, table.c.status.in_(PUBLIC_STATUSES), table.c.publish_at <= now


def _card_options(with_body: bool) -> list:
    """Categories loaded in one more query; the body (up to 1 MB) only when
    it is shown."""
    options = [selectinload(Article.categories)]
    if not with_body:
        options.append(defer(Article.body))
    return options


def load_articles(ids: Sequence[int], *options) -> list[Article]:
    """The articles with these ids, in this order, as listings show them."""
    if not ids:
        return []
    query = select(Article).where(Article.id.in_(ids)).options(*_card_options(False), *options)
    rows = db.session.scalars(query).all()
    by_id = {a.id: a for a in rows}
    return [by_id[i] for i in ids if i in by_id]


def listing(number: int, per_page: int, now: datetime | None = None) -> ArticlePage:
    """One page of the site's visible articles, featured first, then newest.

    Raises :class:`PageOutOfRange` for a page past the end; page 1 of an
    empty listing is a valid, empty page.
    """
    where = Article.visible_clause(now or utcnow())
    return _paged(select(func.count()).select_from(Article).where(where), select(Article.id).where(where),
                  (Article.featured, Article.publish_at, Article.id), number, per_page)


def category_listing(category_id: int, number: int, per_page: int, now: datetime | None = None) -> ArticlePage:
    """Like :func:`listing`, for a category and its subcategories."""
    return _listing_from(category_entry, category_entry.c.category_id == category_id, number, per_page, now)


def tag_listing(tag_id: int, number: int, per_page: int, now: datetime | None = None) -> ArticlePage:
    """Like :func:`listing`, for one tag."""
    return _listing_from(article_tag, article_tag.c.tag_id == tag_id, number, per_page, now)


def _listing_from(table, chosen, number: int, per_page: int, now: datetime | None) -> ArticlePage:
    where = _visible_in(table, chosen, now or utcnow())
    return _paged(select(func.count()).select_from(table).where(*where), select(table.c.article_id).where(*where),
                  (table.c.featured, table.c.publish_at, table.c.article_id), number, per_page)


def _paged(count: Select, ids: Select, newest_first: Sequence, number: int, per_page: int, *options) -> ArticlePage:
    """Count, check the page number, then read one page of ids from the
    index ordered by ``newest_first`` (descending) and load those rows.

    Pages in the second half are read walking the index from its other
    end, so the last page costs no more than the middle one.
    """
    page = ArticlePage([], number, per_page, db.session.scalar(count))
    if number < 1 or number > page.pages:
        raise PageOutOfRange(number)
    skipped = (number - 1) * per_page
    if skipped <= page.total // 2:
        query = ids.order_by(*(c.desc() for c in newest_first)).limit(per_page).offset(skipped)
        chosen = list(db.session.scalars(query))
    else:
        size = min(per_page, page.total - skipped)
        query = ids.order_by(*(c.asc() for c in newest_first)).limit(size).offset(page.total - skipped - size)
        chosen = list(db.session.scalars(query))[::-1]
    page.items = load_articles(chosen, *options)
    return page


def latest(limit: int, *, category_id: int | None = None, exclude_id: int | None = None,
           with_body: bool = False, now: datetime | None = None) -> list[Article]:
    """The newest visible articles (feeds, widgets, related articles); for a
    category, read from its entries in the order of their timeline index."""
    now = now or utcnow()
    if category_id is None:
        query = select(Article).where(Article.visible_clause(now)).order_by(*NEWEST)
    else:
        query = (select(Article).join(category_entry, ENTRY.article_id == Article.id)
                 .where(*_visible_in(category_entry, ENTRY.category_id == category_id, now))
                 .order_by(ENTRY.publish_at.desc(), ENTRY.article_id.desc()))
    if exclude_id is not None:
        query = query.where(Article.id != exclude_id)
    return list(db.session.scalars(query.limit(limit).options(*_card_options(with_body))))


def by_slug(slug: str) -> Article | None:
    """One article in any state, with what its page shows loaded."""
    return db.session.scalar(
        select(Article).where(Article.slug == slug)
        .options(selectinload(Article.categories), selectinload(Article.tags)))


def tag_by_slug(slug: str) -> Tag | None:
    return db.session.scalar(select(Tag).where(Tag.slug == slug))


def by_slugs(slugs: Sequence[str], now: datetime | None = None) -> dict[str, Article]:
    """The visible articles among these slugs, by slug."""
    if not slugs:
        return {}
    rows = db.session.scalars(
        select(Article).where(Article.slug.in_(list(slugs)), Article.visible_clause(now)).options(defer(Article.body)))
    return {a.slug: a for a in rows}


def neighbours(article: Article, now: datetime | None = None) -> tuple[Neighbour | None, Neighbour | None]:
    """Title and slug of the visible articles just older and just newer.

    Written as row-value comparisons with a single upper bound each, so
    that SQLite and PostgreSQL walk the timeline index from the article's
    position instead of scanning from now.
    """
    if article.publish_at is None:
        return None, None
    now = now or utcnow()
    public = Article.status.in_(PUBLIC_STATUSES)
    position = tuple_(Article.publish_at, Article.id)
    here = tuple_(article.publish_at, article.id)
    before = position < here if article.publish_at <= now else Article.publish_at <= now
    columns = (Article.slug, Article.title)
    older = db.session.execute(select(*columns).where(public, before).order_by(*NEWEST).limit(1)).first()
    newer = db.session.execute(
        select(*columns).where(public, position > here, Article.publish_at <= now)
        .order_by(Article.publish_at.asc(), Article.id.asc()).limit(1)).first()
    return (Neighbour(*older) if older else None), (Neighbour(*newer) if newer else None)


def sitemap_rows(limit: int) -> list:
    """Slug and last change of the newest visible articles."""
    return db.session.execute(
        select(Article.slug, Article.updated_at).where(Article.visible_clause()).order_by(*NEWEST).limit(limit)).all()


def slug_taken(slug: str, exclude_id: int | None = None) -> bool:
    """Whether another article than ``exclude_id`` uses ``slug``."""
    query = select(Article.id).where(Article.slug == slug)
    if exclude_id is not None:
        query = query.where(Article.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def category_slug_taken(slug: str, exclude_id: int | None = None) -> bool:
    """Whether another category than ``exclude_id`` uses ``slug``."""
    query = select(Category.id).where(Category.slug == slug)
    if exclude_id is not None:
        query = query.where(Category.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def article_counts() -> dict[int, int]:
    """How many articles (in any state) each category holds directly."""
    rows = db.session.execute(
        select(article_category.c.category_id, func.count()).group_by(article_category.c.category_id))
    return {category_id: count for category_id, count in rows}


def search_key(text: str) -> str:
    """Lowercase ASCII words without tone marks: ``tan chau`` finds ``Tân Châu``."""
    return make_slug(text, max_length=0).replace("-", " ")


@dataclass
class AdminFilters:
    """What the admin's article list is narrowed to (all optional)."""

    status: str = ""
    category_id: int | None = None
    author_id: int | None = None
    text: str = ""


def _status_condition(status: str, now: datetime):
    if status == Status.DRAFT.value:
        return Article.status == Status.DRAFT.value
    if status == Status.PUBLISHED.value:
        return Article.visible_clause(now)
    return (Article.status != Status.DRAFT.value) & (Article.publish_at > now)


def admin_listing(filters: AdminFilters, number: int, per_page: int, now: datetime | None = None) -> ArticlePage:
    """Articles in any state, newest first, for the admin list."""
    now = now or utcnow()
    conditions = []
    if filters.status in {s.value for s in Status}:
        conditions.append(_status_condition(filters.status, now))
    if filters.category_id is not None:
        conditions.append(_in_category(filters.category_id))
    if filters.author_id is not None:
        conditions.append(Article.author_id == filters.author_id)
    key = search_key(filters.text)
    if key:
        conditions.append(Article.search_text.contains(key, autoescape=True))
    return _paged(select(func.count()).select_from(Article).where(*conditions), select(Article.id).where(*conditions),
                  (Article.id,), number, per_page, selectinload(Article.author))


def by_ids(ids: Sequence[int]) -> list[Article]:
    """Articles for a bulk action, newest first."""
    if not ids:
        return []
    return list(db.session.scalars(select(Article).where(Article.id.in_(list(ids))).order_by(Article.id.desc())))


def authors() -> list[User]:
    """Every account, for the admin list's author filter."""
    return list(db.session.scalars(select(User).order_by(User.username)))
