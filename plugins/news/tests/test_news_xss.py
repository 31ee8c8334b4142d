"""Hostile input through every field of the news editor and the category
form stays inert on every page that shows it, public or staff (the corpus
and the checks are :mod:`cms.testing.hostile`'s)."""
from __future__ import annotations

import re
from io import BytesIO

import feedparser
import pytest

from cms.testing.forms import submit
from cms.testing.hostile import assert_inert, links_to, saved, tiny_jpeg, vectors

VECTORS = vectors()

# Escaping does not depend on the database; the journeys cover PostgreSQL.
pytestmark = [pytest.mark.browser, pytest.mark.viewports("desktop"), pytest.mark.plugins("news"),
              pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)]


def test_news_keeps_hostile_input_inert(staff_client, staff_tab):
    for number, vector in enumerate(VECTORS):
        saved(submit(staff_client, "/admin/news/categories",
                     {"name": vector, "slug": f"xss-{number}", "description": vector}), f"category {number}")
    editor = staff_client.get("/admin/news/new").get_data(as_text=True)
    categories = re.findall(r'name="categories" value="(\d+)"', editor)
    assert len(categories) == len(VECTORS)
    for number, vector in enumerate(VECTORS):
        saved(submit(staff_client, "/admin/news/new", {
            "title": vector, "slug": f"xss-{number}", "summary": vector, "body": vector, "tags": vector[:80],
            "byline": vector, "source": vector, "status": "published", "cover_alt": vector, "cover_caption": vector,
            "cover_credit": vector, "categories": categories[number],
        }, files={"cover": (BytesIO(tiny_jpeg()), "anh.jpg")}), f"article {number}")
    feed = feedparser.parse(staff_client.get("/news/rss.xml").data)
    assert not feed.bozo and len(feed.entries) > 0, "the RSS feed breaks on hostile titles"
    paths = ["/", "/news/", "/news/?page=2", "/news/?page=3", "/news/?page=4", "/admin/news/"]
    paths += [f"/news/xss-{n}" for n in range(len(VECTORS))]
    paths += [f"/news/danh-muc/xss-{n}" for n in range(len(VECTORS))]
    paths += links_to(staff_client, "/news/xss-0", "/news/the/")
    assert_inert(staff_tab, paths)
