"""The news plugin's schema and demo content."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from cms.plugin import db
from cms.testing import schema_drift

from .. import demo
from ..models import Article, Category

pytestmark = pytest.mark.plugins("news")


def test_models_match_the_migrations(app):
    assert schema_drift("news") == []


@pytest.mark.slow  # loads the demo articles with their covers
def test_demo_content(app, client, users):
    demo.load()
    demo.load()  # a second run adds nothing
    articles = db.session.scalars(select(Article)).all()
    visible = [a for a in articles if a.is_visible()]
    assert 18 <= len(visible) <= 25
    assert {a.status for a in articles} == {"published", "scheduled", "draft"}
    top_level = db.session.scalar(select(func.count(Category.id)).where(Category.parent_id.is_(None)))
    assert top_level == 4
    assert all(a.cover and a.byline and a.tags and a.categories for a in visible)
    folder = Path(app.config["UPLOAD_FOLDER"]) / "news"
    for article in visible:
        for name, _width in article.cover.sources():
            assert (folder / name).is_file()
    featured = next(a for a in visible if a.featured)
    html = client.get(f"/news/{featured.slug}").get_data(as_text=True)
    assert "<figure>" in html and "Ảnh:" in html
    assert client.get("/news/").status_code == 200
