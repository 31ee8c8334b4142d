"""``cms.testing.register_temporarily``: hooks for one test, nothing left after."""
from __future__ import annotations

import types

import pytest

from cms.plugin import call_hook, hookimpl, render_content
from cms.testing import register_temporarily

pytestmark = pytest.mark.plugins()


class Shouter:
    @hookimpl
    def filter_content(self, html):
        return html.upper()


def _hook_names(app) -> set[str]:
    return {name for name, _ in app.extensions["cms_plugins"].registry.pm.list_name_plugin()}


def test_the_hooks_run_inside_the_block_only(app):
    before = _hook_names(app)
    with register_temporarily(app, Shouter()) as name:
        assert str(render_content("<p>xin chào</p>", kind="page")) == "<P>XIN CHÀO</P>"
        assert name in _hook_names(app)
    assert str(render_content("<p>xin chào</p>", kind="page")) == "<p>xin chào</p>"
    assert _hook_names(app) == before


def test_a_module_of_hooks_under_a_given_name(app):
    module = types.ModuleType("counts")
    module.page_view_counts = hookimpl(lambda paths: {path: 7 for path in paths})
    with register_temporarily(app, module, name="fake_stats"):
        assert call_hook("page_view_counts", paths=["/a"]) == [{"/a": 7}]
    assert call_hook("page_view_counts", paths=["/a"]) == []


def test_it_is_removed_when_the_block_raises(app):
    before = _hook_names(app)
    with pytest.raises(RuntimeError), register_temporarily(app, Shouter()):
        raise RuntimeError("test failed")
    assert _hook_names(app) == before
    assert app.extensions["cms_plugins"].registry.temporary == set()


def test_its_faults_are_contained(app):
    class Broken:
        @hookimpl
        def filter_content(self, html):
            raise ValueError("broken filter")

    with register_temporarily(app, Broken()):
        assert str(render_content("<p>ok</p>", kind="page")) == "<p>ok</p>"
