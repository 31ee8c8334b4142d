"""An admin switches a plugin off: its pages, its sidebar widget, its assets,
its sitemap entry and its admin section disappear on the next request, with
no restart; switching it on brings everything back. The plugin is the test
plugin ``hello``, which contributes through every hook, so the journey does
not depend on which bundled plugins are installed."""
from __future__ import annotations

import pytest
from fixture_plugins import GOOD

from cms.testing import use_plugins

pytestmark = [pytest.mark.browser, pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})]

PREFIX, MENU = "/xin-chao/", "Xin chào"


def hello_traces(tab) -> list[str]:
    """What the plugin puts on the current page: links, assets and its widget."""
    return tab.evaluate("""() => [
        ...Array.from(document.querySelectorAll('a[href*="/xin-chao/"]'), a => a.getAttribute('href')),
        ...Array.from(document.querySelectorAll('link[href*="/_plugins/hello/"], script[src*="/_plugins/hello/"]'),
                      el => el.getAttribute('href') || el.getAttribute('src')),
        ...Array.from(document.querySelectorAll('.hello-widget'), el => el.outerHTML),
    ]""")


def status_of(tab, path: str) -> int:
    return tab.request.get(path).status


def switch_hello(admin, action: str) -> None:
    admin.goto("/admin/plugins/")
    admin.locator("#plugin-hello").get_by_role("button", name=action).click()
    admin.wait_for_load_state()
    done = "Đã tắt plugin Xin chào" if action == "Tắt" else "Đã bật plugin Xin chào"
    assert done in admin.locator("body").inner_text(), f"{action} was refused"
    assert admin.locator("#plugin-hello .plugin-problem").count() == 0


def assert_hello_shown(citizen, admin) -> None:
    citizen.goto("/")
    assert citizen.locator("aside .hello-widget").count() == 1, "the plugin's sidebar widget is missing"
    assert any("/_plugins/hello/" in trace for trace in hello_traces(citizen)), "the plugin's assets are missing"
    assert status_of(citizen, PREFIX) == 200
    assert PREFIX in citizen.request.get("/sitemap.xml").text()
    admin.goto("/admin/")
    assert admin.locator("nav").get_by_role("link", name=MENU, exact=True).count() == 1


def test_disabling_a_plugin_hides_it_at_once_and_enabling_restores_it(app, open_page, users, sign_in):
    use_plugins(app, ["hello"])  # alone: no other plugin requires it
    admin, citizen = open_page(), open_page()
    sign_in(admin, "admin")
    assert_hello_shown(citizen, admin)

    switch_hello(admin, "Tắt")
    citizen.goto("/")
    assert hello_traces(citizen) == [], "the home page still shows the plugin"
    assert status_of(citizen, PREFIX) == 404
    assert PREFIX not in citizen.request.get("/sitemap.xml").text()
    admin.goto("/admin/")
    assert admin.locator("nav").get_by_role("link", name=MENU, exact=True).count() == 0

    switch_hello(admin, "Bật")
    assert_hello_shown(citizen, admin)
