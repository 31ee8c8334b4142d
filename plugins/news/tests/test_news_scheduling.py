"""A scheduled article appears at its time, with no job to run."""
from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from sqlalchemy import select

from cms.plugin import db, utcnow

from ..models import Article

pytestmark = pytest.mark.plugins("news")


def test_scheduled_article_appears_when_its_time_comes(client, clock, make_category, make_article):
    category = make_category("Thông báo")
    make_article("Đăng sẵn", [category], ago=5)
    make_article("Lịch tiếp công dân", [category], status="scheduled", ago=-2)  # two hours ahead
    clock.set(utcnow())

    def visible_everywhere() -> list[bool]:
        feed = feedparser.parse(client.get("/news/rss.xml").data)
        return [
            "Lịch tiếp công dân" in client.get("/news/").get_data(as_text=True),
            client.get("/news/lich-tiep-cong-dan").status_code == 200,
            "Lịch tiếp công dân" in client.get("/news/danh-muc/thong-bao").get_data(as_text=True),
            any(e.title == "Lịch tiếp công dân" for e in feed.entries),
            "/news/lich-tiep-cong-dan" in client.get("/sitemap.xml").get_data(as_text=True),
        ]

    assert visible_everywhere() == [False] * 5
    clock.advance(hours=1, minutes=59)
    assert visible_everywhere() == [False] * 5
    clock.advance(minutes=2)
    assert visible_everywhere() == [True] * 5


def test_publishing_with_a_future_date_schedules(client, login, make_category, clock):
    category = make_category("Tin")
    login("editor")
    when = (utcnow() + timedelta(days=1))
    local = when + timedelta(hours=7)  # the site's zone, Asia/Ho_Chi_Minh
    client.post("/admin/news/new", data={
        "title": "Ngày mai mới đăng", "categories": [str(category.id)], "status": "published",
        "publish_at": local.strftime("%d/%m/%Y %H:%M"), "body": "<p>x</p>"})
    article = db.session.scalars(select(Article)).one()
    assert article.status == "scheduled"
    listing = client.get("/admin/news/?status=scheduled").get_data(as_text=True)
    assert "Ngày mai mới đăng" in listing and "Hẹn giờ đăng" in listing
    clock.set(when + timedelta(minutes=1))
    login("editor")  # a day later the idle session has ended
    published = client.get("/admin/news/?status=published").get_data(as_text=True)
    assert ">Ngày mai mới đăng</a>" in published and 'class="badge badge-published"' in published
