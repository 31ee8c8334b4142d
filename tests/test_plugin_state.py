"""Enabling and disabling plugins at runtime, across workers sharing a database."""
from __future__ import annotations

import time

import pytest
from fixture_plugins import GOOD
from sqlalchemy import select

from cms.config import Defaults
from cms.extensions import db
from cms.models import PluginState
from cms.plugin import call_hook, is_enabled
from cms.pluginhost import PluginError, host
from cms.statecache import bump_generation

pytestmark = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})


def disable_hello() -> None:
    host().set_enabled("needs_hello", False)
    host().set_enabled("hello", False)


def test_disabled_plugin_is_silent_and_keeps_its_data(app, client, login):
    from fixture_plugins.good.hello.models import HelloGreeting, greeting_count

    db.session.add(HelloGreeting(text="giữ lại"))
    db.session.commit()
    with app.test_request_context():
        from cms.plugin import static_url

        css = static_url("hello", "hello.css")
    disable_hello()
    home = client.get("/").get_data(as_text=True)
    assert "hello-widget" not in home and "hello.css" not in home and "needs-hello" not in home
    assert client.get("/xin-chao/").status_code == 404
    assert client.get(css).status_code == 404
    assert call_hook("page_view_counts", paths=["/"]) == []
    login("admin")
    assert client.get("/admin/hello/").status_code == 404
    assert "/admin/hello/" not in client.get("/admin/").get_data(as_text=True)
    assert greeting_count() == 1

    host().set_enabled("hello", True)
    assert client.get("/xin-chao/").status_code == 200
    assert "1 lời chào" in client.get("/").get_data(as_text=True)


def test_a_dependency_must_be_enabled_first_and_disabled_last(app):
    with pytest.raises(PluginError, match="needs_hello"):
        host().set_enabled("hello", False)
    assert is_enabled("hello")
    disable_hello()
    with pytest.raises(PluginError, match="cần bật trước plugin hello"):
        host().set_enabled("needs_hello", True)
    assert not is_enabled("needs_hello")


def test_a_plugin_whose_dependency_is_off_is_off(app, client):
    """Even when the rows say otherwise (edited by hand, or a race)."""
    db.session.get(PluginState, "hello").enabled = False
    bump_generation()
    db.session.commit()
    assert not is_enabled("needs_hello")
    assert "needs-hello" not in client.get("/").get_data(as_text=True)


def test_unknown_plugins_cannot_be_enabled(app):
    with pytest.raises(PluginError):
        host().set_enabled("no_such_plugin", True)


def test_enabling_and_disabling_is_audited(app):
    from cms.models import AuditEntry

    disable_hello()
    host().set_enabled("hello", True)
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.detail == "plugin=hello")).all()
    assert actions == ["plugin.disabled", "plugin.enabled"]


def test_another_worker_sees_a_disable_within_two_seconds(app, make_app):
    """Two apps on one database, the second with the real refresh interval."""
    assert Defaults.PLUGIN_REFRESH_SECONDS <= 1.0
    other = make_app(PLUGIN_REFRESH_SECONDS=Defaults.PLUGIN_REFRESH_SECONDS).test_client()
    assert other.get("/xin-chao/").status_code == 200
    disable_hello()
    assert _seconds_until(lambda: other.get("/xin-chao/").status_code == 404) < 2.0
    host().set_enabled("hello", True)
    assert _seconds_until(lambda: other.get("/xin-chao/").status_code == 200) < 2.0


def _seconds_until(condition, limit: float = 5.0) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, "the other worker never noticed"
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD], "PLUGIN_REFRESH_SECONDS": Defaults.PLUGIN_REFRESH_SECONDS})
def test_hook_calls_do_not_query_the_state(app, client, count_queries):
    client.get("/")  # loads the cache
    with count_queries() as queries:
        for _ in range(100):
            call_hook("page_view_counts", paths=["/"])
            is_enabled("hello")
    assert queries == []


def test_the_state_is_checked_once_per_request(app, client, count_queries):
    """Tests use a refresh interval of 0: once per request, not per call."""
    client.get("/")
    with count_queries() as queries:
        client.get("/")
    checks = [q for q in queries if q.startswith("SELECT settings.value") and "WHERE settings." in q]
    assert len(checks) == 1
