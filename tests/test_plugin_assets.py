"""The asset hooks: per page (request, endpoint, template) and in the admin,
with zero-argument implementations still working."""
from __future__ import annotations

import pytest
from fixture_plugins import GOOD

from cms.plugin import hookimpl, static_url
from cms.testing import register_temporarily, use_plugins

pytestmark = pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD]})


def head(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True).split("</head>", 1)[0]


def asset(app, filename: str) -> str:
    with app.test_request_context():
        return static_url("hello", filename)


def test_a_script_only_on_the_plugins_own_page(app, client):
    on_home, on_page = head(client, "/"), head(client, "/xin-chao/")
    assert f'<script src="{asset(app, "hello.js")}" defer>' in on_home
    assert "hello-page.js" not in on_home
    assert f'<script src="{asset(app, "hello-page.js")}" defer>' in on_page
    assert "document.documentElement" in client.get(asset(app, "hello-page.js")).get_data(as_text=True)


def test_a_zero_argument_implementation_still_adds_its_file_everywhere(app, client):
    css = f'<link rel="stylesheet" href="{asset(app, "hello.css")}">'
    assert css in head(client, "/") and css in head(client, "/xin-chao/")


def test_admin_assets_go_in_the_admin_layout_only(app, client, login):
    login("admin")
    dashboard, own = head(client, "/admin/"), head(client, "/admin/hello/")
    admin_js = f'<script src="{asset(app, "hello-admin.js")}" defer>'
    assert admin_js in dashboard and admin_js in own
    assert "hello-admin.css" not in dashboard
    assert f'<link rel="stylesheet" href="{asset(app, "hello-admin.css")}">' in own
    public = head(client, "/xin-chao/")
    assert "hello-admin" not in public and "hello.css" in public


def test_the_template_and_request_are_passed(app, client):
    class PerTemplate:
        @hookimpl
        def extra_css_urls(self, request, template_name):
            return [f"/seen.css?path={request.path}&template={template_name}"]

    with register_temporarily(app, PerTemplate()):
        assert "/seen.css?path=/xin-chao/&amp;template=hello/index.html" in head(client, "/xin-chao/")


def test_assets_of_a_disabled_plugin_are_left_out(app, client, login):
    use_plugins(app, [])
    assert "/_plugins/hello/" not in head(client, "/")
    login("admin")
    assert "/_plugins/hello/" not in head(client, "/admin/")
