"""Pytest fixtures for the core's tests and for plugin authors.

Installed as a pytest plugin (the ``pytest11`` entry point of ``sen-cms``),
so a plugin's own repository gets them with no configuration: write
``def test_x(client): ...`` and run ``python -m pytest``.

- :mod:`cms.testing.fixtures`: a migrated site per test (``app``,
  ``client``, ``runner``, ``users``, ``login``, ``count_queries``,
  ``make_app``) on SQLite and, when ``CMS_TEST_DATABASE_URL`` is set, on
  PostgreSQL.
  Helpers for plugin tests: ``save_plugin_settings``,
  ``store_raw_plugin_setting``, ``set_plugin_enabled``, ``register_temporarily``, ``expire_widget_caches``,
  ``audit_count``,
  ``empty_database``, ``schema_drift``, ``use_plugins``, ``require``,
  ``with_server`` (parameters that add a server variant only when it is
  configured), ``in_ci``.
- :mod:`cms.testing.browser`: a real Chromium through Playwright
  (``browser``, ``page``, ``open_page``, ``live_server``, ``serve``).
- :mod:`cms.testing.demo`: the demo site built once per test worker
  (``demo_site``, ``demo_server``, ``sign_in``).
- :mod:`cms.testing.hostile`: the XSS corpus and its checks (``xss_tab``,
  ``staff_client``, ``staff_tab``, ``assert_inert``, ...).
- :mod:`cms.testing.clock`: ``clock`` (``clock.set(datetime)``,
  ``clock.advance(hours=1)``) moves the site's "now" everywhere at once.
- :mod:`cms.testing.forms`: submitting the site's own HTML forms through
  the test client (``read_forms``, ``submit``).

A test that needs a server or browser that is absent is skipped with the
reason, except under ``CI=true``, where the skip is a failure.
"""
from __future__ import annotations

from .browser import (browser, live_server, open_page, page, pytest_generate_tests,  # noqa: F401
                      pytest_runtest_makereport, serve, viewport)
from .clock import Clock, clock  # noqa: F401
from .demo import demo_server, demo_site, sign_in  # noqa: F401
from .hostile import staff_client, staff_tab, xss_tab  # noqa: F401
from .fixtures import (PASSWORD, ROLES, app, audit_count, client, cms_backend, cms_test_config,  # noqa: F401
                       count_queries, empty_database, expire_widget_caches, in_ci, login, make_app, plugin_installed, pytest_collection_modifyitems,
                       pytest_configure, require, runner,
                       register_temporarily, save_plugin_settings, schema_drift, set_plugin_enabled, store_raw_plugin_setting,
                       use_plugins, users, with_server)
