"""An editor writes a news article with a cover photo and schedules it a few
seconds ahead; it stays hidden until then and at its time appears on the
news listing, in the home page's "Tin mới" widget and in the RSS feed."""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import pytest

from cms.testing.steps import make_photo

pytestmark = [pytest.mark.browser, pytest.mark.plugins("news")]

SITE_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Phường ra quân làm sạch kênh Xáng trước mùa mưa"
SUMMARY = "Hơn 200 đoàn viên và người dân cùng vớt rác, phát quang bờ kênh."
BODY = "Sáng Chủ nhật, lực lượng đoàn viên thanh niên phối hợp với các khóm tổ chức ra quân."
COVER_ALT = "Đoàn viên thanh niên vớt rác trên kênh Xáng"
CATEGORY = "Tin tức – Sự kiện"
LEAD_SECONDS = 8


def add_category(tab) -> None:
    tab.goto("/admin/news/categories")
    tab.get_by_label("Tên danh mục").fill(CATEGORY)
    tab.get_by_label("Tên danh mục").press("Enter")
    tab.wait_for_load_state()
    assert tab.locator("table").get_by_role("link", name=CATEGORY).count() == 1, "the category was not added"


def write_scheduled_article(tab, cover) -> datetime:
    """Fill the editor and schedule the article; returns its time (UTC)."""
    tab.goto("/admin/news/new")
    tab.get_by_label("Tiêu đề", exact=True).fill(TITLE)
    tab.get_by_label("Tóm tắt (sapo)").fill(SUMMARY)
    tab.locator(".ql-editor").click()
    tab.keyboard.type(BODY)
    tab.get_by_label(CATEGORY).check()
    tab.get_by_label("Ảnh đại diện").set_input_files(str(cover))
    tab.get_by_label("Mô tả ảnh (cho người khiếm thị)").fill(COVER_ALT)
    tab.get_by_label("Trạng thái").select_option(label="Hẹn giờ đăng")
    at = datetime.now(SITE_ZONE).replace(microsecond=0) + timedelta(seconds=LEAD_SECONDS)
    tab.get_by_label("Ngày đăng").fill(at.strftime("%Y-%m-%dT%H:%M:%S"))
    tab.locator("form.news-editor button[type=submit]").first.click()
    tab.wait_for_load_state()
    assert tab.locator(".has-error, .error-summary").count() == 0, "the editor refused the article"
    assert datetime.now(SITE_ZONE) < at, "saving took longer than the lead time; nothing left to check"
    return at


def shows_article(tab, path: str) -> bool:
    tab.goto(path)
    return tab.locator("main").get_by_role("link", name=TITLE).count() > 0


def feed_titles(tab) -> list[str]:
    response = tab.request.get("/news/rss.xml")
    assert response.ok
    feed = feedparser.parse(response.body())
    assert not feed.bozo, f"the RSS feed does not parse: {feed.bozo_exception}"
    return [entry.title for entry in feed.entries]


def wait_until(moment: datetime) -> None:
    delay = (moment - datetime.now(SITE_ZONE)).total_seconds()
    if delay > 0:
        time.sleep(delay + 0.5)


def test_a_scheduled_article_appears_at_its_time(open_page, users, sign_in, tmp_path):
    editor = open_page()
    sign_in(editor, "editor")
    add_category(editor)
    at = write_scheduled_article(editor, make_photo(tmp_path / "kenh-xang.jpg"))

    citizen = open_page()
    assert not shows_article(citizen, "/news/"), "the listing shows the article before its time"
    assert not shows_article(citizen, "/"), "the home widget shows the article before its time"
    assert TITLE not in feed_titles(citizen), "the feed carries the article before its time"

    wait_until(at)
    assert shows_article(citizen, "/news/"), "the listing lacks the article after its time"
    assert shows_article(citizen, "/"), "the home widget lacks the article after its time"
    assert TITLE in feed_titles(citizen)

    citizen.locator("main").get_by_role("link", name=TITLE).first.click()
    citizen.wait_for_load_state()
    assert citizen.get_by_role("heading", level=1).inner_text().strip() == TITLE
    assert BODY in citizen.locator("main").inner_text()
    cover = citizen.locator("main").get_by_role("img", name=COVER_ALT).first
    assert cover.evaluate("img => img.complete && img.naturalWidth > 0"), "the cover does not load"
