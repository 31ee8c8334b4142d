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
def extra_css_urls() -> list[str]:
    """Return a list of stylesheet URLs to include in the public layout.

    Use ``cms.plugin.static_url(name, filename)`` for files in the plugin's
    ``static/`` folder, so that the URL changes when the file does.
    """


@hookspec
def extra_js_urls() -> list[str]:
    """Return a list of script URLs to include (deferred) in the public layout.

    Scripts must be files: the Content-Security-Policy forbids inline scripts.
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
    """


@hookspec
def sanitizer_allowlist() -> dict[str, Any]:
    """Return additions to the rich-text allowlist, applied on save.

    A dict with any of ``tags`` (list), ``attributes`` (dict of tag to list
    of attribute names) and ``protocols`` (list). The core's policy forbids
    scripts, event handlers and ``javascript:`` URLs whatever is added.
    """


@hookspec
def page_viewed(request: Request, response: Response) -> None:
    """Event: a public HTML page was served to a visitor.

    Fired after every successful ``GET`` of a public HTML page (not admin,
    static files, health checks or ``HEAD``). Must be cheap: it runs on the
    request path. The statistics plugin counts views here.
    """


@hookspec
def content_changed(kind: str, obj: object, action: str) -> None:
    """Event: content was created, updated or deleted.

    ``kind`` names the type (``"page"``, ``"news.article"``, ...), ``obj``
    is the object and ``action`` one of ``"created"``, ``"updated"``,
    ``"deleted"``, ``"published"``. Fired after the change is committed.
    """


@hookspec(firstresult=True)
def page_view_counts(paths: list[str]) -> dict[str, int] | None:
    """Return ``{path: total views}`` for the given URL paths, or ``None``.

    Implemented by the statistics provider (the ``stats`` plugin); the first
    enabled provider answers. Other plugins use it to show view counts.
    """


@hookspec(firstresult=True)
def most_viewed_paths(prefix: str, limit: int, days: int | None) -> list[tuple[str, int]] | None:
    """Return up to ``limit`` ``(path, views)`` pairs under ``prefix``, most
    viewed first, counting the last ``days`` days (all time if ``None``), or
    ``None`` when no statistics provider is enabled.
    """


@hookspec
def sitemap_entries() -> list[SitemapEntry]:
    """Return :class:`cms.plugin.SitemapEntry` objects for ``/sitemap.xml``.

    Only public, published content belongs in the sitemap. A URL that is a
    path (``url_for(...)`` inside a request) gets the site's address in
    front.
    """


@hookspec
def load_demo_content() -> None:
    """Create the plugin's demo content; called by ``cms init --demo`` once.

    Runs for the enabled plugins after their migrations, with the demo admin
    created; commit what you create. A plugin that raises is named in the
    command's output and the log; the others' demo content still loads.
    """
