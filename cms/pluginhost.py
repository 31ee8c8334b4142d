"""The plugin host: discovers plugins, registers what they contribute, and
calls their hooks.

Every plugin found is imported and registered when the app is built (Flask
cannot add blueprints later); whether it is *enabled* is state in the
database, cached per worker (see :mod:`cms.settings`). All hook calls go
through :meth:`PluginHost.call`, which skips disabled plugins, calls the
implementations in a defined order (plugin name), and contains a plugin's
exception so that one plugin cannot take a page down.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import logging
import pkgutil
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pluggy
from flask import Flask, abort, current_app, request, send_from_directory, url_for
from flask.cli import AppGroup
from markupsafe import Markup, escape
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from sqlalchemy import select

from . import __version__, hookspecs
from .extensions import db
from .models import PluginSetting, PluginState, utcnow
from .plugin import MenuItem, Plugin, Widget
from .settings import bump_generation, state

log = logging.getLogger(__name__)

STATIC_MAX_AGE = 365 * 24 * 3600


class PluginError(Exception):
    """A plugin operation was refused; the message is for the admin."""


@dataclass
class LoadedPlugin:
    meta: Plugin
    module: ModuleType
    source: str

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def path(self) -> Path:
        return Path(self.module.__file__).resolve().parent

    @property
    def migrations(self) -> Path:
        return self.path / "migrations"


@dataclass
class PluginFault:
    """Errors a plugin raised while running, counted per worker."""

    count: int = 0
    last_message: str = ""
    last_where: str = ""
    last_at: datetime | None = None


class PluginHost:
    """The plugins of one app; lives in ``app.extensions["cms_plugins"]``."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pm = pluggy.PluginManager("cms")
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.problems: dict[str, str] = {}
        self.faults: dict[str, PluginFault] = defaultdict(PluginFault)
        self.widgets: dict[str, list[tuple[str, Widget]]] = defaultdict(list)
        self.menu_items: list[tuple[str, MenuItem]] = []
        self.blueprint_owner: dict[str, str] = {}
        self.admin_blueprints: set[str] = set()
        self.enabled: frozenset[str] = frozenset()
        self.stored_settings: dict[str, dict[str, Any]] = {}
        self._static_tags: dict[Path, str] = {}

    # -- start-up -----------------------------------------------------------

    def load(self) -> None:
        for name, loader, source in self._candidates():
            if name in self.plugins or name in self.problems:
                log.warning("plugin %s found twice; keeping the first (%s)", name, source)
                continue
            self._load_one(name, loader, source)
        self._drop_missing_dependencies()
        for plugin in list(self.plugins.values()):
            self.pm.register(plugin.module, name=plugin.name)
            try:
                self._register_contributions(plugin)
            except Exception as exc:  # a broken plugin must not stop the site
                self._fail(plugin.name, f"failed at start: {exc!r}")
        self.app.extensions["cms_state"].on_reload(self.reload)

    def _candidates(self) -> Iterator[tuple[str, Callable[[], ModuleType], str]]:
        for package_name in self.app.config["PLUGIN_PACKAGES"]:
            try:
                package = importlib.import_module(package_name)
            except ImportError:
                log.info("plugin package %s is not importable; skipped", package_name)
                continue
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
                if info.ispkg and not info.name.startswith("_"):
                    dotted = f"{package_name}.{info.name}"
                    yield info.name, lambda dotted=dotted: importlib.import_module(dotted), package_name
        group = self.app.config["PLUGIN_ENTRY_POINT_GROUP"]
        for ep in sorted(importlib.metadata.entry_points(group=group), key=lambda e: e.name):
            dist = ep.dist.name if ep.dist else "?"
            yield ep.name, ep.load, f"distribution {dist}"

    def _load_one(self, name: str, loader: Callable[[], ModuleType], source: str) -> None:
        try:
            module = loader()
        except Exception as exc:
            log.error("plugin %s failed to import:\n%s", name, traceback.format_exc())
            self.problems[name] = f"failed to import: {exc!r}"
            return
        meta = getattr(module, "plugin", None)
        if not isinstance(meta, Plugin):
            self.problems[name] = "defines no `plugin = Plugin(...)`"
        elif meta.name != name:
            self.problems[name] = f"declares the name {meta.name!r}"
        elif not _supports_core(meta.core):
            self.problems[name] = f"supports core {meta.core}, this is {__version__}"
        else:
            self.plugins[name] = LoadedPlugin(meta, module, source)
            return
        log.error("plugin %s not loaded: %s", name, self.problems[name])

    def _drop_missing_dependencies(self) -> None:
        changed = True
        while changed:
            changed = False
            for plugin in list(self.plugins.values()):
                missing = [dep for dep in plugin.meta.requires if dep not in self.plugins]
                if missing:
                    del self.plugins[plugin.name]
                    self.problems[plugin.name] = f"needs the plugin {', '.join(missing)}, which is not available"
                    log.error("plugin %s not loaded: %s", plugin.name, self.problems[plugin.name])
                    changed = True

    def _register_contributions(self, plugin: LoadedPlugin) -> None:
        name, hook = plugin.name, self._single(plugin)
        public = hook("public_blueprint")
        if public is not None:
            self.app.register_blueprint(public, url_prefix=self._prefix(plugin))
            self.blueprint_owner[public.name] = name
        admin = hook("admin_blueprint")
        if admin is not None:
            self.app.register_blueprint(admin, url_prefix=f"/admin/{name}")
            self.blueprint_owner[admin.name] = name
            self.admin_blueprints.add(admin.name)
        for widget in hook("widgets") or ():
            self.widgets[widget.slot].append((name, widget))
            self.widgets[widget.slot].sort(key=lambda pair: (pair[1].order, pair[0]))
        self.menu_items.extend((name, item) for item in hook("admin_menu_items") or ())
        self.menu_items.sort(key=lambda pair: (pair[1].order, str(pair[1].label)))
        commands = hook("commands")
        if commands:
            group = AppGroup(name, help=f"Commands of the {name} plugin.")
            for command in commands:
                group.add_command(command)
            self.app.cli.commands["cms"].add_command(group)

    def _single(self, plugin: LoadedPlugin) -> Callable[[str], Any]:
        """Call one plugin's implementation of a hook, if it has one."""

        def call(hook_name: str) -> Any:
            for impl in getattr(self.pm.hook, hook_name).get_hookimpls():
                if impl.plugin_name == plugin.name:
                    return impl.function()
            return None

        return call

    def _prefix(self, plugin: LoadedPlugin) -> str:
        """The URL prefix, read from the database when it is there.

        Blueprints are registered once, so a changed prefix applies after a
        restart; the settings form says so.
        """
        try:
            stored = db.session.scalar(
                select(PluginSetting.value).where(PluginSetting.plugin == plugin.name, PluginSetting.key == "url_prefix")
            )
        except Exception:
            db.session.rollback()
            stored = None
        prefix = stored or plugin.meta.url_prefix or f"/{plugin.name}/"
        return "/" + prefix.strip("/")

    def _fail(self, name: str, reason: str) -> None:
        log.error("plugin %s disabled: %s\n%s", name, reason, traceback.format_exc())
        self.problems[name] = reason
        plugin = self.plugins.pop(name)
        self.pm.unregister(plugin.module)
        self.widgets = defaultdict(list, {s: [p for p in ws if p[0] != name] for s, ws in self.widgets.items()})
        # Flask cannot unregister a blueprint: its routes answer 404 because
        # the plugin is no longer among those that can be enabled.
        self.menu_items = [pair for pair in self.menu_items if pair[0] != name]

    # -- state ----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read enabled flags and settings (called when the generation changes)."""
        rows = db.session.scalars(select(PluginState).where(PluginState.enabled.is_(True))).all()
        wanted = {row.name for row in rows if row.name in self.plugins}
        # A plugin whose dependency is off is off too.
        enabled = set(wanted)
        changed = True
        while changed:
            changed = False
            for name in list(enabled):
                if any(dep not in enabled for dep in self.plugins[name].meta.requires):
                    enabled.discard(name)
                    changed = True
        self.enabled = frozenset(enabled)
        stored: dict[str, dict[str, Any]] = defaultdict(dict)
        for row in db.session.scalars(select(PluginSetting)):
            stored[row.plugin][row.key] = row.value
        self.stored_settings = dict(stored)

    def is_enabled(self, name: str) -> bool:
        state()
        return name in self.enabled

    def enabled_plugins(self) -> list[LoadedPlugin]:
        state()
        return [p for n, p in sorted(self.plugins.items()) if n in self.enabled]

    def settings_of(self, name: str) -> dict[str, Any]:
        state()
        values = {s.key: s.default for s in self.plugins[name].meta.settings}
        values.update(self.stored_settings.get(name, {}))
        return values

    def save_settings(self, name: str, values: dict[str, Any]) -> None:
        known = {s.key for s in self.plugins[name].meta.settings}
        for key, value in values.items():
            if key not in known:
                raise PluginError(f"{name} has no setting {key!r}")
            row = db.session.get(PluginSetting, (name, key))
            if row is None:
                db.session.add(PluginSetting(plugin=name, key=key, value=value))
            else:
                row.value = value
        bump_generation()

    def set_enabled(self, name: str, enabled: bool) -> None:
        """Enable (running pending migrations first) or disable a plugin.

        Refused with :class:`PluginError` when a dependency is off, or when
        an enabled plugin depends on the one being disabled. Commits.
        """
        from .schema import upgrade_plugin

        if name not in self.plugins:
            reason = self.problems.get(name, "is not installed")
            raise PluginError(f"{name}: {reason}")
        state()
        if enabled:
            off = [dep for dep in self.plugins[name].meta.requires if dep not in self.enabled]
            if off:
                raise PluginError(f"{name} needs {', '.join(off)}: enable that first.")
            upgrade_plugin(self.plugins[name])
        else:
            users = [p.name for p in self.enabled_plugins() if name in p.meta.requires]
            if users:
                raise PluginError(f"{', '.join(users)} needs {name}: disable that first.")
        row = db.session.get(PluginState, name)
        if row is None:
            db.session.add(PluginState(name=name, enabled=enabled))
        else:
            row.enabled = enabled
        bump_generation()
        db.session.commit()

    # -- calling hooks ----------------------------------------------------------

    def _impls(self, hook_name: str):
        impls = getattr(self.pm.hook, hook_name).get_hookimpls()
        enabled = self.enabled_names()
        return sorted((i for i in impls if i.plugin_name in enabled), key=lambda i: i.plugin_name)

    def enabled_names(self) -> frozenset[str]:
        state()
        return self.enabled

    def call(self, hook_name: str, *, soft: bool = True, **kwargs: Any) -> list:
        """Call a hook on every enabled plugin; return the non-None results.

        With ``soft`` (the default) a plugin's exception is logged, counted
        and skipped; otherwise it propagates.
        """
        caller = getattr(self.pm.hook, hook_name)
        first = bool(caller.spec and caller.spec.opts.get("firstresult"))
        results = []
        for impl in self._impls(hook_name):
            try:
                result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            except Exception as exc:
                if not soft:
                    raise
                self.record_fault(impl.plugin_name, f"hook {hook_name}", exc)
                continue
            if result is not None:
                results.append(result)
                if first:
                    break
        return results

    def pipe(self, hook_name: str, value: Any, **kwargs: Any) -> Any:
        """Pass ``value`` through each enabled plugin's implementation in turn."""
        arg = next(iter(getattr(self.pm.hook, hook_name).spec.argnames))
        for impl in self._impls(hook_name):
            kwargs[arg] = value
            try:
                result = impl.function(*[kwargs[a] for a in impl.argnames])
            except Exception as exc:
                self.record_fault(impl.plugin_name, f"hook {hook_name}", exc)
                continue
            if result is not None:
                value = result
        return value

    def record_fault(self, name: str, where: str, exc: BaseException) -> None:
        log.error("plugin %s raised in %s:\n%s", name, where, traceback.format_exc())
        fault = self.faults[name]
        fault.count += 1
        fault.last_message = f"{type(exc).__name__}: {exc}"
        fault.last_where = where
        fault.last_at = utcnow()

    def render_slot(self, slot: str) -> Markup:
        """Render the enabled plugins' widgets for ``slot``, in order."""
        enabled = self.enabled_names()
        parts: list[Markup] = []
        for name, widget in self.widgets.get(slot, ()):
            if name not in enabled:
                continue
            try:
                parts.append(escape(widget.render()))
            except Exception as exc:
                self.record_fault(name, f"widget {widget.name}", exc)
                if self.app.debug:
                    parts.append(Markup('<div class="widget-error" role="alert">{}</div>').format(
                        f"{name}/{widget.name}: {type(exc).__name__}: {exc}"))
        return Markup("\n").join(parts)

    def menu_for(self, user: Any) -> list[MenuItem]:
        enabled = self.enabled_names()
        return [item for name, item in self.menu_items if name in enabled and user.has_role(item.role)]

    # -- static files -------------------------------------------------------------

    def static_url(self, name: str, filename: str) -> str:
        path = self.plugins[name].path / "static" / filename
        tag = self._static_tags.get(path)
        if tag is None:
            tag = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"
            if not self.app.debug:
                self._static_tags[path] = tag
        return url_for("plugin_static", plugin=name, filename=filename, v=tag)


