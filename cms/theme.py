"""What every public template can use: site settings, the menu, font size,
formatting in the site's language and timezone, plugin assets and slots."""
from __future__ import annotations

from flask import Flask, current_app, g, redirect, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from .formatting import vn_number
from .pages_query import menu_tree
from .plugin import render_content
from .pluginhost import host
from .settings import site_settings
from .timeutil import to_local

FONT_SIZES = ("small", "normal", "large")
PREFERENCE_MAX_AGE = 365 * 24 * 3600


def font_size() -> str:
    size = request.cookies.get("font_size")
    return size if size in FONT_SIZES else "normal"


def _menu():
    if "cms_menu" not in g:
        g.cms_menu = menu_tree()
    return g.cms_menu


def _asset_urls(hook_name: str) -> list[str]:
    return [url for urls in host().call(hook_name) for url in urls]


def _safe_back() -> str:
    target = request.args.get("next") or request.referrer or "/"
    return target if target.startswith("/") and not target.startswith("//") else "/"


def set_font_size(size: str):
    """Works without JavaScript: a link sets the cookie and comes back."""
    response = redirect(_safe_back())
    if size in FONT_SIZES:
        response.set_cookie("font_size", size, max_age=PREFERENCE_MAX_AGE, samesite="Lax", httponly=False,
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def set_language(code: str):
    response = redirect(_safe_back())
    if code in current_app.config["LANGUAGES"]:
        response.set_cookie("lang", code, max_age=PREFERENCE_MAX_AGE, samesite="Lax", httponly=True,
                            secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def init_app(app: Flask) -> None:
    app.add_url_rule("/_font/<size>", "font_size", set_font_size)
    app.add_url_rule("/_lang/<code>", "language", set_language)
    app.jinja_env.filters.update(
        vn_number=vn_number,
        local_datetime=lambda v, fmt="dd/MM/yyyy HH:mm": format_datetime(v, fmt) if v else "",
        local_date=lambda v, fmt="dd/MM/yyyy": format_date(to_local(v), fmt) if v else "",
        content=render_content,
    )
    app.jinja_env.globals.update(
        font_sizes=FONT_SIZES,
        current_locale=lambda: str(get_locale()),
        extra_css_urls=lambda: _asset_urls("extra_css_urls"),
        extra_js_urls=lambda: _asset_urls("extra_js_urls"),
        menu=_menu,
    )

    @app.context_processor
    def site_context():
        return {"site": site_settings(), "font_size": font_size(), "url_for": url_for}
