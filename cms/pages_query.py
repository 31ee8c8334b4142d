"""Queries over the page tree, kept next to nothing else so views stay thin."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from .extensions import db
from .models import Page


@dataclass
class MenuNode:
    title: str
    path: str
    children: list["MenuNode"] = field(default_factory=list)

    @property
    def url(self) -> str:
        return "/" + self.path


def menu_tree() -> list[MenuNode]:
    """The visible, in-menu pages as a tree, in one query."""
    rows = db.session.execute(
        select(Page.id, Page.parent_id, Page.title, Page.path, Page.is_home)
        .where(Page.show_in_menu.is_(True), Page.visible_clause())
        .order_by(Page.position, Page.title)
    ).all()
    nodes = {row.id: MenuNode(row.title, "" if row.is_home else row.path) for row in rows}
    roots: list[MenuNode] = []
    for row in rows:
        parent = nodes.get(row.parent_id) if row.parent_id else None
        if row.parent_id is None:
            roots.append(nodes[row.id])
        elif parent is not None:
            parent.children.append(nodes[row.id])
    return roots


def visible_page_by_path(path: str) -> Page | None:
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
