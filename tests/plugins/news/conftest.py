"""Fixtures for the news plugin's tests (module names carry ``news``: the
suite imports test modules by their base name).

``make_category`` and ``make_article`` create rows directly; ``clock``
moves the plugin's notion of now; ``image_upload`` makes an image file for
a form; ``view_stats`` stands in for a statistics provider.
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Callable

import pytest
from PIL import Image

from cms.extensions import db
from cms.models import utcnow


@pytest.fixture
def make_category(app) -> Callable:
    from plugins.news.models import Category

    def make(name: str, slug: str | None = None, parent=None, position: int = 0):
        from cms.plugin import make_slug

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
    from plugins.news import services as articles
    from plugins.news.models import Article

    def make(title: str, categories=(), status: str = "published", ago: float | None = 1, featured=False,
             body: str = "<p>Nội dung bài viết.</p>", summary: str = "Tóm tắt.", tags=(), author=None,
             byline: str = "", slug: str | None = None):
        article = Article(title=title, body=body, summary=summary, featured=featured, byline=byline,
                          author_id=author.id if author else None)
        article.slug = slug or articles.free_slug(title)
        article.categories = list(categories)
        article.tags = articles.resolve_tags(tags)
        article.status = status
        article.publish_at = None if ago is None else utcnow() - timedelta(hours=ago)
        article.search_text = articles.search_text(article)
        db.session.add(article)
        db.session.commit()
        return article

    return make


class Clock:
    """The news plugin's "now", moved by hand."""

    def __init__(self, monkeypatch) -> None:
        self.now: datetime | None = None
        self._monkeypatch = monkeypatch

    def set(self, when: datetime) -> None:
        import plugins.news.services
        import plugins.news.feeds
        import plugins.news.models
        import plugins.news.queries

        self.now = when
        for module in (plugins.news.services, plugins.news.feeds, plugins.news.models, plugins.news.queries):
            self._monkeypatch.setattr(module, "utcnow", lambda: self.now)

    def advance(self, **delta) -> None:
        self.set((self.now or utcnow()) + timedelta(**delta))


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


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
def view_stats(monkeypatch):
    """A statistics provider answering both view hooks from ``views``
    (``{path: count}``); ``views`` is ``None`` to act as if there were none."""
    import plugins.news.viewcounts as viewcounts

    class Provider:
        views: dict[str, int] | None = {}
        calls: list[tuple[str, dict]] = []

        def __call__(self, name: str, **kwargs):
            self.calls.append((name, kwargs))
            if self.views is None:
                return []
            if name == "page_view_counts":
                return [{path: self.views[path] for path in kwargs["paths"] if path in self.views}]
            ranked = sorted(((p, v) for p, v in self.views.items() if p.startswith(kwargs["prefix"])),
                            key=lambda pair: -pair[1])
            return [ranked[: kwargs["limit"]]]

    provider = Provider()
    monkeypatch.setattr(viewcounts, "call_hook", provider)
    return provider


@pytest.fixture
def news_settings(app) -> Callable:
    """``news_settings(per_page=2, ...)`` stores plugin settings."""

    def save(**values) -> None:
        app.extensions["cms_plugins"].save_settings("news", values)
        db.session.commit()

    return save
