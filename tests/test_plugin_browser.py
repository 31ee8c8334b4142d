"""The plugins page in a real browser: an admin switches a plugin off and
on and changes its settings, with CSRF on and the Content-Security-Policy
enforced."""
from __future__ import annotations

import pytest
from fixture_plugins import BROKEN, GOOD

from cms.testing import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.viewports("desktop"),
    pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD, BROKEN]}),
]


def sign_in_as_admin(tab) -> None:
    tab.goto("/login")
    tab.get_by_label("Tên đăng nhập").fill("admin")
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    with tab.expect_navigation():
        tab.get_by_label("Mật khẩu").press("Enter")


def test_admin_switches_a_plugin_off_and_on(page, users):
    sign_in_as_admin(page)
    page.get_by_role("link", name="Plugin", exact=True).click()
    assert "broken on purpose at import" in page.locator("#plugin-raises_at_import").inner_text()
    card = page.locator("#plugin-needs_hello")
    card.get_by_role("button", name="Tắt").click()
    assert "Đã tắt plugin Cần Xin chào" in page.locator("body").inner_text()
    page.locator("#plugin-hello").get_by_role("button", name="Tắt").click()
    assert "Không thể tắt" not in page.locator("body").inner_text()
    assert "Cần bật trước: hello." in page.locator("#plugin-needs_hello").inner_text()
    page.locator("#plugin-needs_hello").get_by_role("button", name="Bật").click()
    assert "cần bật trước plugin hello" in page.locator("body").inner_text()
    page.locator("#plugin-hello").get_by_role("button", name="Bật").click()
    assert "Đã bật plugin Xin chào" in page.locator("body").inner_text()


def test_admin_changes_settings_and_sees_the_errors_first(page, users):
    sign_in_as_admin(page)
    page.goto("/admin/plugins/hello/settings")
    page.get_by_label("Số lần").fill("9")
    page.get_by_role("button", name="Lưu cài đặt").click()
    assert "Giá trị không được lớn hơn 5." in page.locator("body").inner_text()
    page.get_by_label("Số lần").fill("2")
    page.get_by_label("Lời chào").fill("Chào bà con")
    page.get_by_role("button", name="Lưu cài đặt").click()
    assert "Đã lưu cài đặt của Xin chào." in page.locator("body").inner_text()
    page.goto("/xin-chao/")
    assert page.locator("h1").inner_text() == "Chào bà con Chào bà con"
