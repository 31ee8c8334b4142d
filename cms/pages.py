"""Public pages: the home page, any published page by its path in the tree,
``sitemap.xml`` and ``robots.txt``. Drafts are visible to staff only."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from .extensions import db
from .models import Page
from .pages_query import ancestors, home_page, visible_page_by_path
from .pluginhost import host

bp = Blueprint("pages", __name__)


def _viewable(page: Page | None) -> Page:
    if page is None:
        abort(404)
    if not page.is_visible() and not current_user.is_authenticated:
        abort(404)
    return page


@bp.get("/")
def home():
    page = home_page()
    if page is not None and not page.is_visible():
        page = None
    return render_template("home.html", page=page)


@bp.get("/<path:path>")
def show(path: str):
    page = _viewable(visible_page_by_path(path))
    return render_template("page.html", page=page, breadcrumbs=ancestors(page), preview=not page.is_visible())


@bp.get("/sitemap.xml")
def sitemap():
    pages = db.session.execute(select(Page.path, Page.is_home, Page.updated_at).where(Page.visible_clause())).all()
    entries = [(url_for("pages.home", _external=True) if p.is_home else url_for("pages.show", path=p.path, _external=True), p.updated_at) for p in pages]
    for extra in host().call("sitemap_entries"):
        entries.extend((request.host_url.rstrip("/") + e.url if e.url.startswith("/") else e.url, e.lastmod) for e in extra)
    xml = render_template("sitemap.xml", entries=entries)
    return Response(xml, mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    body = f"User-agent: *\nDisallow: /admin/\nDisallow: /login\nSitemap: {url_for('pages.sitemap', _external=True)}\n"
    return Response(body, mimetype="text/plain")
