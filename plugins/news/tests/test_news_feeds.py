"""RSS 2.0 and Atom feeds, checked with a real feed parser."""
from __future__ import annotations

import feedparser
import pytest

pytestmark = pytest.mark.plugins("news")


@pytest.fixture
def newsroom(make_category, make_article):
    parent = make_category("Cải cách hành chính")
    child = make_category("Phổ biến pháp luật", parent=parent)
    other = make_category("Văn hóa")
    make_article("Tuyên truyền luật đất đai", [child], ago=3, byline="Hữu Tài",
                 body='<p>Thân bài <a href="/news/khac">liên kết</a> &amp; “ngoặc kép”.</p>')
    make_article("Một cửa lấy số qua điện thoại", [parent], ago=2, summary="Giảm thời gian chờ.")
    make_article("Lễ hội đua ghe", [other], ago=1)
    make_article("Bản nháp", [parent], status="draft", ago=None)
    make_article("Hẹn giờ", [parent], status="scheduled", ago=-2)
    return parent


@pytest.mark.parametrize("url, version", [("/news/rss.xml", "rss20"), ("/news/atom.xml", "atom10")])
def test_site_feeds_parse_without_errors(client, newsroom, url, version):
    response = client.get(url)
    feed = feedparser.parse(response.data)
    assert response.status_code == 200
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert [e.title for e in feed.entries] == ["Lễ hội đua ghe", "Một cửa lấy số qua điện thoại",
                                               "Tuyên truyền luật đất đai"]
    assert feed.entries[0].link == "http://portal.test/news/le-hoi-dua-ghe"
    assert feed.entries[1].summary == "Giảm thời gian chờ."
    assert "“ngoặc kép”" in feed.entries[2].content[0].value


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed_includes_subcategories(client, newsroom, kind):
    response = client.get(f"/news/danh-muc/cai-cach-hanh-chinh/{kind}.xml")
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert "Cải cách hành chính" in feed.feed.title
    assert [e.title for e in feed.entries] == ["Một cửa lấy số qua điện thoại", "Tuyên truyền luật đất đai"]
    assert client.get(f"/news/danh-muc/khong-co/{kind}.xml").status_code == 404


def test_empty_feed_is_still_valid(client):
    for url in ("/news/rss.xml", "/news/atom.xml"):
        feed = feedparser.parse(client.get(url).data)
        assert feed.bozo == 0 and feed.entries == []


def test_feeds_are_discoverable_and_answer_conditional_requests(client, newsroom):
    html = client.get("/news/danh-muc/cai-cach-hanh-chinh").get_data(as_text=True)
    assert 'type="application/rss+xml"' in html and "/news/danh-muc/cai-cach-hanh-chinh/atom.xml" in html
    first = client.get("/news/rss.xml")
    assert first.headers["Content-Type"] == "application/rss+xml; charset=utf-8"
    again = client.get("/news/rss.xml", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304
    assert client.get("/news/rss.xml", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
