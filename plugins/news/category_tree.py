"""The category tree, read in one query and kept for the request.

Portals have tens of categories, not thousands, so ancestors, descendants
and the indented choice list are computed in Python from one read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import has_request_context, request
from sqlalchemy import select

from cms.plugin import db

from .models import Category

CACHE_KEY = "cms.news.category_tree"


@dataclass
class CategoryTree:
    categories: list[Category]
    by_id: dict[int, Category] = field(init=False)
    children: dict[int | None, list[Category]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {c.id: c for c in self.categories}
        self.children = {}
        for category in sorted(self.categories, key=lambda c: (c.position, c.name.lower())):
            parent = category.parent_id if category.parent_id in self.by_id else None
            self.children.setdefault(parent, []).append(category)

    def by_slug(self, slug: str) -> Category | None:
        return next((c for c in self.categories if c.slug == slug), None)

    def ancestors(self, category: Category) -> list[Category]:
        """Root first, ending with ``category`` itself."""
        chain, seen = [], set()
        node: Category | None = category
        while node is not None and node.id not in seen:
            seen.add(node.id)
            chain.append(node)
            node = self.by_id.get(node.parent_id) if node.parent_id else None
        return chain[::-1]

    def descendant_ids(self, category: Category) -> list[int]:
        """``category`` and everything below it."""
        found, stack = [], [category]
        while stack:
            node = stack.pop()
            found.append(node.id)
            stack.extend(self.children.get(node.id, ()))
        return found

    def flat(self) -> list[tuple[Category, int]]:
        """Every category with its depth, in tree order."""
        rows: list[tuple[Category, int]] = []

        def walk(parent: int | None, depth: int) -> None:
            for child in self.children.get(parent, ()):
                rows.append((child, depth))
                walk(child.id, depth + 1)

        walk(None, 0)
        return rows

    def choices(self) -> list[tuple[int, str]]:
        """For select fields: names indented by depth."""
        return [(c.id, "\u2003" * depth + c.name) for c, depth in self.flat()]


def tree() -> CategoryTree:
    """The tree, read once per request. Kept in the WSGI environ, which
    belongs to one request even where an app context spans several (tests,
    scripts), unlike ``g``."""
    if not has_request_context():
        return CategoryTree(list(db.session.scalars(select(Category))))
    cached = request.environ.get(CACHE_KEY)
    if cached is None:
        cached = request.environ[CACHE_KEY] = CategoryTree(list(db.session.scalars(select(Category))))
    return cached


def forget() -> None:
    """Drop the request's cached tree after categories change."""
    if has_request_context():
        request.environ.pop(CACHE_KEY, None)

