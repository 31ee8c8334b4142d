"""What is counted as a page view, and what is not."""
from __future__ import annotations

import re

import pytest

from cms.plugin import call_hook
from cms.testing import save_plugin_settings, set_plugin_enabled

pytestmark = [pytest.mark.plugins("stats"), pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})]

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def widget_numbers(html: str) -> dict[str, str]:
    return dict(re.findall(r'<dd data-stat="(\w+)">([^<]*)</dd>', html))


def test_each_page_view_is_counted_and_shown_in_the_widget(stats_store, view, numbers):
    for _ in range(3):
        assert view("/").status_code == 200
    counted = numbers()
    assert (counted.total, counted.today, counted.month, counted.online) == (3, 3, 3, 1)
    html = view("/").get_data(as_text=True)
    assert "Thống kê truy cập" in html
    assert widget_numbers(html) == {"total": "3", "today": "3", "yesterday": "0", "month": "3", "online": "1"}


def test_widget_numbers_are_grouped_the_vietnamese_way(stats_store, record, view):
    record("/", 1_234_567)
    html = view("/").get_data(as_text=True)
    assert widget_numbers(html)["total"] == "1.234.567"


def test_widget_goes_to_the_slot_the_admin_chose(stats_store, view):
    def slot_of(html: str) -> str:
        widget = html.index("stats-widget")
        return "footer" if widget > html.index('<footer class="site-footer"') else "sidebar"

    assert slot_of(view("/").get_data(as_text=True)) == "footer"
    save_plugin_settings("stats", slot="sidebar")
    assert slot_of(view("/").get_data(as_text=True)) == "sidebar"


@pytest.mark.parametrize("user_agent", [GOOGLEBOT, "curl/8.5.0", "python-requests/2.31.0", ""])
def test_bots_are_not_counted(stats_store, view, numbers, user_agent):
    assert view("/", user_agent=user_agent).status_code == 200
    assert numbers().total == 0
    view("/")
    assert numbers().total == 1


def test_static_files_health_checks_head_errors_and_json_are_not_counted(stats_store, client, view, numbers):
    assert view("/_plugins/stats/static/stats.js").status_code == 200
    assert view("/_plugins/stats/static/stats.css").status_code == 200
    view("/static/css/site.css")
    assert view("/healthz").status_code == 200
    assert client.head("/", headers={"User-Agent": "Mozilla/5.0 Firefox/125.0"}).status_code == 200
    assert view("/no-such-page").status_code == 404
    assert view("/stats/counter.json").status_code == 200
    assert numbers().total == 0
    view("/")
    assert numbers().total == 1


def test_admin_pages_are_not_counted_even_when_staff_views_are(stats_store, view, numbers, login):
    save_plugin_settings("stats", exclude_staff=False)
    login("editor")
    for path in ("/admin/", "/admin/stats/"):
        assert view(path).status_code == 200
    assert numbers().total == 0
    view("/")
    assert numbers().total == 1


def test_staff_own_views_are_excluded_by_the_setting(stats_store, view, numbers, login):
    login("editor")
    view("/")
    assert numbers().total == 0
    save_plugin_settings("stats", exclude_staff=False)
    view("/")
    assert numbers().total == 1


def test_one_visitor_is_one_online_and_two_are_two(stats_store, view, numbers):
    first = view("/", ip="198.51.100.1")
    cookie = first.headers["Set-Cookie"]
    assert re.match(r"sen_visitor=[0-9a-f]{32};", cookie)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Set-Cookie" not in view("/", ip="198.51.100.1").headers  # the browser sent it back
    assert numbers().online == 1
    view("/", ip="198.51.100.2", user_agent="Mozilla/5.0 (Android 14) Chrome/124.0 Mobile")
    assert numbers().online == 2
    assert numbers().total == 3


def test_without_cookies_a_visitor_is_still_one_visitor(stats_store, view, numbers):
    for _ in range(3):
        response = view("/", ip="198.51.100.9", DNT="1")
        assert "Set-Cookie" not in response.headers  # Do Not Track: no cookie at all
    assert (numbers().total, numbers().online) == (3, 1)


def test_counter_endpoint_gives_the_widget_numbers_and_keeps_the_reader_online(stats_store, view, clock):
    view("/")
    clock.advance(minutes=4)
    data = view("/stats/counter.json").get_json()
    assert data["counts"] == {"total": 1, "today": 1, "yesterday": 0, "month": 1, "online": 1}
    assert data["formatted"]["total"] == "1"
    clock.advance(minutes=4)  # 8 minutes after the view, 4 after the refresh
    response = view("/stats/counter.json")
    assert response.get_json()["counts"]["online"] == 1
    assert "no-store" in response.headers["Cache-Control"]
    assert view("/stats/counter.json", user_agent=GOOGLEBOT).get_json()["counts"]["total"] == 1


def test_page_view_counts_hook_answers_for_every_path_asked(stats_store, record):
    record("/news/a", 3)
    record("/news/b")
    record("/gioi-thieu", 2)
    assert call_hook("page_view_counts", paths=["/news/a", "/news/b", "/news/none"]) == [
        {"/news/a": 3, "/news/b": 1, "/news/none": 0}]


def test_most_viewed_paths_hook_filters_by_prefix_and_period(stats_store, record, clock):
    record("/news/old", 5)
    clock.advance(days=10)
    record("/news/a", 3)
    record("/news/b", 1)
    record("/gioi-thieu", 9)
    assert call_hook("most_viewed_paths", prefix="/news/", limit=2, days=None) == [[("/news/old", 5), ("/news/a", 3)]]
    assert call_hook("most_viewed_paths", prefix="/news/", limit=5, days=7) == [[("/news/a", 3), ("/news/b", 1)]]
    assert call_hook("most_viewed_paths", prefix="/", limit=1, days=1) == [[("/gioi-thieu", 9)]]


def test_most_viewed_prefix_is_literal(stats_store, record):
    record("/newsXa", 2)
    record("/news_a", 1)
    assert call_hook("most_viewed_paths", prefix="/news_", limit=5, days=None) == [[("/news_a", 1)]]


def test_nothing_is_counted_while_the_plugin_is_disabled(stats_store, app, view, numbers):
    set_plugin_enabled("stats", False)
    view("/")
    assert "stats-widget" not in view("/").get_data(as_text=True)
    assert call_hook("page_view_counts", paths=["/"]) == []
    set_plugin_enabled("stats", True)
    assert numbers().total == 0
