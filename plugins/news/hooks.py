"""The news plugin's hook implementations (registered by the host).

Views, models and the rest are imported inside the hook bodies, so that
loading the plugin does no work beyond declaring it.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, SitemapEntry, Widget, hookimpl, static_url

#: At most this many articles in ``/sitemap.xml`` (the protocol's limit is 50,000 URLs).
SITEMAP_LIMIT = 40_000


@hookimpl
def startup(app):
    """Keep the listing indexes in step with every flush of the session."""
    from .listing_index import keep_in_step

    keep_in_step()


@hookimpl
def public_blueprint():
    from .views import bp

    return bp


@hookimpl
def admin_blueprint():
    from .admin import bp

    return bp


@hookimpl
def admin_menu_items():
    return [
        MenuItem(_l("Tin tức"), "plugin_news_admin.index", role="author", order=20),
        MenuItem(_l("Danh mục tin"), "plugin_news_admin.categories", role="editor", order=21),
    ]


MOST_READ_CACHE_SECONDS = 30


@hookimpl
def widgets():
    from .widgets import render_latest, render_most_read

    # "Most read" is cached as long as the statistics provider's own ranking
    # (stats: 30 s), so it costs one render per half minute, not per page.
    # "Latest" is not cached: an editor who publishes expects the home page
    # to show the article at once.
    return [
        Widget("home", "latest", render_latest, order=10),
        Widget("sidebar", "most_read", render_most_read, order=20, cache_seconds=MOST_READ_CACHE_SECONDS),
    ]


@hookimpl
def extra_css_urls():
    return [static_url("news", "news.css")]


@hookimpl
def extra_js_urls():
    return [static_url("news", "news.js")]


@hookimpl
def commands():
    from .cli import reindex

    return [reindex]


@hookimpl
def sitemap_entries():
    """The newest visible articles and every category."""
    from . import queries
    from .category_tree import tree

    prefix = url_for("plugin_news.index")
    entries = [SitemapEntry(f"{prefix}{row.slug}", row.updated_at) for row in queries.sitemap_rows(SITEMAP_LIMIT)]
    entries.extend(SitemapEntry(url_for("plugin_news.category", slug=c.slug)) for c in tree().categories)
    return entries


@hookimpl
def load_demo_content():
    from .demo import load

    load()
