"""An editor turns on two-step verification from the account page (the QR
code shows inline, nothing is fetched from elsewhere), keeps the recovery
codes, and from then on logs in with the password and a code from the app."""
from __future__ import annotations

import time

import pyotp
import pytest

from cms.testing import PASSWORD

pytestmark = pytest.mark.browser


def password_step(tab, username: str) -> None:
    tab.goto("/login")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.viewports("desktop")
def test_enrol_then_log_in_with_a_code(page, users):
    password_step(page, "editor")
    page.goto("/account/password")
    page.get_by_role("link", name="Cài đặt xác thực hai bước").click()
    assert page.locator(".qr-code svg path").count() == 1
    secret = page.locator("[data-totp-secret]").inner_text().strip()
    page.get_by_label("Mã xác thực").fill(pyotp.TOTP(secret).now())
    with page.expect_navigation():
        page.get_by_role("button", name="Bật xác thực hai bước").click()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Tôi đã lưu các mã, tiếp tục").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()

    password_step(page, "editor")
    assert "/login/code" in page.url
    # The next window's code: the one used to enrol cannot be replayed.
    page.get_by_label("Mã xác thực").fill(pyotp.TOTP(secret).at(time.time() + 30))
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận").click()
    assert page.url.endswith("/admin/")
    assert page.get_by_role("heading", name="Tổng quan").count() == 1
