"""The admin plugins page: the list, enabling and disabling, settings forms."""
from __future__ import annotations

import pytest
from fixture_plugins import BROKEN, BROKEN_REASONS, GOOD
from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, PluginSetting, PluginState
from cms.plugin import is_enabled
from cms.pluginhost import host
from cms.statecache import bump_generation

WITH_ALL = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD, BROKEN]})
WITH_GOOD = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})


def text(response) -> str:
    return response.get_data(as_text=True)


def card(page: str, name: str) -> str:
    """The part of the plugins page about one plugin."""
    return page.split(f'id="plugin-{name}"', 1)[1].split('<li class="plugin-card', 1)[0]


@WITH_ALL
def test_only_admins_see_the_plugins_page(client, login):
    assert client.get("/admin/plugins/").status_code == 302
    login("editor")
    assert client.get("/admin/plugins/").status_code == 403
    assert client.post("/admin/plugins/hello/disable").status_code == 403
    assert is_enabled("hello")


@WITH_ALL
def test_the_page_lists_every_plugin_with_its_problems_and_faults(client, login):
    client.get("/")  # the raising widgets fail once
    login("admin")
    response = client.get("/admin/plugins/")
    assert response.status_code == 200
    page = text(response)
    hello = card(page, "hello")
    facts = ("Xin chào", "1.2.0", GOOD, "Đang bật", "Plugin thử nghiệm dùng mọi hook.", "/xin-chao/", "needs_hello")
    for fact in facts:
        assert fact in hello, fact
    assert "hello (đang bật)" in card(page, "needs_hello")
    for name, reason in BROKEN_REASONS.items():
        broken = card(page, name)
        assert "Không chạy được" in broken and reason.replace("<", "&lt;") in broken, name
    faulty = card(page, "raises_in_widget")
    fault = host().faults["raises_in_widget"]
    assert "Lỗi khi chạy" in faulty and f"{fault.count} lần" in faulty
    assert fault.last_where in faulty and "no_such_table_at_all" in faulty
    assert 'href="/admin/plugins/"' in page  # the admin menu has the entry


@WITH_GOOD
def test_disabling_and_enabling_from_the_page(client, login):
    login("admin")
    response = client.post("/admin/plugins/needs_hello/disable", follow_redirects=True)
    assert "Đã tắt plugin Cần Xin chào" in text(response)
    assert not is_enabled("needs_hello")
    response = client.post("/admin/plugins/needs_hello/enable", follow_redirects=True)
    assert "Đã bật plugin Cần Xin chào" in text(response)
    assert is_enabled("needs_hello")


@WITH_GOOD
def test_refusals_are_explained(client, login):
    login("admin")
    response = client.post("/admin/plugins/hello/disable", follow_redirects=True)
    assert "Không thể tắt hello vì plugin needs_hello đang cần nó" in text(response)
    assert is_enabled("hello")
    host().set_enabled("needs_hello", False)
    host().set_enabled("hello", False)
    page = text(client.get("/admin/plugins/"))
    assert "Cần bật trước: hello." in card(page, "needs_hello")
    response = client.post("/admin/plugins/needs_hello/enable", follow_redirects=True)
    assert "Không thể bật needs_hello: cần bật trước plugin hello." in text(response)
    assert not is_enabled("needs_hello")


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD], "WTF_CSRF_ENABLED": True})
def test_buttons_need_the_csrf_token(client, users):
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    from cms.testing import PASSWORD

    login_response = client.post("/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert login_response.status_code == 302
    assert client.post("/admin/plugins/needs_hello/disable").status_code == 400
    assert is_enabled("needs_hello")


@WITH_GOOD
def test_removed_plugins_are_listed_with_their_data_kept(client, login):
    db.session.add(PluginState(name="gone_plugin", enabled=True))
    bump_generation()
    db.session.commit()
    login("admin")
    assert "Đã gỡ bỏ" in card(text(client.get("/admin/plugins/")), "gone_plugin")


# -- settings ---------------------------------------------------------------------


@WITH_GOOD
def test_settings_form_shows_the_schema_with_current_values(client, login):
    login("admin")
    response = client.get("/admin/plugins/hello/settings")
    assert response.status_code == 200
    page = text(response)
    assert 'value="Xin chào bà con"' in page
    assert 'type="number"' in page and 'max="5"' in page and 'min="1"' in page
    assert 'type="checkbox"' in page
    assert '<option selected value="red">Đỏ</option>' in page
    assert "<textarea" in page
    assert 'name="url_prefix"' in page
    assert 'name="url_prefix"' not in text(client.get("/admin/plugins/needs_hello/settings"))


@WITH_GOOD
def test_invalid_settings_are_refused_with_reasons(client, login):
    login("admin")
    response = client.post("/admin/plugins/hello/settings", data={
        "greeting": "", "times": "9", "ratio": "nhiều", "color": "green", "note": "", "url_prefix": "/admin/"})
    assert response.status_code == 400
    page = text(response)
    for message in ("Trường này là bắt buộc.", "Giá trị không được lớn hơn 5.", "Cần một số.",
                    "Giá trị không nằm trong danh sách cho phép.", "Đường dẫn này đã được dùng"):
        assert message in page, message
    assert db.session.scalars(select(PluginSetting)).all() == []


@WITH_GOOD
def test_valid_settings_are_stored_audited_and_used(client, login):
    login("admin")
    response = client.post("/admin/plugins/hello/settings", data={
        "greeting": "Chào buổi sáng", "times": "2", "shout": "y", "ratio": "0,25", "color": "blue",
        "note": "dòng 1\ndòng 2", "url_prefix": "/xin-chao/"}, follow_redirects=True)
    assert "Đã lưu cài đặt của Xin chào." in text(response)
    settings = host().settings_of("hello")
    assert (settings["greeting"], settings["times"], settings["shout"], settings["ratio"], settings["color"]) == (
        "Chào buổi sáng", 2, True, 0.25, "blue")
    assert "CHÀO BUỔI SÁNG CHÀO BUỔI SÁNG" in text(client.get("/xin-chao/"))
    detail = db.session.scalar(select(AuditEntry.detail).where(AuditEntry.action == "plugin.settings"))
    assert detail.startswith("plugin=hello") and "times: 1 → 2" in detail


@WITH_GOOD
def test_a_blank_number_restores_the_default(client, login):
    host().save_settings("hello", {"times": 3})
    db.session.commit()
    login("admin")
    client.post("/admin/plugins/hello/settings", data={
        "greeting": "Chào", "times": "", "ratio": "0.5", "color": "red", "url_prefix": "/xin-chao/"})
    assert host().settings_of("hello")["times"] == 1


@WITH_GOOD
def test_unknown_plugins_have_no_settings_page(client, login):
    login("admin")
    assert client.get("/admin/plugins/nothing/settings").status_code == 404
