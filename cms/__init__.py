"""Sen CMS: a lightweight, plugin-based CMS on Flask for public-sector portals."""
from __future__ import annotations

from typing import Any

from .version import __version__

__all__ = ["__version__", "create_app"]


def create_app(config: dict[str, Any] | None = None):
    """Build the app: configuration, extensions, the core's blueprints, then
    every plugin found. The only place the app is assembled."""
    from flask import Flask
    from jinja2 import BaseLoader, ChoiceLoader, FileSystemLoader
    from werkzeug.middleware.proxy_fix import ProxyFix

    from . import (admin, cli, config as settings_config, database, errors, health, i18n, images, media, pages,
                   pluginhost, settings, statecache, theme, vendor)
    from .accounts import auth, sessions, twofactor_views
    from .safeguards import headers, inputs, ratelimit
    from .extensions import csrf, limiter, migrate

    app = Flask(__name__, instance_path=settings_config.instance_path(), instance_relative_config=True)
    settings_config.load(app, config)
    inputs.init_app(app)  # first: bounded converters and the NUL check come before any route
    loaders: list[BaseLoader] = [FileSystemLoader(app.config["THEME_FOLDER"])]
    app.jinja_loader = ChoiceLoader(loaders + ([app.jinja_loader] if app.jinja_loader else []))
    if app.config["PROXY_COUNT"]:
        # The client's address from X-Forwarded-For, as many hops back as there
        # are proxies; scheme and host from the proxy next to the app.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]  # Flask's documented way to add middleware
            app.wsgi_app, x_for=app.config["PROXY_COUNT"], x_proto=1, x_host=1)

    database.init_app(app)
    migrate.init_app(app, directory=str(database.MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", ratelimit.storage_uri(app))
    limiter.init_app(app)
    statecache.init_app(app)
    settings.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    sessions.init_app(app)
    app.register_blueprint(twofactor_views.bp)
    errors.init_app(app)
    images.init_app(app)
    headers.init_app(app)
    theme.init_app(app)
    vendor.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(media.bp)
    app.register_blueprint(admin.bp)
    cli.init_app(app)
    pluginhost.init_app(app)
    # Pages last: its catch-all route must not shadow plugin prefixes.
    app.register_blueprint(pages.bp)
    return app
