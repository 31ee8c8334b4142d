"""Visitor statistics: the "Thống kê truy cập" widget, per-page view counts
for other plugins, and charts and CSV exports for staff.

Views are counted in the ``page_viewed`` hook into a per-worker buffer that
a background thread writes in batches to the SQL database or, when
``CMS_REDIS_URL`` is set, to Redis. See ``README.md`` for what is stored
and for how long.
"""
from __future__ import annotations

from functools import partial

from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, Widget, hookimpl

from . import admin, cli, counting, demo, reports, views
from .meta import plugin

__all__ = ["plugin"]


@hookimpl
def public_blueprint():
    return views.bp


@hookimpl
def admin_blueprint():
    return admin.bp


@hookimpl
def admin_menu_items():
    return [MenuItem(_l("Thống kê truy cập"), "plugin_stats_admin.index", role="editor", order=60)]


@hookimpl
def widgets():
    return [Widget(slot, "counter", partial(views.render_widget, slot), order=90) for slot in ("sidebar", "footer")]


@hookimpl
def extra_css_urls():
    return views.asset_urls("stats.css")


@hookimpl
def extra_js_urls():
    return views.asset_urls("stats.js")


@hookimpl
def page_viewed(request, response):
    counting.count_view(request, response)


@hookimpl
def page_view_counts(paths):
    return reports.path_views(list(paths))


@hookimpl
def most_viewed_paths(prefix, limit, days):
    return reports.most_viewed(prefix, limit, days)


@hookimpl
def commands():
    return [cli.summary_command]


@hookimpl
def load_demo_content():
    demo.load()
