"""The statistics plugin's hook implementations, registered by the host.

Every module imported here is needed as soon as the site starts (the
blueprints, widgets and commands are collected then), so nothing would be
saved by importing them inside the hooks.
"""
from __future__ import annotations

from functools import partial

from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, Widget, hookimpl

from . import admin, cli, counting, demo, queries, recorder, views
from .widgets import asset_urls, render_widget


@hookimpl
def startup(app):
    recorder.install(app)


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
    return [Widget(slot, "counter", partial(render_widget, slot), order=90) for slot in ("sidebar", "footer")]


@hookimpl
def extra_css_urls():
    return asset_urls("stats.css")


@hookimpl
def extra_js_urls():
    return asset_urls("stats.js")


@hookimpl
def page_viewed(request, response):
    counting.count_view(request, response)


@hookimpl
def page_view_counts(paths):
    return queries.path_views(list(paths))


@hookimpl
def most_viewed_paths(prefix, limit, days):
    return queries.most_viewed(prefix, limit, days)


@hookimpl
def commands():
    return [cli.summary_command]


@hookimpl
def load_demo_content():
    demo.load()
