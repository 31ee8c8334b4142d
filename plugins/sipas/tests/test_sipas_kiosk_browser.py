"""In a real browser: the admin's setup link registers a kiosk device, the
token travelling after '#' (never sent to the server) and filled in by the
page's script within the Content-Security-Policy."""
from __future__ import annotations

import pytest

from ..services.devices import issue_device

pytestmark = [pytest.mark.browser, pytest.mark.plugins("sipas")]


def test_the_setup_link_registers_the_kiosk(page, live_server, users, sipas):
    device, token = issue_device("Kiosk quầy 1", users["admin"])
    page.goto(f"{live_server}/sipas/thiet-bi-kiosk#ma={token}")
    assert page.get_by_label("Mã thiết bị kiosk").input_value() == token
    assert "#" not in page.url, "the token leaves the address bar"
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký thiết bị này").click()
    assert "đã được đăng ký là kiosk “Kiosk quầy 1”" in page.locator("main").inner_text()
    cookie = next(c for c in page.context.cookies() if c["name"] == "sipas_kiosk")
    assert cookie["httpOnly"] and cookie["value"] == token
