"""The plugin host: discovery, fault isolation, and every kind of contribution
a plugin can make, exercised through the test plugins in ``fixture_plugins``."""
from __future__ import annotations

import logging
import re
import shutil
from types import ModuleType

import pytest
from fixture_plugins import BROKEN, BROKEN_REASONS, GOOD
from fixture_plugins.good import hello, needs_hello

from cms.config import PROJECT_ROOT
from cms.extensions import db
from cms.plugin import Plugin, call_hook, render_content, sanitize_html, static_url
from cms.pluginhost.discovery import LoadedPlugin, PluginProblem, drop_unrunnable
from cms.pluginhost import host

WITH_GOOD = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})
WITH_ALL = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD, BROKEN]})


@pytest.fixture(autouse=True)
def _no_events():
    hello.EVENTS.clear()
    yield
    hello.EVENTS.clear()


def text(response) -> str:
    return response.get_data(as_text=True)


def hello_asset(app, filename: str) -> str:
    """The URL a page links to (relative, as inside a request)."""
    with app.test_request_context():
        return static_url("hello", filename)


# -- discovery and broken plugins ---------------------------------------------


@WITH_GOOD
def test_a_hooks_module_is_registered_and_started_once_per_app(app, make_app, client):
    assert needs_hello.STARTED.count(app) == 1
    other = make_app()
    assert needs_hello.STARTED.count(other) == 1
    assert 'class="needs-hello"' in text(client.get("/"))


@WITH_ALL
def test_broken_plugins_leave_the_site_serving(client):
    assert client.get("/").status_code == 200
    assert client.get("/xin-chao/").status_code == 200
    assert client.get("/healthz").status_code == 200


@WITH_ALL
def test_each_problem_is_recorded_with_its_reason(app):
    problems = host().problems
    assert set(problems) == set(BROKEN_REASONS)
    for name, reason in BROKEN_REASONS.items():
        assert reason in str(problems[name]), (name, str(problems[name]))
    assert "RuntimeError" in problems["raises_at_import"].detail
    assert set(host().plugins) == {"hello", "needs_hello", "raises_in_widget", "raises_everywhere", "always_fails",
                                   "slow_widget"}


@WITH_ALL
def test_problems_are_logged_with_the_plugin_name(cms_test_config, caplog):
    from cms import create_app

    with caplog.at_level(logging.ERROR, logger="cms.plugins"):
        create_app(cms_test_config)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for name in BROKEN_REASONS:
        assert f"plugin {name} not loaded" in logged


def _loaded(name: str, requires: tuple[str, ...] = (), version: str = "1.0") -> LoadedPlugin:
    return LoadedPlugin(Plugin(name=name, title=name, version=version, requires=requires), ModuleType(name), "test")


def test_dependency_cycles_and_versions_are_problems():
    plugins = {p.name: p for p in (
        _loaded("a", ("b",)), _loaded("b", ("a",)), _loaded("c", ("a",)),
        _loaded("d", ("e>=2",)), _loaded("e", version="1.5"), _loaded("f", ("e>=1",)),
    )}
    problems: dict[str, PluginProblem] = {}
    drop_unrunnable(plugins, problems)
    assert set(plugins) == {"e", "f"}
    assert "vòng tròn" in str(problems["a"]) and "vòng tròn" in str(problems["b"])
    assert "a" in str(problems["c"])
    assert ">=2" in str(problems["d"]) and "1.5" in str(problems["d"])


# -- fault isolation ------------------------------------------------------------


@WITH_ALL
def test_raising_widgets_are_left_out_and_counted(client):
    response = client.get("/")
    assert response.status_code == 200
    body = text(response)
    assert "hello-widget" in body  # rendered after the failing ones, with a query of its own
    assert "widget-error" not in body
    fault = host().faults["raises_in_widget"]
    assert fault.count >= 2
    assert fault.last_where in {"widget divide", "widget sql", "hook extra_css_urls"}
    assert "hello" not in host().faults


@WITH_ALL
def test_debug_mode_shows_an_error_box_in_place_of_the_widget(app, client):
    app.debug = True
    body = text(client.get("/"))
    assert re.search(r'<div class="widget-error" role="alert">raises_in_widget/divide: ZeroDivisionError', body)
    assert "hello-widget" in body


@WITH_ALL
def test_a_raising_hook_does_not_stop_the_others(app, client):
    body = text(client.get("/"))
    assert hello_asset(app, "hello.css") in body
    assert '<mark class="hello">' in render_content("<p>[hello]</p>")
    assert host().faults["raises_in_widget"].count >= 2


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD], "PROPAGATE_EXCEPTIONS": False})
def test_a_failing_plugin_page_is_counted_as_its_fault(client):
    assert client.get("/xin-chao/boom").status_code == 500
    fault = host().faults["hello"]
    assert fault.count == 1
    assert fault.last_where == "route plugin_hello.boom"
    assert "the hello page failed" in fault.last_message


# -- contributions ----------------------------------------------------------------


