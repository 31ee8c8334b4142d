"""The plugin host's part in each request: the plugins' state is fixed at its
start (see :mod:`~cms.pluginhost.state`), disabled plugins' routes answer
404, plugins' admin pages need staff, plugins' static files are served with a
content tag, public page views fire ``page_viewed``, and an exception in a
plugin's own route counts as that plugin's fault."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask, abort, current_app, got_request_exception, request, send_from_directory, url_for

from ..accounts.auth import staff_required_response

STATIC_MAX_AGE = 365 * 24 * 3600
EXTENSION = "cms_plugins"


def _host() -> Any:
    return current_app.extensions[EXTENSION]


class StaticTags:
    """Content tags for plugins' static URLs, so they can be cached for a year."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._tags: dict[Path, str] = {}

    def url(self, plugin_path: Path, name: str, filename: str) -> str:
        """The file's URL with a tag from its content (cached unless debugging)."""
        path = plugin_path / "static" / filename
        tag = self._tags.get(path)
        if tag is None:
            tag = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"
            if not self.app.debug:
                self._tags[path] = tag
        return url_for("plugin_static", plugin=name, filename=filename, v=tag)


def _serve_static(plugin: str, filename: str):
    loaded = _host().plugins.get(plugin)
    if loaded is None or not _host().is_enabled(plugin):
        abort(404)
    max_age = STATIC_MAX_AGE if request.args.get("v") else None
    return send_from_directory(loaded.path / "static", filename, max_age=max_age)


def _begin_request() -> None:
    """Fix the plugins' state for this request before anything reads it."""
    _host().states.begin_request()


def _guard_plugin_routes():
    """Disabled plugins' routes answer 404; admin blueprints need staff."""
    owner = _host().blueprint_owner.get(request.blueprint or "")
    if owner is None:
        return None
    if not _host().is_enabled(owner):
        abort(404)
    if request.blueprint in _host().admin_blueprints:
        return staff_required_response()
    return None


def _is_public_page_view(response) -> bool:
    staff = {"admin", "auth", "twofactor"} | _host().admin_blueprints
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and request.blueprint not in staff
    )


def _fire_page_viewed(response):
    if _is_public_page_view(response):
        _host().call("page_viewed", request=request, response=response)
    return response


def _count_route_fault(sender: Flask, exception: BaseException, **extra: Any) -> None:
    """A plugin's own page that fails is a fault of that plugin too."""
    owner = sender.extensions[EXTENSION].blueprint_owner.get(request.blueprint or "")
    if owner is not None:
        sender.extensions[EXTENSION].record_fault(owner, f"route {request.endpoint}", exception)


def init_app(app: Flask) -> None:
    """Install the request glue and the template globals of the plugin host."""
    app.add_url_rule("/_plugins/<plugin>/static/<path:filename>", "plugin_static", _serve_static)
    app.before_request_funcs.setdefault(None, []).insert(0, _begin_request)
    app.before_request(_guard_plugin_routes)
    app.after_request(_fire_page_viewed)
    got_request_exception.connect(_count_route_fault, app)
    app.jinja_env.globals.update(render_slot=lambda slot: _host().render_slot(slot),
                                 plugin_static=lambda n, f: _host().static_url(n, f))
