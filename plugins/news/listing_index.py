"""Keeping the listing keys in step: ``news_category_entry`` and the key
columns of ``news_article_tag`` (see :mod:`.models`).

After every flush of the app's session, articles that are new or whose
categories changed get their category entries rewritten; the keys
(featured flag, status, publish time) of changed articles are copied to
their entries and tag links; and a category that moved in the tree has the
whole index rebuilt (rare, and a few statements). Deleting an article or a
category removes its entries by cascade.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from sqlalchemy import delete, event, insert, inspect, literal, select, update
from sqlalchemy.engine import Connection

from cms.plugin import db

from .models import Article, Category, article_category, article_tag, category_entry

KEYS = ("featured", "publish_at", "status")


def _ancestry(connection: Connection) -> dict[int, set[int]]:
    """Each category with itself and all its ancestors."""
    parents = dict(connection.execute(select(Category.id, Category.parent_id)).all())
    ancestry: dict[int, set[int]] = {}
    for category_id in parents:
        chain, node = set(), category_id
        while node is not None and node not in chain:
            chain.add(node)
            node = parents.get(node)
        ancestry[category_id] = chain
    return ancestry


def _keys(article: Article) -> dict:
    return {key: getattr(article, key) for key in KEYS}


def rewrite(connection: Connection, articles: Iterable[Article]) -> None:
    """Replace the entries of these articles from their categories."""
    articles = list(articles)
    ancestry = _ancestry(connection)
    connection.execute(delete(category_entry).where(category_entry.c.article_id.in_([a.id for a in articles])))
    rows = [
        {"article_id": article.id, "category_id": category_id, **_keys(article)}
        for article in articles
        for category_id in set().union(*(ancestry.get(c.id, {c.id}) for c in article.categories))
    ]
    if rows:
        connection.execute(insert(category_entry), rows)


def copy_keys(connection: Connection, article: Article, *tables) -> None:
    for table in tables:
        connection.execute(update(table).where(table.c.article_id == article.id).values(**_keys(article)))


def rebuild(connection: Connection) -> None:
    """Recompute every entry from the memberships (one statement per
    category) and every tag link's keys (one statement)."""
    members: dict[int, set[int]] = defaultdict(set)
    for category_id, chain in _ancestry(connection).items():
        for ancestor in chain:
            members[ancestor].add(category_id)
    connection.execute(delete(category_entry))
    for ancestor, descendants in members.items():
        rows = (select(Article.id, literal(ancestor), Article.featured, Article.publish_at, Article.status)
                .where(Article.id.in_(select(article_category.c.article_id)
                                      .where(article_category.c.category_id.in_(descendants)))))
        connection.execute(insert(category_entry).from_select(
            ["article_id", "category_id", *KEYS], rows))
    of_article = {key: select(getattr(Article, key)).where(Article.id == article_tag.c.article_id).scalar_subquery()
                  for key in KEYS}
    connection.execute(update(article_tag).values(**of_article))


def _changed(obj, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _after_flush(session, _context) -> None:
    if not any(isinstance(obj, (Article, Category)) for obj in (*session.new, *session.dirty)):
        return
    connection = session.connection()
    if any(isinstance(obj, Category) and _changed(obj, "parent_id") for obj in session.dirty):
        rebuild(connection)
        return
    articles = [obj for obj in (*session.new, *session.dirty) if isinstance(obj, Article)]
    moved = [a for a in articles if a in session.new or _changed(a, "categories")]
    if moved:
        rewrite(connection, moved)
    for article in articles:
        keys = article in session.new or _changed(article, *KEYS)
        tables = [category_entry] if keys and article not in moved else []
        if keys or _changed(article, "tags"):
            tables.append(article_tag)
        copy_keys(connection, article, *tables)


def keep_in_step() -> None:
    """Listen to the app's session (once per process, however many apps
    call it: the plugin's ``startup`` hook does, for every app built)."""
    if not event.contains(db.session, "after_flush", _after_flush):
        event.listen(db.session, "after_flush", _after_flush)
