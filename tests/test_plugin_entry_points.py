"""Plugins installed as distributions are found through the ``cms.plugins``
entry-point group: the test builds a tiny one and installs it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cms.pluginhost import host

DIST = "sen-cms-ep-demo"
PACKAGE = "sen_cms_ep_demo"

PYPROJECT = f"""\
[build-system]
requires = ["setuptools>=61", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "{DIST}"
version = "0.3.0"
description = "A plugin installed from a distribution"

[project.entry-points."cms.plugins"]
ep_demo = "{PACKAGE}"
ep_missing = "{PACKAGE}_not_there"

[tool.setuptools]
packages = ["{PACKAGE}"]
"""

PLUGIN = """\
from markupsafe import Markup

from cms.plugin import Plugin, Widget, hookimpl

plugin = Plugin(name="ep_demo", title="Từ gói cài đặt", version="0.3.0")


@hookimpl
def widgets():
    return [Widget("footer", "installed", lambda: Markup('<p class="ep-demo">Cài từ gói</p>'))]
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build the distribution and install it into a folder of its own."""
    root = tmp_path_factory.mktemp("entry-point")
    source, target = root / "src", root / "site"
    (source / PACKAGE).mkdir(parents=True)
    (source / "pyproject.toml").write_text(PYPROJECT)
    (source / PACKAGE / "__init__.py").write_text(PLUGIN)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(target.glob("sen_cms_ep_demo-0.3.0.dist-info"))
    return target


@pytest.fixture
def on_path(installed, monkeypatch) -> Path:
    monkeypatch.syspath_prepend(str(installed))
    yield installed
    sys.modules.pop(PACKAGE, None)


def test_an_installed_distribution_is_discovered_and_runs(app, make_app, on_path):
    assert "ep_demo" not in host().plugins  # built before the distribution was on the path
    site = make_app()
    with site.app_context():
        loaded = host().plugins["ep_demo"]
        assert loaded.source == f"{DIST} (cms.plugins)"
        assert loaded.path == on_path / PACKAGE
        assert "ModuleNotFoundError" in str(host().problems["ep_missing"])
        host().set_enabled("ep_demo", True)
        assert 'class="ep-demo"' in site.test_client().get("/").get_data(as_text=True)


@pytest.mark.plugins()
def test_a_test_restricted_to_some_plugins_does_not_load_other_entry_point_plugins(app, make_app, on_path):
    site = make_app()
    with site.app_context():
        assert "ep_demo" not in host().plugins and "ep_demo" not in host().problems
        assert 'class="ep-demo"' not in site.test_client().get("/").get_data(as_text=True)


def test_nothing_is_left_behind(app):
    assert PACKAGE not in sys.modules
    assert "ep_demo" not in host().plugins