@WITH_GOOD
def test_public_and_admin_blueprints(client, login):
    assert "Xin chào bà con" in text(client.get("/xin-chao/"))
    assert client.get("/admin/hello/").status_code == 302  # anonymous: to the login page
    login("author")
    assert client.get("/admin/hello/").status_code == 403
    assert "Xin chào" not in _admin_menu(client)
    login("editor")
    response = client.get("/admin/hello/")
    assert response.status_code == 200 and "Quản trị lời chào" in text(response)
    assert "/admin/hello/" in _admin_menu(client)


def _admin_menu(client) -> str:
    body = text(client.get("/admin/"))
    return body.split('class="admin-nav"', 1)[1].split("</nav>", 1)[0]


@WITH_GOOD
def test_url_prefix_setting_moves_the_blueprint_at_restart(app, client, make_app):
    host().save_settings("hello", {"url_prefix": "/loi-chao/"})
    db.session.commit()
    assert client.get("/xin-chao/").status_code == 200  # this worker keeps its routes
    restarted = make_app().test_client()
    assert restarted.get("/loi-chao/").status_code == 200
    assert restarted.get("/xin-chao/").status_code == 404


@WITH_GOOD
def test_theme_templates_override_plugin_templates(app, cms_test_config, tmp_path):
    from cms import create_app

    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "templates", theme)
    (theme / "hello").mkdir()
    (theme / "hello" / "index.html").write_text(
        '{% extends "layout.html" %}{% block content %}Giao diện riêng{% endblock %}')
    themed = create_app({**cms_test_config, "THEME_FOLDER": str(theme)})
    assert "Giao diện riêng" in themed.test_client().get("/xin-chao/").get_data(as_text=True)


@WITH_GOOD
def test_static_files_have_a_content_tag_and_long_cache(app, client):
    url = hello_asset(app, "hello.css")
    assert re.fullmatch(r"/_plugins/hello/static/hello\.css\?v=[0-9a-f]{10}", url)
    response = client.get(url)
    assert response.status_code == 200
    assert b".hello-widget" in response.data
    assert response.cache_control.max_age == 365 * 24 * 3600
    assert client.get("/_plugins/hello/static/../__init__.py").status_code == 404


@WITH_GOOD
def test_css_js_and_widgets_in_every_slot_in_order(app, client):
    body = text(client.get("/"))
    head, rest = body.split("</head>", 1)
    assert f'<link rel="stylesheet" href="{hello_asset(app, "hello.css")}">' in head
    assert f'<script src="{hello_asset(app, "hello.js")}" defer>' in head
    assert '<meta name="hello" content="1">' in head
    for marker in ("hello-banner", "hello-home", "hello-after"):
        assert marker in rest
    assert "&lt;b&gt;chân trang &amp; thử&lt;/b&gt;" in rest  # plain strings are escaped
    assert rest.index("needs-hello") < rest.index("hello-widget")  # order 10 before 20


@WITH_GOOD
def test_plugin_commands_run_under_cms(runner):
    result = runner.invoke(args=["cms", "hello", "greet", "--name", "An"])
    assert result.exit_code == 0, result.output
    assert "Xin chào bà con, An!" in result.output


@WITH_GOOD
def test_disabled_plugin_commands_refuse_to_run(runner):
    host().set_enabled("needs_hello", False)
    host().set_enabled("hello", False)
    result = runner.invoke(args=["cms", "hello", "greet"])
    assert result.exit_code != 0
    assert "disabled" in result.output


@WITH_GOOD
def test_content_filters_and_sanitizer_allowlist(app):
    assert render_content("<p>[hello]</p>") == '<p><mark class="hello">Xin chào bà con</mark></p>'
    cleaned = sanitize_html('<mark data-hello="1">x</mark><script>y</script>')
    assert cleaned.startswith('<mark data-hello="1">x</mark>') and "<script" not in cleaned
    host().set_enabled("needs_hello", False)
    host().set_enabled("hello", False)
    assert render_content("<p>[hello]</p>") == "<p>[hello]</p>"
    assert sanitize_html("<mark>x</mark>") == "x"


@WITH_GOOD
def test_events_reach_enabled_plugins(client, login):
    client.get("/")
    client.get("/xin-chao/")
    client.get("/no-such-page")
    login("editor")
    client.get("/admin/")
    views = [event[1] for event in hello.EVENTS if event[0] == "page_viewed"]
    assert views == ["/", "/xin-chao/"]
    call_hook("content_changed", kind="page", obj=None, action="updated")
    assert ("content_changed", "page", "updated") in hello.EVENTS


@WITH_GOOD
def test_first_result_hooks_answer_once(app):
    assert call_hook("page_view_counts", paths=["/a"]) == [{"/a": 7}]


@WITH_GOOD
def test_sitemap_has_plugin_entries(client):
    body = text(client.get("/sitemap.xml"))
    assert "http://portal.test/xin-chao/" in body


@WITH_GOOD
def test_demo_content_is_loaded_by_init_demo(runner):
    from fixture_plugins.good.hello.models import greeting_count

    result = runner.invoke(args=["cms", "init", "--demo"])
    assert result.exit_code == 0, result.output
    assert greeting_count() == 1


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD], "PLUGIN_REFRESH_SECONDS": 1.0})
def test_settings_are_read_without_queries(app, count_queries):
    host().settings_of("hello")  # the first read may load the cache
    with count_queries() as queries:
        for _ in range(50):
            hello.greeting()
    assert queries == []
