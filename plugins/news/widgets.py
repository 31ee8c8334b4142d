"""The widgets: "Tin mới" (home slot) and "Tin xem nhiều" (sidebar)."""
from __future__ import annotations

from flask import render_template
from markupsafe import Markup

from . import plugin, queries
from .viewcounts import most_viewed_slugs


def render_latest() -> Markup:
    articles = queries.latest(plugin.setting("latest_count"))
    if not articles:
        return Markup("")
    return Markup(render_template("news/widget_latest.html", articles=articles))


def render_most_read() -> Markup:
    """Hidden when no statistics provider answers or nothing was read yet:
    a list of the latest articles under "most read" would mislead."""
    limit = plugin.setting("most_read_count")
    days = plugin.setting("most_read_days") or None
    ranked = most_viewed_slugs(limit, days)
    if not ranked:
        return Markup("")
    found = queries.by_slugs([slug for slug, _views in ranked])
    entries = [(found[slug], views) for slug, views in ranked if slug in found][:limit]
    if not entries:
        return Markup("")
    return Markup(render_template("news/widget_most_read.html", entries=entries, days=days))
