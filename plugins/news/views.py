"""Public pages: listings, articles, print view, feeds and cover images.

Two-segment routes start with a fixed word (``danh-muc``, ``the``, ``in``,
``anh``) so that no article slug can shadow them.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user

from cms.plugin import page_number

from . import feeds, images, plugin, queries, services
from .category_tree import tree
from .models import Article
from .viewcounts import counts

bp = Blueprint("plugin_news", __name__, template_folder="templates")

IMAGE_MAX_AGE = 365 * 24 * 3600


def _listing(fetch, *args) -> queries.ArticlePage:
    """The requested page of one of the listings in :mod:`.queries`."""
    try:
        return fetch(*args, page_number(), plugin.setting("per_page"))
    except queries.PageOutOfRange:
        abort(404)


def _render_listing(listing: queries.ArticlePage, **context) -> str:
    return render_template("news/index.html", listing=listing,
                           view_counts=counts(a.slug for a in listing.items), **context)


@bp.get("/")
def index():
    return _render_listing(_listing(queries.listing), heading=_("Tin tức"),
                           subcategories=tree().children.get(None, []))


@bp.get("/danh-muc/<slug>")
def category(slug: str):
    categories = tree()
    found = categories.by_slug(slug) or abort(404)
    listing = _listing(queries.category_listing, found.id)
    return _render_listing(listing, heading=found.name, category=found, trail=categories.ancestors(found)[:-1],
                           subcategories=categories.children.get(found.id, []))


@bp.get("/the/<slug>")
def tag(slug: str):
    found = queries.tag_by_slug(slug) or abort(404)
    return _render_listing(_listing(queries.tag_listing, found.id),
                           heading=_("Từ khoá: %(name)s", name=found.name), tag=found)


def _viewable(slug: str) -> Article:
    """A visible article; its author, editors and admins also see it as a
    draft or scheduled one (a preview)."""
    article = queries.by_slug(slug)
    if article is None or (not article.is_visible() and not services.can_preview(current_user, article)):
        abort(404)
    return article


def _private_if_preview(article: Article) -> dict[str, str]:
    """A preview is not for any cache: the browser of a shared office
    computer must not show it after logout."""
    return {} if article.is_visible() else {"Cache-Control": "no-store"}


@bp.get("/<slug>")
def article(slug: str):
    found = _viewable(slug)
    categories = tree()
    primary = found.primary_category
    related = []
    if primary is not None and plugin.setting("related_count"):
        related = queries.latest(plugin.setting("related_count"), category_id=primary.id, exclude_id=found.id)
    older, newer = queries.neighbours(found)
    views = counts([found.slug])
    return render_template(
        "news/article.html", article=found, trail=categories.ancestors(primary) if primary else [],
        related=related, older=older, newer=newer, views=None if views is None else views.get(found.slug, 0),
        preview=not found.is_visible(), share_url=url_for(".article", slug=found.slug, _external=True),
    ), _private_if_preview(found)


@bp.get("/in/<slug>")
def print_article(slug: str):
    found = _viewable(slug)
    return render_template("news/print.html", article=found,
                           url=url_for(".article", slug=found.slug, _external=True)), _private_if_preview(found)


@bp.get("/rss.xml")
def rss():
    return feeds.respond("rss", None)


@bp.get("/atom.xml")
def atom():
    return feeds.respond("atom", None)


@bp.get("/danh-muc/<slug>/rss.xml")
def category_rss(slug: str):
    return feeds.respond("rss", tree().by_slug(slug) or abort(404))


@bp.get("/danh-muc/<slug>/atom.xml")
def category_atom(slug: str):
    return feeds.respond("atom", tree().by_slug(slug) or abort(404))


@bp.get("/anh/<name>")
def image(name: str) -> Response:
    """Cover derivatives: immutable names, so cached for a year."""
    return send_from_directory(images.folder(), name, max_age=IMAGE_MAX_AGE)

