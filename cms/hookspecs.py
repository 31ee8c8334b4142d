"""The hooks a plugin can implement.

Each docstring here is the reference documentation: ``docs/plugins.md`` is
generated from them (``flask --app wsgi cms plugin docs``) and a test fails if
a hook has none. An implementation may accept fewer arguments than the spec
offers, so hooks can grow without breaking plugins.

Hooks marked *registered at start* are called once when the app is built;
their results are filtered per request by whether the plugin is enabled. The
rest are called per request or per event through the host, which skips
disabled plugins and, for soft hooks, logs and contains a plugin's exception.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from flask import Blueprint, Flask, Request, Response

    from .plugin import MenuItem, SitemapEntry, Widget

hookspec = pluggy.HookspecMarker("cms")


@hookspec
def startup(app: Flask) -> None:
    """Prepare the plugin for ``app``; called once when the app is built.

    The place for work that must not happen at import time: connecting
    database or signal listeners, reading files the plugin needs. Called for
    every plugin that loaded, enabled or not (the enabled set is database
    state and can change while the app runs), after its blueprints are
    registered. A plugin whose ``startup`` raises is not started: the site
    runs without it and the admin plugins page shows why.

    Example::

        @hookimpl
        def startup(app):
            from .services import keep_index_in_step

            keep_index_in_step()
    """


@hookspec
def public_blueprint() -> Blueprint | None:
    """Return the plugin's public :class:`flask.Blueprint`, or ``None``.

    Registered at start under the plugin's URL prefix (the ``url_prefix``
    setting, defaulting to ``Plugin.url_prefix`` or ``/<name>/``). While the
    plugin is disabled every route of the blueprint answers 404. Templates
    live in the blueprint's ``template_folder`` under ``<name>/`` and can be
    overridden by the theme's ``templates/<name>/``.

    Example::

        bp = Blueprint("plugin_hello", __name__, template_folder="templates")

        @hookimpl
        def public_blueprint():
            return bp
    """


@hookspec
def admin_blueprint() -> Blueprint | None:
    """Return the plugin's admin :class:`flask.Blueprint`, or ``None``.

    Registered at start under ``/admin/<name>/``. Every route requires a
    logged-in staff member; decorate views with
    ``cms.plugin.role_required("editor")`` for more. Templates extend
    ``admin/layout.html``.

    Example::

        @hookimpl
        def admin_blueprint():
            from .admin import admin_bp

            return admin_bp
    """


@hookspec
def admin_menu_items() -> list[MenuItem]:
    """Return :class:`cms.plugin.MenuItem` objects for the admin sidebar.

    Registered at start; each item is shown only to users whose role covers
    the item's ``role`` and only while the plugin is enabled.

    Example::

        @hookimpl
        def admin_menu_items():
            return [MenuItem(_l("Hello"), "plugin_hello_admin.index", role="editor")]
    """


@hookspec
def widgets() -> list[Widget]:
    """Return :class:`cms.plugin.Widget` objects to render into named slots.

    Registered at start. The slots of the layout are ``head``, ``header``,
    ``home``, ``sidebar``, ``after_content`` and ``footer``. A widget's
    ``render()`` runs per request; plain strings are escaped, so return
    ``Markup`` (for example from ``render_template``) for HTML. A widget that
    raises is logged and left out (shown as an error box in debug mode); one
    slower than the budget (200 ms) is logged; both count as faults of the
    plugin. Give ``cache_seconds`` to a widget whose output may be reused
    (see :class:`cms.plugin.Widget` for what the cache is keyed on).

    Example::

        @hookimpl
        def widgets():
            return [Widget("sidebar", "hello", lambda: render_template("hello/widget.html")),
                    Widget("footer", "hello-count", render_count, cache_seconds=60)]
    """


@hookspec
def extra_css_urls(request: Request | None, endpoint: str | None, template_name: str | None) -> list[str]:
    """Return a list of stylesheet URLs to include in the public layout.

    Called per page. ``request`` is the page's request, ``endpoint`` its
    view (``request.endpoint``, for example ``"plugin_hotline.index"``) and
    ``template_name`` the template rendered (``"hotline/index.html"``); name
    only the arguments you use, or none to add the file to every page. Use
    ``cms.plugin.static_url(name, filename)`` for files in the plugin's
    ``static/`` folder, so that the URL changes when the file does.

    Example::

        @hookimpl
        def extra_css_urls(endpoint):
            if endpoint and endpoint.startswith("plugin_hotline."):  # only on its own pages
                return [static_url("hotline", "hotline.css")]
            return []
    """


@hookspec
def extra_js_urls(request: Request | None, endpoint: str | None, template_name: str | None) -> list[str]:
    """Return a list of script URLs to include (deferred) in the public layout.

    Called per page with the arguments of :func:`extra_css_urls`. Scripts
    must be files: the Content-Security-Policy forbids inline scripts.

    Example::

        @hookimpl
        def extra_js_urls(template_name):
            return [static_url("hotline", "map.js")] if template_name == "hotline/index.html" else []
    """


@hookspec
def extra_admin_css_urls(request: Request | None, endpoint: str | None, template_name: str | None) -> list[str]:
    """Return a list of stylesheet URLs to include in the admin layout.

    Like :func:`extra_css_urls`, for pages extending ``admin/layout.html``
    (the plugin's own admin pages, and the core's: a plugin may restyle a
    core admin page it adds a field to).

    Example::

        @hookimpl
        def extra_admin_css_urls(endpoint):
            if endpoint == "plugin_hotline_admin.index":
                return [static_url("hotline", "admin.css")]
            return []
    """


@hookspec
def extra_admin_js_urls(request: Request | None, endpoint: str | None, template_name: str | None) -> list[str]:
    """Return a list of script URLs to include (deferred) in the admin layout.

    Called per admin page with the arguments of :func:`extra_css_urls`.

    Example::

        @hookimpl
        def extra_admin_js_urls(request):
            if request.blueprint == "plugin_hotline_admin":
                return [static_url("hotline", "admin.js")]
            return []
    """


@hookspec
def commands() -> list[click.Command]:
    """Return a list of :mod:`click` commands, mounted as ``flask cms <name> ...``.

    Registered at start, in a group named after the plugin. Commands run in
    an app context and refuse to run while the plugin is disabled.

    Example::

        @hookimpl
        def commands():
            @click.command("greet")
            def greet():
                click.echo("Xin chào")

            return [greet]
    """


@hookspec
def filter_content(html: str, context: dict[str, Any]) -> str:
    """Return ``html`` changed, for rich text being rendered.

    Called in turn for each enabled plugin (by name), each receiving the
    previous result, after the text was sanitized; the output is rendered as
    markup, so escape anything taken from elsewhere. ``context`` is a dict
    naming what is rendered (``{"kind": "page", "object": page}``). A plugin
    that raises is skipped and its input passed on unchanged. Used for
    shortcodes such as ``[gallery slug]``.

    Example::

        @hookimpl
        def filter_content(html, context):
            return html.replace("[hotline]", f"<strong>{escape(plugin.setting('number'))}</strong>")
    """


@hookspec
def sanitizer_allowlist() -> dict[str, Any]:
    """Return additions to the rich-text allowlist, applied on save.

    A dict with any of ``tags`` (list), ``attributes`` (dict of tag to list
    of attribute names) and ``protocols`` (list). The core's policy forbids
    scripts, event handlers and ``javascript:`` URLs whatever is added.

    Example::

        @hookimpl
        def sanitizer_allowlist():
            return {"tags": ["mark"], "attributes": {"mark": ["data-term"]}}
    """


@hookspec
def page_viewed(request: Request, response: Response) -> None:
    """Event: a public HTML page was served to a visitor.

    Fired after every successful ``GET`` of a public HTML page (not admin,
    static files, health checks or ``HEAD``). Must be cheap: it runs on the
    request path. The statistics plugin counts views here.

    Example::

        @hookimpl
        def page_viewed(request, response):
            if request.path.startswith("/tin-tuc/"):
                VIEWS[request.path] += 1   # a dict in memory; write it out later
    """


@hookspec
def content_changed(kind: str, obj: object, action: str) -> None:
    """Event: content was created, updated or deleted.

    ``kind`` names the type (``"page"``, ``"news.article"``, ...), ``obj``
    is the object and ``action`` one of ``"created"``, ``"updated"``,
    ``"deleted"``, ``"published"``. Fired after the change is committed.

    Example::

        @hookimpl
        def content_changed(kind, obj, action):
            if kind == "page" and action == "deleted":
                forget_page(obj.id)
    """


@hookspec(firstresult=True)
def page_view_counts(paths: list[str]) -> dict[str, int] | None:
    """Return ``{path: total views}`` for the given URL paths, or ``None``.

    Implemented by the statistics provider (the ``stats`` plugin); the first
    enabled provider answers. Other plugins use it to show view counts.

    Example::

        counts = call_hook("page_view_counts", paths=["/tin-tuc/a", "/tin-tuc/b"])
        views = counts[0] if counts else {}   # [] when no provider is enabled
    """


@hookspec(firstresult=True)
def most_viewed_paths(prefix: str, limit: int, days: int | None) -> list[tuple[str, int]] | None:
    """Return up to ``limit`` ``(path, views)`` pairs under ``prefix``, most
    viewed first, counting the last ``days`` days (all time if ``None``), or
    ``None`` when no statistics provider is enabled.

    Example::

        found = call_hook("most_viewed_paths", prefix="/tin-tuc/", limit=5, days=7)
        top = found[0] if found else []
    """


@hookspec
def sitemap_entries() -> list[SitemapEntry]:
    """Return :class:`cms.plugin.SitemapEntry` objects for ``/sitemap.xml``.

    Only public, published content belongs in the sitemap. A URL that is a
    path (``url_for(...)`` inside a request) gets the site's address in
    front.

    Example::

        @hookimpl
        def sitemap_entries():
            return [SitemapEntry(url_for("plugin_hotline.index"))]
    """


@hookspec
def load_demo_content() -> None:
    """Create the plugin's demo content; called by ``cms init --demo`` once.

    Runs for the enabled plugins after their migrations, with the demo admin
    created; commit what you create. A plugin that raises is named in the
    command's output and the log; the others' demo content still loads.

    Example::

        @hookimpl
        def load_demo_content():
            from .models import HotlineLine

            db.session.add(HotlineLine(department="Bộ phận một cửa", number="0296 3822 000"))
            db.session.commit()
    """
