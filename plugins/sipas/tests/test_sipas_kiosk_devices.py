"""The kiosk pages share the questionnaire's limit per address; a kiosk an
admin registered with a device token gets the kiosk limit, per device."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from cms.plugin import db
from cms.testing import audit_count, save_plugin_settings

from ..models import KioskDevice
from .sipas_helpers import form_data, stored

pytestmark = [pytest.mark.plugins("sipas"), pytest.mark.cms_config({"RATELIMIT_ENABLED": True})]


def send(client, url: str = "/sipas/kiosk/p1", times: int = 1) -> list[int]:
    return [client.post(url, data=form_data()).status_code for _ in range(times)]


def issue(client, login, name: str = "Kiosk quầy 1") -> str:
    login("admin")
    page = client.post("/admin/sipas/kiosks/", data={"name": name})
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    token = re.search(r'<code class="sipas-token">([^<]+)</code>', page.get_data(as_text=True)).group(1)
    assert f"/sipas/thiet-bi-kiosk#ma={token}" in page.get_data(as_text=True)
    client.post("/logout")
    return token


def register(app, token: str):
    device = app.test_client()
    page = device.post("/sipas/thiet-bi-kiosk", data={"token": token})
    assert page.status_code == 200 and "đã được đăng ký là kiosk" in page.get_data(as_text=True)
    return device


def test_the_kiosk_url_shares_the_questionnaire_limit(client, sipas):
    """60 answers in 14 s went through the kiosk URL from one address."""
    assert send(client, "/sipas/", times=3) == [303] * 3
    assert send(client, times=3) == [303, 303, 429]
    assert stored()["sipas_response"] == 5


def test_a_registered_kiosk_answers_under_its_own_limit(app, client, login, sipas):
    save_plugin_settings("sipas", kiosk_rate_limit="8 per minute")
    device = register(app, issue(client, login))
    assert send(device, times=9) == [303] * 8 + [429]
    assert send(client, times=6) == [303] * 5 + [429], "a visitor at the same address keeps the usual limit"
    assert audit_count("sipas.kiosk_device.issued") == 1


def test_only_a_hash_of_the_token_is_kept_and_a_wrong_token_is_refused(app, client, login, sipas):
    token = issue(client, login)
    stored_hash = db.session.scalar(select(KioskDevice.token_hash))
    assert token not in stored_hash and len(stored_hash) == 64
    refused = app.test_client().post("/sipas/thiet-bi-kiosk", data={"token": token + "x"})
    assert refused.status_code == 400 and "không đúng hoặc đã bị thu hồi" in refused.get_data(as_text=True)
    assert "sipas_kiosk=" not in refused.headers.get("Set-Cookie", "")


def test_a_revoked_kiosk_answers_as_any_visitor(app, client, login, sipas):
    device = register(app, issue(client, login))
    login("admin")
    device_id = db.session.scalar(select(KioskDevice.id))
    assert client.post(f"/admin/sipas/kiosks/{device_id}/revoke").status_code == 302
    assert "Chưa có thiết bị nào" in client.get("/admin/sipas/kiosks/").get_data(as_text=True)
    assert send(device, times=6) == [303] * 5 + [429]
    assert audit_count("sipas.kiosk_device.revoked") == 1


def test_only_admins_issue_device_tokens(client, login, sipas):
    login("editor")
    assert client.get("/admin/sipas/kiosks/").status_code == 403
    assert client.post("/admin/sipas/kiosks/", data={"name": "x"}).status_code == 403
    assert db.session.scalar(select(KioskDevice.id)) is None
