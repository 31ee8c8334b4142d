"""Sen CMS: a lightweight, plugin-based CMS on Flask for public-sector portals."""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def create_app(config: dict[str, Any] | None = None):
    """Build the app: configuration, extensions, the core's blueprints, then
    every plugin found. The only place the app is assembled."""
    from flask import Flask
    from jinja2 import ChoiceLoader, FileSystemLoader

    from . import (admin, auth, cli, config as settings_config, database, errors, health, i18n, images, media, pages,
                   pluginhost, security, settings, theme, vendor)
    from .extensions import csrf, limiter, migrate

    app = Flask(__name__, instance_path=settings_config.instance_path(), instance_relative_config=True)
    settings_config.load(app, config)
    app.jinja_loader = ChoiceLoader([FileSystemLoader(app.config["THEME_FOLDER"]), app.jinja_loader])

    database.init_app(app)
    migrate.init_app(app, directory=str(database.MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["REDIS_URL"] or "memory://")
    limiter.init_app(app)
    settings.init_app(app)
    i18n.init_app(app)
    auth.init_app(app)
    errors.init_app(app)
    images.init_app(app)
    security.init_app(app)
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
