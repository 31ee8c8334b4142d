"""RSS 2.0 and Atom 1.0 feeds of the newest articles, for the whole site or
one category (with its subcategories)."""
from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime

from flask import Response, render_template, request, url_for

from cms.plugin import render_content, utcnow

from . import plugin, queries
from .models import Article, Category

MIMETYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def rfc822(value: datetime) -> str:
    return format_datetime(value.replace(tzinfo=timezone.utc), usegmt=True)


def rfc3339(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat() + "Z"


def changed(article: Article) -> datetime:
    """When a reader last saw the article change: a scheduled article is
    news when it appears, even if it was saved long before."""
    return max(article.updated_at, article.publish_at)


def respond(kind: str, category: Category | None) -> Response:
    articles = queries.latest(plugin.setting("feed_count"), category_id=category.id if category else None,
                              with_body=True)
    updated = max((changed(a) for a in articles), default=utcnow())
    if category is None:
        home = url_for("plugin_news.index", _external=True)
    else:
        home = url_for("plugin_news.category", slug=category.slug, _external=True)
    xml = render_template(
        f"news/feed_{kind}.xml", articles=articles, category=category, home=home, self_url=request.base_url,
        updated=updated, changed=changed, rfc822=rfc822, rfc3339=rfc3339,
        body_html=lambda a: str(render_content(a.body, kind="news.article", object=a)))
    response = Response(xml, mimetype=MIMETYPES[kind])
    # The ETag also notices an article that left the feed, which can move
    # the newest date backwards.
    response.add_etag()
    response.last_modified = updated.replace(tzinfo=timezone.utc)
    response.cache_control.public = True
    response.cache_control.max_age = 300
    return response.make_conditional(request)
