"""View counts come from whichever statistics provider is enabled, through
the ``page_view_counts`` and ``most_viewed_paths`` hooks, keyed by URL path.
With no provider both answer ``None`` and the pages show no counts."""
from __future__ import annotations

from typing import Iterable

from flask import url_for

from cms.plugin import call_hook

from . import plugin


def article_path(slug: str) -> str:
    return url_for("plugin_news.article", slug=slug)


def counts(slugs: Iterable[str]) -> dict[str, int] | None:
    """``{slug: views}`` for these articles, or ``None`` without statistics
    (or when the site hides counts)."""
    if not plugin.setting("show_view_counts"):
        return None
    paths = {article_path(slug): slug for slug in slugs}
    if not paths:
        return {}
    answers = call_hook("page_view_counts", paths=list(paths))
    if not answers:
        return None
    by_path = answers[0] or {}
    return {slug: int(by_path.get(path, 0) or 0) for path, slug in paths.items()}


def most_viewed_slugs(limit: int, days: int | None) -> list[tuple[str, int]] | None:
    """Article slugs with their views, most viewed first, or ``None``.

    The provider ranks every path under the prefix (listings too), so more
    are asked for than needed and only article paths are kept.
    """
    prefix = url_for("plugin_news.index")
    answers = call_hook("most_viewed_paths", prefix=prefix, limit=limit * 4, days=days)
    if not answers:
        return None
    ranked = []
    for path, views in answers[0] or ():
        slug = path[len(prefix):] if path.startswith(prefix) else ""
        if slug and "/" not in slug and "." not in slug:
            ranked.append((slug, int(views)))
    return ranked
