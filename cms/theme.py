"""What every public template can use: site settings, the menu, font size,
formatting in the site's language and timezone, plugin assets and slots.

The visitor's preferences (font size, language) are cookies set by plain
links, so they work without JavaScript; ``site.js`` only makes the font-size
switch instant.
"""
from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Callable

from flask import Flask, current_app, has_request_context, redirect, request, url_for
from flask_babel import format_date, format_datetime, get_locale
from jinja2 import pass_context
from jinja2.runtime import Context
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .extensions import db
from .formatting import vn_number
from .models import Page
from .pages.queries import menu_tree
from .plugin import render_content
from .pluginhost import host
from .safeguards.redirects import safe_next
from .settings import site_settings
from .timeutil import local_now, to_local

FONT_SIZES = ("small", "normal", "large")
PREFERENCE_MAX_AGE = 365 * 24 * 3600
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def font_size() -> str:
    size = request.cookies.get("font_size")
    return size if size in FONT_SIZES else "normal"


def _menu():
    """The public menu, once per request; empty if the database is down (error pages).

    Kept on the request rather than ``g``: an app context (and its ``g``)
    can outlive a request, as in tests and CLI commands.
    """
    cached = getattr(request, "_cms_menu", None) if has_request_context() else None
    if cached is None:
        try:
            cached = menu_tree()
        except SQLAlchemyError:
            db.session.rollback()
            cached = []
        if has_request_context():
            request._cms_menu = cached
    return cached


def visible_children(page: Page) -> list[Page]:
    """Published children of a page, for the "in this section" list."""
    return list(db.session.scalars(
        select(Page).where(Page.parent_id == page.id, Page.visible_clause()).order_by(Page.position, Page.title)
    ))


def _asset_urls(hook_name: str) -> Callable[[Context], list[str]]:
    """A template global that asks the plugins for asset URLs for this page.

    It passes the request, its endpoint and the name of the template being
    rendered; an implementation takes only the arguments it names."""
    @pass_context
    def urls(context: Context) -> list[str]:
        page = request if has_request_context() else None
        found = host().call(hook_name, request=page, endpoint=page.endpoint if page else None,
                            template_name=context.name)
        return [url for urls in found for url in urls]

    return urls


@cache
def _file_tag(path: Path, mtime: float) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def asset_url(filename: str) -> str:
    """A core static file's URL with a content tag, so browsers may cache it long."""
    assert current_app.static_folder  # the core app always has one
    path = Path(current_app.static_folder) / filename
    tag = _file_tag(path, path.stat().st_mtime) if path.is_file() else "0"
    return url_for("static", filename=filename, v=tag)


def today_label() -> str:
    now = local_now()
    if str(get_locale()) == "vi":
        return f"{WEEKDAYS_VI[now.weekday()]}, {now:%d/%m/%Y}"
    return format_date(now, "EEEE, d MMMM yyyy")


def _safe_back() -> str:
    return safe_next(request.args.get("next") or request.referrer, "/")


def _remember(response, name: str, value: str, httponly: bool):
    response.set_cookie(name, value, max_age=PREFERENCE_MAX_AGE, samesite="Lax", httponly=httponly,
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def set_font_size(size: str):
    """Works without JavaScript: a link sets the cookie and comes back."""
    response = redirect(_safe_back())
    if size in FONT_SIZES:
        _remember(response, "font_size", size, httponly=False)  # site.js switches it in place
    return response


def set_language(code: str):
    response = redirect(_safe_back())
    if code in current_app.config["LANGUAGES"]:
        _remember(response, "lang", code, httponly=True)
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
        extra_css_urls=_asset_urls("extra_css_urls"),
        extra_js_urls=_asset_urls("extra_js_urls"),
        extra_admin_css_urls=_asset_urls("extra_admin_css_urls"),
        extra_admin_js_urls=_asset_urls("extra_admin_js_urls"),
        menu=_menu,
        visible_children=visible_children,
        asset_url=asset_url,
        today_label=today_label,
        current_year=lambda: local_now().year,
    )

    @app.context_processor
    def site_context():
        return {"site": site_settings(), "font_size": font_size(), "url_for": url_for}
