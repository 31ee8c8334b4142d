"""Public pages: the home page, any published page by its path in the tree,
``sitemap.xml`` and ``robots.txt``.

Drafts and pages scheduled for later answer 404 to visitors; logged-in staff
see them with a preview notice, so an editor can check a page before
publishing it. A scheduled page becomes visible when its time comes, on the
next request, with no job to run.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..models import Page
from ..pluginhost import host
from .queries import ancestors, home_page, page_by_path

bp = Blueprint("pages", __name__)


def _viewable(page: Page | None) -> Page:
    if page is None or (not page.is_visible() and not current_user.is_authenticated):
        abort(404)
    return page


def _private_if(preview: bool) -> dict[str, str]:
    """A staff preview is kept out of every cache (a shared office computer's too)."""
    return {"Cache-Control": "no-store"} if preview else {}


@bp.get("/")
def home():
    page = home_page()
    if page is not None and not page.is_visible() and not current_user.is_authenticated:
        page = None
    preview = page is not None and not page.is_visible()
    return render_template("home.html", page=page, preview=preview), 200, _private_if(preview)


@bp.get("/<path:path>")
def show(path: str):
    page = _viewable(page_by_path(path))
    if page.is_home:
        return redirect(url_for(".home"))
    if request.path != f"/{page.path}":
        return redirect(url_for(".show", path=page.path), 301)
    preview = not page.is_visible()
    return render_template("page.html", page=page, breadcrumbs=ancestors(page), preview=preview), 200, \
        _private_if(preview)


@bp.get("/sitemap.xml")
def sitemap():
    pages = db.session.execute(select(Page.path, Page.is_home, Page.updated_at).where(Page.visible_clause())
                               .order_by(Page.path)).all()
    entries = [(url_for(".home", _external=True) if p.is_home else url_for(".show", path=p.path, _external=True),
                p.updated_at) for p in pages]
    base = request.host_url.rstrip("/")
    for extra in host().call("sitemap_entries"):
        entries.extend((base + e.url if e.url.startswith("/") else e.url, e.lastmod) for e in extra)
    return Response(render_template("sitemap.xml", entries=entries), mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /login", "Disallow: /account/",
             f"Sitemap: {url_for('.sitemap', _external=True)}", ""]
    return Response("\n".join(lines), mimetype="text/plain")
