"""What plugins cost a page in database queries.

Written over whatever plugins are loaded: for each one, a page is rendered
with every plugin enabled and again with that plugin (and those needing it)
disabled. Every query is attributed to the plugin whose code ran it
(:data:`cms.pluginhost.running_plugin`) or to the core. The core's queries
must not change: enabling a plugin costs exactly the queries its own widgets
and hooks run, and the host adds none (no state or settings lookups per
plugin, per widget or per hook call).
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from typing import Iterator

import pytest
from fixture_plugins import GOOD
from sqlalchemy import event

from cms.config import Defaults
from cms.extensions import db
from cms.models import Page, PluginState
from cms.pluginhost import host, running_plugin
from cms.statecache import bump_generation

PATHS = ("/", "/gioi-thieu")


@contextmanager
def queries_by_plugin() -> Iterator[Counter]:
    """Count statements, keyed by the plugin running them (``None``: the core)."""
    counts: Counter = Counter()

    def count(*_args) -> None:
        counts[running_plugin.get()] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def measure(client, path: str) -> Counter:
    client.get(path)  # fills the caches a second visitor would find warm
    with queries_by_plugin() as counts:
        assert client.get(path).status_code == 200
    return counts


def set_enabled_rows(names: set[str]) -> None:
    for name in host().plugins:
        db.session.merge(PluginState(name=name, enabled=name in names))
    bump_generation()
    db.session.commit()


def without(name: str) -> set[str]:
    """Every loaded plugin except ``name`` and those that need it."""
    off, changed = {name}, True
    while changed:
        needing = {p.name for p in host().plugins.values() if set(p.meta.dependencies) & off}
        changed = not needing <= off
        off |= needing
    return set(host().plugins) - off


@pytest.fixture
def site_with_content(app):
    db.session.add(Page(title="Giới thiệu", slug="gioi-thieu", path="gioi-thieu", body="<p>Thị xã</p>",
                        status="published"))
    db.session.commit()
    return app


@pytest.mark.cms_config({"PLUGIN_REFRESH_SECONDS": Defaults.PLUGIN_REFRESH_SECONDS})
@pytest.mark.parametrize("path", PATHS)
def test_each_plugin_costs_only_its_own_queries(site_with_content, client, path):
    every = set(host().plugins)
    if not every:
        pytest.skip("no plugin is loaded")
    with_all = measure(client, path)
    for name in sorted(every):
        enabled = without(name)
        set_enabled_rows(enabled)
        alone = measure(client, path)
        assert alone[None] == with_all[None], f"the core runs other queries when {name} is off on {path}"
        assert set(alone) - {None} <= enabled, f"a disabled plugin ran queries on {path}: {alone}"
        set_enabled_rows(every)


@pytest.mark.cms_config({"PLUGIN_REFRESH_SECONDS": Defaults.PLUGIN_REFRESH_SECONDS})
def test_the_core_queries_do_not_grow_with_plugins(site_with_content, client):
    with_all = measure(client, "/")
    set_enabled_rows(set())
    with_none = measure(client, "/")
    assert with_all[None] == with_none[None]
    assert set(with_none) <= {None}


@pytest.mark.cms_config({"PLUGIN_PACKAGES": [GOOD], "PLUGIN_REFRESH_SECONDS": Defaults.PLUGIN_REFRESH_SECONDS})
def test_a_widget_costs_its_own_query_and_nothing_else(site_with_content, client):
    with_all = measure(client, "/gioi-thieu")
    assert with_all["hello"] == 1  # the greeting count in its sidebar widget
    assert with_all["needs_hello"] == 0  # its widget needs no query, so it costs none
    set_enabled_rows(set())
    assert sum(measure(client, "/gioi-thieu").values()) == sum(with_all.values()) - 1
