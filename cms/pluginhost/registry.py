"""Registration at start: what each plugin contributes to the app.

Every plugin found (see :mod:`cms.pluginhost.discovery`) is registered when
the app is built, dependencies first, since Flask cannot add blueprints
later: its hook module, blueprints (public under its URL prefix, admin under
``/admin/<name>``), widgets, admin menu items and CLI commands, then its
``startup`` hook runs. A plugin that fails to start is dropped with its
contributions; the site goes on without it. Whatever a plugin adds to the
app beyond its own routes (request hooks, template filters, error handlers,
commands, signal receivers...) is wrapped by :mod:`.containment`.
"""
from __future__ import annotations

import logging
import traceback
from collections import defaultdict
from typing import Any, Callable

import pluggy
from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .. import hookspecs
from ..extensions import db
from ..models import PluginSetting
from ..plugin import MenuItem, Widget
from .containment import contained_registration
from .discovery import LoadedPlugin, PluginProblem, dependency_order, discover, unmet_dependencies
from .running import describe, invoke

log = logging.getLogger("cms.plugins")


class PluginError(Exception):
    """A plugin operation was refused; the message is for the admin."""


class Registry:
    """The plugins loaded into one app and what each contributes."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pm = pluggy.PluginManager("cms")
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.problems: dict[str, PluginProblem] = {}
        self.widgets: dict[str, list[tuple[str, Widget]]] = defaultdict(list)
        self.menu_items: list[tuple[str, MenuItem]] = []
        self.blueprint_owner: dict[str, str] = {}
        self.admin_blueprints: set[str] = set()
        self.prefixes: dict[str, str] = {}
        self.command_groups: set[str] = set()
        #: Names of hook implementations registered for one test and counted
        #: as enabled plugins (``cms.testing.register_temporarily``).
        self.temporary: set[str] = set()

    def load(self) -> None:
        """Find every plugin and register what it contributes, dependencies first."""
        config = self.app.config
        plugins, problems = discover(config["PLUGIN_PACKAGES"], config["PLUGIN_ENTRY_POINT_GROUP"],
                                     config.get("PLUGIN_ENTRY_POINT_NAMES"))
        self.plugins.update(plugins)
        self.problems.update(problems)
        for plugin in dependency_order(list(self.plugins.values())):
            problem = unmet_dependencies(plugin, self.plugins)
            if problem is not None:  # a dependency failed to start
                self._drop(plugin.name, problem)
                continue
            try:
                self._start(plugin)
            except Exception as exc:  # a broken plugin must not stop the site
                error = str(exc) if isinstance(exc, PluginError) else describe(exc)
                detail = "".join(traceback.format_exception(exc))
                self._drop(plugin.name, PluginProblem(_l("Lỗi khi khởi động: %(error)s", error=error), detail))

    def _start(self, plugin: LoadedPlugin) -> None:
        unknown = self._unknown_hooks(plugin)
        if unknown:
            raise PluginError(_l("khai báo hook không tồn tại: %(hooks)s", hooks=", ".join(unknown)))
        # What the plugin adds to the app beyond its routes is wrapped: see containment.
        with contained_registration(self.app, plugin.name, lambda: self.blueprints_of(plugin.name)):
            self.pm.register(plugin.hook_module, name=plugin.name)
            hook = self._single(plugin)
            public = hook("public_blueprint")
            if public is not None:
                self._mount_public(plugin, public)
            admin = hook("admin_blueprint")
            if admin is not None:
                self.app.register_blueprint(admin, url_prefix=f"/admin/{plugin.name}")
                self.blueprint_owner[admin.name] = plugin.name
                self.admin_blueprints.add(admin.name)
            for widget in hook("widgets") or ():
                self.widgets[widget.slot].append((plugin.name, widget))
                self.widgets[widget.slot].sort(key=lambda pair: (pair[1].order, pair[0]))
            self.menu_items.extend((plugin.name, item) for item in hook("admin_menu_items") or ())
            self.menu_items.sort(key=lambda pair: (pair[1].order, str(pair[1].label)))
            self._mount_commands(plugin, hook("commands"))
            for impl in self.pm.hook.startup.get_hookimpls():
                if impl.plugin_name == plugin.name:
                    invoke(plugin.name, impl.function, *[{"app": self.app}[arg] for arg in impl.argnames])

    def blueprints_of(self, name: str) -> set[str]:
        return {blueprint for blueprint, owner in self.blueprint_owner.items() if owner == name}

    def _unknown_hooks(self, plugin: LoadedPlugin) -> list[str]:
        """Marked implementations of hooks the core does not have (typos)."""
        unknown = []
        for attr in dir(plugin.hook_module):
            opts = self.pm.parse_hookimpl_opts(plugin.hook_module, attr)
            if opts is not None and not hasattr(hookspecs, attr) and not opts.get("optionalhook"):
                unknown.append(attr)
        return unknown

    def _single(self, plugin: LoadedPlugin) -> Callable[[str], Any]:
        """Call one plugin's implementation of an argument-less hook, if it has one."""

        def call(hook_name: str) -> Any:
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                if impl.plugin_name == plugin.name:
                    return invoke(plugin.name, impl.function)
            return None

        return call

    def _mount_public(self, plugin: LoadedPlugin, blueprint) -> None:
        prefix = self._stored_prefix(plugin)
        if prefix is None or self.prefix_conflict(plugin.name, prefix):
            default = normalize_prefix(plugin.meta.declared("url_prefix").default)
            if prefix is not None:
                log.warning("plugin %s: URL prefix %s is taken; using %s", plugin.name, prefix, default)
            prefix = default
            conflict = self.prefix_conflict(plugin.name, prefix)
            if conflict:
                raise PluginError(_l("đường dẫn %(prefix)s trùng với %(rule)s", prefix=prefix, rule=conflict))
        self.app.register_blueprint(blueprint, url_prefix=prefix)
        self.blueprint_owner[blueprint.name] = plugin.name
        self.prefixes[plugin.name] = prefix

    def _stored_prefix(self, plugin: LoadedPlugin) -> str | None:
        """The ``url_prefix`` setting saved in the database, if valid.

        Blueprints are registered once, so a changed prefix applies after a
        restart; the settings form says so.
        """
        try:
            stored = db.session.scalar(select(PluginSetting.value).where(
                PluginSetting.plugin == plugin.name, PluginSetting.key == "url_prefix"))
        except SQLAlchemyError:  # no tables yet, before `cms init`
            db.session.rollback()
            return None
        try:
            return normalize_prefix(plugin.meta.declared("url_prefix").clean(stored)) if stored else None
        except ValueError:
            return None

    def prefix_conflict(self, name: str, prefix: str) -> str | None:
        """The route of someone other than plugin ``name`` that already uses
        the first segment of ``prefix``, or ``None`` when it is free."""
        segment = normalize_prefix(prefix).strip("/").split("/")[0]
        own = {bp for bp, owner in self.blueprint_owner.items() if owner == name}
        for rule in self.app.url_map.iter_rules():
            first = rule.rule.strip("/").split("/")[0]
            if first == segment and rule.endpoint.rpartition(".")[0] not in own:
                return rule.rule
        return None

    def _mount_commands(self, plugin: LoadedPlugin, commands: list | None) -> None:
        if not commands:
            return
        cms_group = self.app.cli.commands["cms"]
        if plugin.name in cms_group.commands:
            raise PluginError(_l("lệnh flask cms %(name)s đã tồn tại", name=plugin.name))
        group = AppGroup(plugin.name, help=f"Commands of the {plugin.name} plugin.")
        for command in commands:
            group.add_command(command)
        cms_group.add_command(group)
        self.command_groups.add(plugin.name)

    def _drop(self, name: str, problem: PluginProblem) -> None:
        """Take a plugin out after a failed start; the site goes on without it."""
        log.error("plugin %s not loaded: %s%s", name, problem, "\n" + problem.detail if problem.detail else "")
        self.problems[name] = problem
        plugin = self.plugins.pop(name)
        if self.pm.is_registered(plugin.hook_module):
            self.pm.unregister(plugin.hook_module)
        for slot, pairs in self.widgets.items():
            self.widgets[slot] = [pair for pair in pairs if pair[0] != name]
        self.menu_items[:] = [pair for pair in self.menu_items if pair[0] != name]
        if name in self.command_groups:
            self.app.cli.commands["cms"].commands.pop(name, None)
            self.command_groups.discard(name)
        # Flask cannot unregister a blueprint: its routes answer 404 because
        # the plugin is no longer among those that can be enabled.

    def dependents(self, name: str) -> list[str]:
        """Loaded plugins that require plugin ``name``."""
        return sorted(p.name for p in self.plugins.values() if name in p.meta.dependencies)


def normalize_prefix(prefix: str) -> str:
    return "/" + prefix.strip("/")
