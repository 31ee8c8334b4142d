"""In a real browser: the widget keeps itself current on an open (or cached) page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"

pytestmark = [pytest.mark.browser, pytest.mark.viewports("desktop"), pytest.mark.plugins("stats")]


@pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0, "STATS_REFRESH_SECONDS": 1})
def test_the_widget_refreshes_its_numbers_without_a_reload(app, open_page, record):
    tab = open_page(user_agent=BROWSER_UA)
    tab.goto("/")
    total = tab.locator('.stats-widget [data-stat="total"]')
    expect(total).to_have_text(re.compile(r"^[01]$"))  # this view is counted after rendering
    record("/gioi-thieu", 1000)  # other readers, meanwhile
    expect(total).to_have_text("1.001", timeout=10_000)
    expect(tab.locator('.stats-widget [data-stat="online"]')).to_have_text("2")  # this reader and "v"


def test_the_server_rendered_numbers_need_no_javascript(app, open_page, record):
    record("/", 2500)
    tab = open_page(user_agent=BROWSER_UA, java_script_enabled=False)
    tab.goto("/")
    expect(tab.locator('.stats-widget [data-stat="total"]')).to_have_text("2.500")
    expect(tab.get_by_text("Thống kê truy cập")).to_be_visible()
