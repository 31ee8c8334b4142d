"""Queries over the page tree, kept in one place so views stay thin.

Every function here costs one query whatever the size of the tree: the
public menu and breadcrumbs run on every page view.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import exists, func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Page, PageRevision


@dataclass
class MenuNode:
    title: str
    path: str
    children: list["MenuNode"] = field(default_factory=list)
    is_home: bool = False

    @property
    def url(self) -> str:
        return "/" + self.path

    def contains(self, path: str) -> bool:
        """Whether the URL path is this node's page or one below it."""
        own = self.url.rstrip("/")
        return path == self.url or (bool(own) and path.startswith(own + "/"))


@dataclass
class TreeRow:
    """A page with its depth, in tree order (for the admin's page tree)."""

    page: Page
    depth: int
    first: bool
    last: bool


def _children_of(pages: Iterable) -> dict[int | None, list]:
    """Group rows by ``parent_id``, keeping the order they came in."""
    grouped: dict[int | None, list] = {}
    for page in pages:
        grouped.setdefault(page.parent_id, []).append(page)
    return grouped


def menu_tree() -> list[MenuNode]:
    """The visible, in-menu pages as a tree, in one query.

    A hidden or unpublished page hides its whole branch, as a reader could
    not reach the children through it anyway.
    """
    rows = db.session.execute(
        select(Page.id, Page.parent_id, Page.title, Page.path, Page.is_home)
        .where(Page.show_in_menu.is_(True), Page.visible_clause())
        .order_by(Page.position, Page.title)
    ).all()
    grouped = _children_of(rows)

    def build(parent_id: int | None) -> list[MenuNode]:
        return [MenuNode(row.title, "" if row.is_home else row.path, build(row.id), row.is_home)
                for row in grouped.get(parent_id, ())]

    return build(None)


def page_tree() -> list[TreeRow]:
    """Every page in tree order with its depth, in one query."""
    pages = db.session.scalars(select(Page).options(selectinload(Page.author)).order_by(Page.position, Page.title)).all()
    grouped = _children_of(pages)
    rows: list[TreeRow] = []

    def walk(parent_id: int | None, depth: int) -> None:
        children = grouped.get(parent_id, [])
        for index, page in enumerate(children):
            rows.append(TreeRow(page, depth, index == 0, index == len(children) - 1))
            walk(page.id, depth + 1)

    walk(None, 0)
    return rows


def page_by_path(path: str) -> Page | None:
    """The page at a URL path, published or not (callers check visibility)."""
    return db.session.scalar(select(Page).where(Page.path == path.strip("/")))


def home_page() -> Page | None:
    return db.session.scalar(select(Page).where(Page.is_home.is_(True)))


def ancestors(page: Page) -> list[Page]:
    """The page's ancestors, root first, in one query (by path prefixes)."""
    parts = page.path.split("/")[:-1]
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    if not prefixes:
        return []
    found = db.session.scalars(select(Page).where(Page.path.in_(prefixes))).all()
    return sorted(found, key=lambda p: len(p.path))


def siblings(parent_id: int | None) -> list[Page]:
    """The pages under one parent, in menu order."""
    return list(db.session.scalars(
        select(Page).where(_parent_is(parent_id)).order_by(Page.position, Page.title, Page.id)
    ))


def slug_taken(parent_id: int | None, slug: str, exclude_id: int | None = None) -> bool:
    query = select(Page.id).where(_parent_is(parent_id), Page.slug == slug)
    if exclude_id is not None:
        query = query.where(Page.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def next_position(parent_id: int | None) -> int:
    """A position after every existing sibling."""
    highest = db.session.scalar(select(func.max(Page.position)).where(_parent_is(parent_id)))
    return 0 if highest is None else highest + 1


def descendants(page: Page) -> list[Page]:
    return list(db.session.scalars(select(Page).where(Page.path.startswith(page.path + "/", autoescape=True))))


def has_children(page: Page) -> bool:
    return bool(db.session.scalar(select(exists().where(Page.parent_id == page.id))))


def revisions_of(page: Page) -> list[PageRevision]:
    return list(db.session.scalars(
        select(PageRevision).where(PageRevision.page_id == page.id)
        .options(selectinload(PageRevision.author)).order_by(PageRevision.id.desc())
    ))


def _parent_is(parent_id: int | None):
    return Page.parent_id.is_(None) if parent_id is None else Page.parent_id == parent_id
