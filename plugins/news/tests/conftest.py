"""Fixtures for the news plugin's tests.

``make_category`` and ``make_article`` create rows directly (``clock``,
the site's "now", comes from :mod:`cms.testing`); ``image_upload`` makes an image file for
a form; ``view_stats`` enables a stand-in statistics provider.
"""
from __future__ import annotations

import io
from datetime import timedelta
from typing import Callable, Iterator

import pytest
from PIL import Image

from cms.plugin import db, make_slug, utcnow
from cms.testing import use_plugins

from .. import services
from ..models import Article, Category
from .standins.viewstats import Provider, provider


@pytest.fixture
def make_category(app) -> Callable:
    def make(name: str, slug: str | None = None, parent=None, position: int = 0):
        category = Category(name=name, slug=slug or make_slug(name), parent_id=parent.id if parent else None,
                            position=position)
        db.session.add(category)
        db.session.commit()
        return category

    return make


@pytest.fixture
def make_article(app) -> Callable:
    """``make_article(title, categories=[...], status="published", ago=hours)``:
    ``ago`` places the publish time that many hours in the past (negative:
    in the future)."""

    def make(title: str, categories=(), status: str = "published", ago: float | None = 1, featured=False,
             body: str = "<p>Nội dung bài viết.</p>", summary: str = "Tóm tắt.", tags=(), author=None,
             byline: str = "", slug: str | None = None):
        article = Article(title=title, body=body, summary=summary, featured=featured, byline=byline,
                          author_id=author.id if author else None)
        article.slug = slug or services.free_slug(title)
        article.categories = list(categories)
        article.tags = services.resolve_tags(tags)
        article.status = status
        article.publish_at = None if ago is None else utcnow() - timedelta(hours=ago)
        article.search_text = services.search_text(article)
        db.session.add(article)
        db.session.commit()
        return article

    return make


def image_bytes(size=(1000, 600), color=(200, 40, 40), kind="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
def image_upload() -> Callable:
    """``image_upload(name, size=..., kind="PNG")``: a file tuple for the test client."""

    def make(name: str = "anh.png", **kwargs):
        return io.BytesIO(image_bytes(**kwargs)), name

    return make


@pytest.fixture
def view_stats(app) -> Iterator[Provider]:
    """The stand-in statistics provider, enabled beside news, answering both
    view hooks from ``views`` (``{path: count}``) and recording ``calls``.
    The test must be marked ``standins.loaded`` (its app loads the stand-in)."""
    use_plugins(app, ["news", "viewstats"])
    provider.views, provider.calls = {}, []
    yield provider
    provider.views, provider.calls = {}, []
