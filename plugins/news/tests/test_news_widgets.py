"""The "Tin mới" and "Tin xem nhiều" widgets, and view counts from the
statistics provider: a stand-in for the hook contract, the stats plugin
for the whole way."""
from __future__ import annotations

import re

import pytest

from cms.testing import expire_widget_caches, save_plugin_settings

from . import standins

pytestmark = pytest.mark.plugins("news")


def section(html: str, css_class: str) -> str:
    match = re.search(rf'<section class="[^"]*{css_class}[^"]*".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_latest_news_on_the_home_page_honours_its_count(client, make_category, make_article):
    category = make_category("Tin")
    for number in range(5):
        make_article(f"Bài {number}", [category], ago=number + 1)
    make_article("Bản nháp", [category], status="draft")
    save_plugin_settings("news", latest_count=3)
    widget = section(client.get("/").get_data(as_text=True), "news-latest")
    assert "Tin mới" in widget
    assert re.findall(r"Bài \d", widget) == ["Bài 0", "Bài 1", "Bài 2"]
    assert "Bản nháp" not in widget


def test_latest_news_is_absent_without_articles(client):
    assert "news-latest" not in client.get("/").get_data(as_text=True)


def test_most_read_is_hidden_without_a_statistics_provider(client, make_category, make_article):
    make_article("Bài", [make_category("Tin")])
    html = client.get("/news/bai").get_data(as_text=True)
    assert "Tin xem nhiều" not in html
    assert "Lượt xem" not in html and "lượt xem" not in client.get("/news/").get_data(as_text=True)


@standins.loaded
def test_most_read_ranks_articles_by_views(client, make_category, make_article, view_stats):
    category = make_category("Tin")
    for slug in ("mot", "hai", "ba"):
        make_article(slug.title(), [category], slug=slug)
    make_article("Nháp", [category], status="draft", slug="nhap")
    view_stats.views = {"/news/mot": 5, "/news/hai": 1234, "/news/ba": 40, "/news/": 999999,
                        "/news/nhap": 5000, "/news/danh-muc/tin": 70000, "/news/bi-xoa": 800}
    save_plugin_settings("news", most_read_count=2, most_read_days=7)
    widget = section(client.get("/").get_data(as_text=True), "news-most-read")
    assert re.findall(r'href="/news/(\w+)"', widget) == ["hai", "ba"]
    assert "1.234 lượt xem" in widget and "Trong 7 ngày qua" in widget
    asked = [kwargs for name, kwargs in view_stats.calls if name == "most_viewed_paths"][-1]
    assert asked["prefix"] == "/news/" and asked["days"] == 7 and asked["limit"] >= 2


@standins.loaded
def test_view_counts_on_article_and_listing(client, make_category, make_article, view_stats):
    make_article("Bài", [make_category("Tin")], slug="bai")
    view_stats.views = {"/news/bai": 1500}
    assert re.search(r"<dt>Lượt xem</dt><dd>1.500</dd>", client.get("/news/bai").get_data(as_text=True))
    assert "1.500 lượt xem" in client.get("/news/").get_data(as_text=True)


@standins.loaded
def test_view_counts_can_be_hidden(client, make_category, make_article, view_stats):
    make_article("Bài", [make_category("Tin")], slug="bai")
    view_stats.views = {"/news/bai": 1500}
    assert "Lượt xem" in client.get("/news/bai").get_data(as_text=True)
    save_plugin_settings("news", show_view_counts=False)
    assert "Lượt xem" not in client.get("/news/bai").get_data(as_text=True)


@pytest.mark.plugins("news", "stats")
def test_counts_come_from_the_stats_plugin_when_enabled(client, make_category, make_article):
    browser = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}
    category = make_category("Tin")
    make_article("Một", [category], slug="mot")
    make_article("Hai", [category], slug="hai")
    for number in range(3):
        client.get("/news/hai", headers=browser, environ_base={"REMOTE_ADDR": f"198.51.100.{number}"})
    client.get("/news/mot", headers=browser, environ_base={"REMOTE_ADDR": "198.51.100.9"})
    expire_widget_caches()  # the box is cached for 30 s, as long as the ranking itself
    widget = section(client.get("/", headers=browser).get_data(as_text=True), "news-most-read")
    assert re.findall(r'href="/news/(\w+)"', widget) == ["hai", "mot"]
    assert "3 lượt xem" in widget
    assert "<dt>Lượt xem</dt>" in client.get("/news/hai", headers=browser).get_data(as_text=True)
