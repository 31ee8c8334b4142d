"""The staff's statistics page, its CSV exports, and what reading costs."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from cms.plugin import call_hook

from ..recorder import recorder

pytestmark = [pytest.mark.plugins("stats"), pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})]


def rows_of(response) -> list[list[str]]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def history(clock, record):
    """Views on 9 and 10 May 2024 (local), now being 10 May, 10:00 local."""
    clock.set(datetime(2024, 5, 9, 1, 0))
    record("/gioi-thieu", 4)
    clock.set(datetime(2024, 5, 10, 3, 0))
    record("/", 6)
    record("/news/a", 2)


def test_staff_only(client, login):
    assert client.get("/admin/stats/").status_code == 302
    login("author")
    assert client.get("/admin/stats/").status_code == 403
    assert client.get("/admin/stats/daily.csv").status_code == 403


def test_page_shows_numbers_charts_and_top_pages(stats_store, client, login, history):
    login("editor")
    response = client.get("/admin/stats/?top=all")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count("<svg") == 3  # today by hour, 30 days, 365 days
    assert "<title>10/05/2024: 8</title>" in html and "<title>09/05/2024: 4</title>" in html
    assert "<title>10:00–10:59: 8</title>" in html  # 03:00 UTC is 10:00 in Viet Nam
    top = html[html.index('class="table stats-top"'):]
    assert top.index("/gioi-thieu") < top.index("/news/a")
    assert 'data-stat="total">12<' in html


def test_top_pages_follow_the_chosen_period(stats_store, client, login, history):
    login("editor")
    today = client.get("/admin/stats/?top=1").get_data(as_text=True)
    assert "/news/a" in today and 'href="/gioi-thieu"' not in today
    assert client.get("/admin/stats/?top=nonsense").status_code == 200


def test_csv_exports(stats_store, client, login, history):
    login("editor")
    daily = client.get("/admin/stats/daily.csv?days=30")
    assert daily.mimetype == "text/csv"
    assert 'filename="luot-xem-theo-ngay-30-ngay-20240510.csv"' in daily.headers["Content-Disposition"]
    rows = rows_of(daily)
    assert rows[0] == ["Ngày", "Lượt xem"] and len(rows) == 31
    assert rows[-2:] == [["2024-05-09", "4"], ["2024-05-10", "8"]]
    assert len(rows_of(client.get("/admin/stats/daily.csv?days=365"))) == 366
    hourly = rows_of(client.get("/admin/stats/hourly.csv"))
    assert len(hourly) == 25 and hourly[11] == ["2024-05-10 10:00", "8"]
    pages = rows_of(client.get("/admin/stats/pages.csv?top=all"))
    assert pages == [["Đường dẫn", "Lượt xem"], ["/", "6"], ["/gioi-thieu", "4"], ["/news/a", "2"]]


def test_admin_page_queries_do_not_grow_with_the_data(app, client, login, clock, record, count_queries):
    login("editor")
    client.get("/admin/stats/")
    with count_queries() as few:
        client.get("/admin/stats/?top=30")
    for day in range(1, 29):
        clock.set(datetime(2024, 5, day, 3, 0))
        for page in range(5):
            record(f"/news/{day}-{page}", 1)
    login("editor")  # days later the idle session has ended
    with count_queries() as many:
        assert client.get("/admin/stats/?top=30").status_code == 200
    assert len(many) == len(few)


@pytest.mark.cms_config({"STATS_CACHE_SECONDS": 60, "STATS_FLUSH_SECONDS": 3600})
def test_page_views_cost_no_statistics_query_on_the_request_path(app, view, count_queries, numbers):
    view("/")
    with count_queries() as queries:
        for _ in range(20):
            assert view("/").status_code == 200
    recorder().close()  # a clean shutdown writes the buffer
    assert [q for q in queries if "stats_" in q] == []
    assert recorder().store.total() == 21


def test_summary_command(app, runner, record):
    record("/", 1234)
    result = runner.invoke(args=["cms", "stats", "summary"])
    assert result.exit_code == 0, result.output
    assert "1.234" in result.output and "/" in result.output


def test_demo_history_fills_the_widget_and_charts(app, client, login, numbers):
    call_hook("load_demo_content")
    counted = numbers()
    assert counted.total > 50_000 and counted.today > 0 and counted.yesterday > 0
    login("editor")
    html = client.get("/admin/stats/").get_data(as_text=True)
    assert "<title>" in html and call_hook("most_viewed_paths", prefix="/", limit=1, days=None)[0][0][0] == "/"


def test_csv_cells_cannot_become_formulas(client, login, monkeypatch):
    """Paths start with "/" today; the writer neutralises any cell all the
    same, whatever a store returns."""
    from .. import queries

    hostile = [('=HYPERLINK("http://evil.example","x")', 3), ("+1+1", 2), ("@SUM(1)", 1), ("-1", -1)]
    monkeypatch.setattr(queries, "top_paths", lambda *args: hostile)
    login("editor")
    rows = rows_of(client.get("/admin/stats/pages.csv?top=all"))
    assert rows[1:] == [["'" + path, str(views)] for path, views in hostile]