def _supports_core(spec: str) -> bool:
    try:
        return SpecifierSet(spec).contains(__version__, prereleases=True)
    except InvalidSpecifier:
        return False


def host() -> PluginHost:
    return current_app.extensions["cms_plugins"]


def _serve_static(plugin: str, filename: str):
    loaded = host().plugins.get(plugin)
    if loaded is None or not host().is_enabled(plugin):
        abort(404)
    max_age = STATIC_MAX_AGE if request.args.get("v") else None
    return send_from_directory(loaded.path / "static", filename, max_age=max_age)


def _guard_plugin_routes():
    """Disabled plugins' routes answer 404; admin blueprints need staff."""
    from .auth import staff_required_response

    owner = host().blueprint_owner.get(request.blueprint or "")
    if owner is None:
        return None
    if not host().is_enabled(owner):
        abort(404)
    if request.blueprint in host().admin_blueprints:
        return staff_required_response()
    return None


def _is_public_page_view(response) -> bool:
    staff = {"admin", "auth"} | host().admin_blueprints
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and request.blueprint not in staff
    )


def _fire_page_viewed(response):
    if _is_public_page_view(response):
        host().call("page_viewed", request=request, response=response)
    return response


def init_app(app: Flask) -> None:
    """Load every plugin found; call after the ``cms`` CLI group exists."""
    plugin_host = PluginHost(app)
    app.extensions["cms_plugins"] = plugin_host
    app.add_url_rule("/_plugins/<plugin>/static/<path:filename>", "plugin_static", _serve_static)
    app.before_request(_guard_plugin_routes)
    app.after_request(_fire_page_viewed)
    app.jinja_env.globals.update(render_slot=lambda slot: host().render_slot(slot), plugin_static=lambda n, f: host().static_url(n, f))
    with app.app_context():
        plugin_host.load()
