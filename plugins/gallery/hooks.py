"""The hooks the gallery implements (registered by the plugin host).

Views, the admin and the rest are imported inside the hook bodies, so that
loading the plugin does no more than declare it.
"""
from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l

from cms.plugin import MenuItem, SitemapEntry, Widget, hookimpl, static_url


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
    return [MenuItem(_l("Album ảnh"), "plugin_gallery_admin.index", role="editor", order=40)]


@hookimpl
def widgets():
    from .widgets import latest_album

    # Cached for a minute: an album appears in the sidebar up to a minute
    # after it is published (its own page at once), and the box's query and
    # cover image markup run once a minute instead of on every page.
    return [Widget("sidebar", "latest_album", latest_album, order=50, cache_seconds=60)]


@hookimpl
def extra_css_urls():
    return [static_url("gallery", "gallery.css")]


@hookimpl
def extra_js_urls():
    return [static_url("gallery", "lightbox.js")]


@hookimpl
def filter_content(html, context):
    from .shortcode import expand

    return expand(html)


@hookimpl
def commands():
    from .cli import commands as gallery_commands

    return gallery_commands()


@hookimpl
def sitemap_entries():
    from .queries import published_album_stamps

    return [SitemapEntry(url_for("plugin_gallery.album", slug=slug), updated_at)
            for slug, updated_at in published_album_stamps()]


@hookimpl
def load_demo_content():
    from .demo import load

    load()
