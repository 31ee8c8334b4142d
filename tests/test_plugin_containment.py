"""What a plugin adds to the app outside the hooks the host calls (request
hooks, template filters, error handlers, commands, signal receivers) is
contained like a soft hook and stops when the plugin is disabled; and one
request sees one state of the plugins from start to end."""
from __future__ import annotations

import logging
import threading

import pytest
from fixture_plugins import BROKEN, GOOD
from fixture_plugins.broken import raises_everywhere
from fixture_plugins.good.hello import views as hello_views
from flask import render_template_string

from cms.extensions import db
from cms.pluginhost import host

# Every request makes several faults here: a threshold out of reach keeps the
# breaker's quarantine (tests/test_plugin_breaker.py) out of these tests.
WITH_BROKEN = pytest.mark.cms_config({"PLUGIN_PACKAGES": [BROKEN], "PLUGIN_FAULT_THRESHOLD": 1_000_000})
WITH_GOOD = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})

REQUEST_KINDS = {"before_request", "after_request", "teardown_request", "context_processor",
                 "url_value_preprocessor", "url_defaults", "signal"}
TEMPLATE = "{{ '<b>x</b>'|shout }}|{{ everywhere_global() }}|{{ 'x' is everywhere_test }}"


@pytest.fixture(autouse=True)
def calls():
    raises_everywhere.CALLS.clear()
    yield raises_everywhere.CALLS
    raises_everywhere.CALLS.clear()


def visit_the_core(client, login) -> None:
    """The pages a broken plugin must not take down; each answers 200."""
    for url in ("/", "/login", "/healthz", "/static/favicon.svg"):
        response = client.get(url)
        assert response.status_code == 200, url
        response.close()
    login("admin")
    assert client.get("/admin/").status_code == 200


def fault_count() -> int:
    fault = host().faults.get("raises_everywhere")
    return fault.count if fault else 0


@WITH_BROKEN
def test_request_hooks_that_raise_leave_every_page_answering(client, login, calls, caplog):
    with caplog.at_level(logging.ERROR, logger="cms.plugins"):
        visit_the_core(client, login)
    assert set(calls) >= REQUEST_KINDS
    fault = host().faults["raises_everywhere"]
    assert fault.count == len(calls)
    assert "broken on purpose" in fault.last_message
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for where in ("before_app_request before", "after_app_request after", "teardown_app_request teardown",
                  "app_context_processor context", "app_url_value_preprocessor preprocess",
                  "app_url_defaults defaults", "signal _on_request_started"):
        assert f"plugin raises_everywhere: fault in {where}:" in logged


@WITH_BROKEN
def test_template_filters_globals_and_tests_fall_back_to_safe_values(app, calls, caplog):
    with app.test_request_context("/"), caplog.at_level(logging.ERROR, logger="cms.plugins"):
        assert render_template_string(TEMPLATE) == "&lt;b&gt;x&lt;/b&gt;||False"
    assert {"template_filter", "template_global", "template_test"} <= set(calls)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for where in ("app_template_filter shout", "app_template_global everywhere_global",
                  "app_template_test everywhere_test"):
        assert f"plugin raises_everywhere: fault in {where}:" in logged


@WITH_BROKEN
def test_a_raising_error_handler_falls_back_to_the_core_page(client, calls):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.get_data(as_text=True)
    assert "errorhandler" in calls


@WITH_BROKEN
def test_a_raising_command_fails_in_one_line_and_counts(runner, calls):
    result = runner.invoke(args=["plugin_raises_everywhere", "explode"])
    assert result.exit_code == 1
    assert "The raises_everywhere plugin failed: RuntimeError: broken on purpose in command" in result.output
    assert "Traceback" not in result.output
    assert calls == ["command"]
    assert host().faults["raises_everywhere"].last_where == "command explode"


@WITH_BROKEN
def test_nothing_of_a_disabled_plugin_runs(app, client, login, runner, calls):
    host().set_enabled("raises_everywhere", False)
    before = fault_count()
    visit_the_core(client, login)
    assert client.get("/khong-co-trang-nay").status_code == 404
    with app.test_request_context("/"):
        assert render_template_string(TEMPLATE) == "&lt;b&gt;x&lt;/b&gt;||False"
    result = runner.invoke(args=["plugin_raises_everywhere", "explode"])
    assert result.exit_code == 1 and "disabled" in result.output
    assert calls == []
    assert fault_count() == before


@WITH_BROKEN
def test_faults_of_another_apps_requests_are_counted_for_every_worker(app, make_app, calls):
    other = make_app()
    assert other.test_client().get("/healthz").status_code == 200
    assert calls.count("signal") == 1, "the other app's request, not this one's"
    assert other.extensions["cms_plugins"].faults["raises_everywhere"].count == len(calls)
    # shared through the database once the other app writes after its request
    # (a fault in its teardown waits for its next write)
    assert 0 < fault_count() <= len(calls), "the breaker shares fault counts across workers"


@WITH_GOOD
def test_a_disabled_plugins_own_error_handler_leaves_its_pages_to_the_core(client):
    host().set_enabled("needs_hello", False)
    host().set_enabled("hello", False)
    response = client.get("/xin-chao/")
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Không tìm thấy trang" in body and "Không có lời chào này" not in body


# -- one state per request -------------------------------------------------------------


@WITH_GOOD
def test_a_toggle_during_a_request_waits_for_the_next_one(app, client, make_app, monkeypatch):
    other = make_app()

    def toggle_on_another_worker() -> None:
        with other.app_context():
            other_host = other.extensions["cms_plugins"]
            other_host.set_enabled("needs_hello", False)
            other_host.save_settings("hello", {"greeting": "Chào buổi sáng"})
            db.session.commit()
        # Another request of this worker sees the change meanwhile.
        thread = threading.Thread(target=lambda: app.test_client().get("/").close())
        thread.start()
        thread.join()

    monkeypatch.setattr(hello_views, "MIDWAY", [toggle_on_another_worker])
    body = client.get("/xin-chao/midway").get_data(as_text=True)
    assert '<p class="first">Xin chào bà con</p><p class="then">Xin chào bà con</p>' in body
    assert '<p class="needs">True</p>' in body
    assert 'class="needs-hello"' in body  # its widget, as the rest of the request saw it

    monkeypatch.setattr(hello_views, "MIDWAY", [])
    body = client.get("/xin-chao/midway").get_data(as_text=True)
    assert '<p class="then">Chào buổi sáng</p>' in body
    assert '<p class="needs">False</p>' in body and 'class="needs-hello"' not in body
