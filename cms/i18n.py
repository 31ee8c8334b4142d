"""Vietnamese by default, English second (a site setting); the site's timezone."""
from __future__ import annotations

from flask import Flask, current_app, request

from .extensions import babel
from .settings import site_setting


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get("lang") if request else None
    if chosen in languages:
        return chosen
    return site_setting("language") or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return site_setting("timezone") or current_app.config["BABEL_DEFAULT_TIMEZONE"]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
