"""The plugin host: registers what plugins contribute and calls their hooks.

One :class:`PluginHost` per app, in ``app.extensions["cms_plugins"]``, joins
the modules of this package, each one job:

- :mod:`~cms.pluginhost.discovery` finds plugins and checks their declarations;
- :mod:`~cms.pluginhost.registry` registers at start what each contributes
  (blueprints, widgets, menu items, commands), since Flask cannot add
  blueprints later;
- :mod:`~cms.pluginhost.state` holds whether each is *enabled* and its
  settings: state in the database, cached per worker (see :mod:`cms.statecache`)
  and fixed for the length of each request;
- :mod:`~cms.pluginhost.calling` calls hooks on enabled plugins only, in a
  defined order (plugin name), containing a plugin's exception so that one
  plugin cannot take a page down: the fault is logged with the plugin's name,
  counted, and shown on the admin plugins page;
- :mod:`~cms.pluginhost.containment` wraps what a plugin adds to the app
  outside those hooks (request hooks, template filters, error handlers,
  commands, signal receivers) with the same guarantees;
- :mod:`~cms.pluginhost.breaker` counts faults for every worker together and
  quarantines a plugin with too many; :mod:`~cms.pluginhost.widgets` times
  widgets against their budget and caches the cacheable ones;
- :mod:`~cms.pluginhost.requests` is the host's part in each request;
- :mod:`~cms.pluginhost.migrations` and :mod:`~cms.pluginhost.install` are the
  Alembic histories and ``cms init``; :mod:`~cms.pluginhost.cli` is
  ``cms plugin ...`` and :mod:`~cms.pluginhost.docs` the hook reference.

Plugins never import this package: their API is :mod:`cms.plugin`.
"""
from __future__ import annotations

from typing import Any, Mapping

from flask import Flask, current_app
from markupsafe import Markup

from ..plugin import MenuItem
from . import requests
from .breaker import PluginFault
from .calling import HookCalls
from .discovery import LoadedPlugin, PluginProblem
from .registry import PluginError, Registry
from .running import running_plugin
from .state import PluginStates

__all__ = ["PluginError", "PluginFault", "PluginHost", "host", "init_app", "running_plugin"]


class PluginHost:
    """The plugins of one app: the one object the core talks to."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.registry = Registry(app)
        self.states = PluginStates(self.registry)
        self.calls = HookCalls(app, self.registry, self.states.enabled_names)
        self.static = requests.StaticTags(app)

    def load(self) -> None:
        """Register every plugin found; read their state at the first request."""
        self.registry.load()
        self.states.start()
        self.calls.start()

    # What the plugins contribute (registry).

    @property
    def plugins(self) -> dict[str, LoadedPlugin]:
        return self.registry.plugins

    @property
    def problems(self) -> dict[str, PluginProblem]:
        return self.registry.problems

    @property
    def prefixes(self) -> dict[str, str]:
        return self.registry.prefixes

    @property
    def blueprint_owner(self) -> dict[str, str]:
        return self.registry.blueprint_owner

    @property
    def admin_blueprints(self) -> set[str]:
        return self.registry.admin_blueprints

    def prefix_conflict(self, name: str, prefix: str) -> str | None:
        return self.registry.prefix_conflict(name, prefix)

    def dependents(self, name: str) -> list[str]:
        return self.registry.dependents(name)

    # Enabled or not, and settings (state).

    @property
    def stored_states(self) -> dict[str, bool]:
        return self.states.stored_states

    def is_enabled(self, name: str) -> bool:
        return self.states.is_enabled(name)

    def enabled_names(self) -> frozenset[str]:
        return self.states.enabled_names()

    def enabled_plugins(self) -> list[LoadedPlugin]:
        return self.states.enabled_plugins()

    def settings_of(self, name: str) -> Mapping[str, Any]:
        return self.states.settings_of(name)

    def save_settings(self, name: str, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        return self.states.save_settings(name, values)

    def set_enabled(self, name: str, enabled: bool) -> None:
        self.states.set_enabled(name, enabled)

    def hide_absent_shortcodes(self, html: str) -> str:
        return self.states.hide_absent_shortcodes(html)

    def upgrade(self, name: str) -> None:
        self.states.upgrade(name)

    def is_outdated(self, name: str) -> bool:
        self.states.enabled_names()  # re-read if the generation changed
        return name in self.states.outdated

    # Calling hooks and rendering widgets (calling).

    @property
    def faults(self) -> dict[str, PluginFault]:
        """Every plugin's faults, as all workers counted them (one query)."""
        return self.calls.breaker.faults()

    def active_names(self) -> frozenset[str]:
        """Enabled and not quarantined: the plugins whose soft contributions run."""
        return self.calls.active_names()

    def is_quarantined(self, name: str) -> bool:
        self.states.enabled_names()  # the generation check
        return name in self.calls.breaker.quarantined

    def release(self, name: str) -> bool:
        """Lift a quarantine and reset the plugin's fault counts (audited, committed)."""
        return self.calls.breaker.release(name)

    def call(self, hook_name: str, *, soft: bool = True, **kwargs: Any) -> list:
        return self.calls.call(hook_name, soft=soft, **kwargs)

    def pipe(self, hook_name: str, value: Any, **kwargs: Any) -> Any:
        return self.calls.pipe(hook_name, value, **kwargs)

    def record_fault(self, name: str, where: str, exc: BaseException) -> None:
        self.calls.record_fault(name, where, exc)

    def contain(self, name: str, where: str, exc: BaseException) -> None:
        """Record a fault of plugin ``name`` that was contained (see :mod:`.containment`)."""
        self.calls.contain(name, where, exc)

    def render_slot(self, slot: str) -> Markup:
        return self.calls.render_slot(slot)

    def menu_for(self, user: Any) -> list[MenuItem]:
        return self.calls.menu_for(user)

    def static_url(self, name: str, filename: str) -> str:
        return self.static.url(self.plugins[name].path, name, filename)


def host() -> PluginHost:
    return current_app.extensions[requests.EXTENSION]


def init_app(app: Flask) -> None:
    """Load every plugin found; call after the ``cms`` CLI group exists."""
    plugin_host = PluginHost(app)
    app.extensions[requests.EXTENSION] = plugin_host
    requests.init_app(app)
    with app.app_context():
        plugin_host.load()
