"""The plugin host: registers what plugins contribute and calls their hooks.

Every plugin found (see :mod:`cms.plugindiscovery`) is registered when the
app is built, since Flask cannot add blueprints later; whether it is
*enabled* is state in the database, cached per worker (see
:mod:`cms.settings`). All hook calls go through :meth:`PluginHost.call`,
which skips disabled plugins, calls the implementations in a defined order
(plugin name), and contains a plugin's exception so that one plugin cannot
take a page down: the fault is logged with the plugin's name, counted, and
shown on the admin plugins page.
"""
from __future__ import annotations

import hashlib
import logging
import traceback
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

import click
import pluggy
from flask import Flask, abort, current_app, got_request_exception, request, send_from_directory, url_for
from flask.cli import AppGroup, with_appcontext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from . import hookspecs
from .audit import record
from .errors import ValidationError
from .extensions import db
from .models import PluginSetting, PluginState, utcnow
from .plugin import MenuItem, Widget
from .plugindiscovery import LoadedPlugin, PluginProblem, dependency_order, discover, unmet_dependencies
from .settings import bump_generation, state

log = logging.getLogger("cms.plugins")

STATIC_MAX_AGE = 365 * 24 * 3600

#: The plugin whose code is running (a hook, a widget), for attribution.
running_plugin: ContextVar[str | None] = ContextVar("cms_running_plugin", default=None)


class PluginError(Exception):
    """A plugin operation was refused; the message is for the admin."""


@dataclass
class PluginFault:
    """Errors a plugin raised while running, counted per worker process."""

    count: int = 0
    last_message: str = ""
    last_where: str = ""
    last_at: datetime | None = None
    last_traceback: str = ""


class PluginHost:
    """The plugins of one app; lives in ``app.extensions["cms_plugins"]``."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pm = pluggy.PluginManager("cms")
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, LoadedPlugin] = {}
        self.problems: dict[str, PluginProblem] = {}
        self.faults: dict[str, PluginFault] = defaultdict(PluginFault)
        self.widgets: dict[str, list[tuple[str, Widget]]] = defaultdict(list)
        self.menu_items: list[tuple[str, MenuItem]] = []
        self.blueprint_owner: dict[str, str] = {}
        self.admin_blueprints: set[str] = set()
        self.prefixes: dict[str, str] = {}
        self.command_groups: set[str] = set()
        self.enabled: frozenset[str] = frozenset()
        self.stored_states: dict[str, bool] = {}
        self.resolved_settings: dict[str, Mapping[str, Any]] = {}
        self._static_tags: dict[Path, str] = {}

    # -- start-up -----------------------------------------------------------

    def load(self) -> None:
        """Find every plugin and register what it contributes, dependencies first."""
        config = self.app.config
        self.plugins, self.problems = discover(config["PLUGIN_PACKAGES"], config["PLUGIN_ENTRY_POINT_GROUP"])
        for plugin in dependency_order(list(self.plugins.values())):
            problem = unmet_dependencies(plugin, self.plugins)
            if problem is not None:  # a dependency failed to start
                self._drop(plugin.name, problem)
                continue
            try:
                self._start(plugin)
            except Exception as exc:  # a broken plugin must not stop the site
                error = str(exc) if isinstance(exc, PluginError) else _describe(exc)
                detail = "".join(traceback.format_exception(exc))
                self._drop(plugin.name, PluginProblem(_l("Lỗi khi khởi động: %(error)s", error=error), detail))
        self.resolved_settings = {name: self._resolve_settings(name, {}) for name in self.plugins}
        self.app.extensions["cms_state"].on_reload(self.reload)

    def _start(self, plugin: LoadedPlugin) -> None:
        unknown = self._unknown_hooks(plugin)
        if unknown:
            raise PluginError(_l("khai báo hook không tồn tại: %(hooks)s", hooks=", ".join(unknown)))
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
                self._invoke(plugin.name, impl.function, *[{"app": self.app}[arg] for arg in impl.argnames])

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
                    return self._invoke(plugin.name, impl.function)
            return None

        return call

    def _mount_public(self, plugin: LoadedPlugin, blueprint) -> None:
        prefix = self._stored_prefix(plugin)
        if prefix is None or self.prefix_conflict(plugin.name, prefix):
            default = _normalize_prefix(plugin.meta.declared("url_prefix").default)
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
            return _normalize_prefix(plugin.meta.declared("url_prefix").clean(stored)) if stored else None
        except ValueError:
            return None

    def prefix_conflict(self, name: str, prefix: str) -> str | None:
        """The route of someone other than plugin ``name`` that already uses
        the first segment of ``prefix``, or ``None`` when it is free."""
        segment = _normalize_prefix(prefix).strip("/").split("/")[0]
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
        group = AppGroup(plugin.name, help=f"Commands of the {plugin.name} plugin.",
                         callback=_require_enabled(plugin.name))
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
        self.menu_items = [pair for pair in self.menu_items if pair[0] != name]
        if name in self.command_groups:
            self.app.cli.commands["cms"].commands.pop(name, None)
            self.command_groups.discard(name)
        # Flask cannot unregister a blueprint: its routes answer 404 because
        # the plugin is no longer among those that can be enabled.

    # -- state ----------------------------------------------------------------

    def reload(self) -> None:
        """Re-read enabled flags and settings (called when the generation changes)."""
        rows = db.session.execute(select(PluginState.name, PluginState.enabled))
        self.stored_states = {name: on for name, on in rows}
        wanted = {name for name, on in self.stored_states.items() if on and name in self.plugins}
        self.enabled = frozenset(self._with_dependencies_on(wanted))
        stored: dict[str, dict[str, Any]] = defaultdict(dict)
        for row in db.session.scalars(select(PluginSetting)):
            stored[row.plugin][row.key] = row.value
        self.resolved_settings = {name: self._resolve_settings(name, stored[name]) for name in self.plugins}

    def _with_dependencies_on(self, names: set[str]) -> set[str]:
        """``names`` less every plugin whose dependency is not among them."""
        enabled = set(names)
        while True:
            off = {n for n in enabled if any(dep not in enabled for dep in self.plugins[n].meta.dependencies)}
            if not off:
                return enabled
            enabled -= off

    def _resolve_settings(self, name: str, stored: dict[str, Any]) -> Mapping[str, Any]:
        """Stored values checked against the schema; a value that no longer
        fits (the schema changed) falls back to the default."""
        values = {}
        for setting in self.plugins[name].meta.settings:
            values[setting.key] = setting.default
            if setting.key in stored:
                try:
                    values[setting.key] = setting.clean(stored[setting.key])
                except ValueError:
                    log.warning("plugin %s: stored setting %s no longer fits; using the default", name, setting.key)
        return MappingProxyType(values)

    def is_enabled(self, name: str) -> bool:
        return name in self.enabled_names()

    def enabled_names(self) -> frozenset[str]:
        state()
        return self.enabled

    def enabled_plugins(self) -> list[LoadedPlugin]:
        enabled = self.enabled_names()
        return [p for n, p in sorted(self.plugins.items()) if n in enabled]

    def dependents(self, name: str) -> list[str]:
        """Loaded plugins that require plugin ``name``."""
        return sorted(p.name for p in self.plugins.values() if name in p.meta.dependencies)

    def settings_of(self, name: str) -> Mapping[str, Any]:
        """Every setting of plugin ``name``, stored or default (read-only)."""
        state()
        return self.resolved_settings[name]

    def save_settings(self, name: str, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
        """Check ``values`` against the schema and store them; a blank
        (``None``) value restores the default. Returns what changed as
        ``{key: (old, new)}``. Raises :class:`ValidationError` naming the
        fields refused, storing nothing. The caller commits."""
        schema = {s.key: s for s in self.plugins[name].meta.settings}
        cleaned, errors = {}, {}
        for key, value in values.items():
            if key not in schema:
                errors[key] = f"{name} has no setting {key!r}"
                continue
            try:
                cleaned[key] = schema[key].clean(value)
            except ValueError as exc:
                errors[key] = str(exc)
        if errors:
            raise ValidationError(errors)
        current = self.settings_of(name)
        effective = {key: schema[key].default if value is None else value for key, value in cleaned.items()}
        changed = {key: (current[key], value) for key, value in effective.items() if current[key] != value}
        for key, value in cleaned.items():
            self._store_setting(name, key, value)
        bump_generation()
        return changed

    def _store_setting(self, name: str, key: str, value: Any) -> None:
        """Store one value; ``None`` (left blank) removes it, restoring the default."""
        row = db.session.get(PluginSetting, (name, key))
        if value is None:
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(PluginSetting(plugin=name, key=key, value=value))
        else:
            row.value = value

    def set_enabled(self, name: str, enabled: bool) -> None:
        """Enable (running pending migrations first, under the lock) or
        disable a plugin, audited and committed.

        Refused with :class:`PluginError` when a dependency is off, or when
        an enabled plugin depends on the one being disabled. A disabled
        plugin's data is kept.
        """
        if name not in self.plugins:
            raise PluginError(self.problems.get(name) or _l("Không tìm thấy plugin %(name)s.", name=name))
        if enabled:
            self._check_can_enable(name)
            self._upgrade(name)
        else:
            users = [user for user in self.dependents(name) if self.is_enabled(user)]
            if users:
                raise PluginError(_l("Không thể tắt %(name)s vì plugin %(users)s đang cần nó; "
                                     "hãy tắt các plugin đó trước.", name=name, users=", ".join(users)))
        try:
            self._store_state(name, enabled)
        except IntegrityError:  # another worker added the row first: it exists now
            db.session.rollback()
            self._store_state(name, enabled)

    def _store_state(self, name: str, enabled: bool) -> None:
        row = db.session.get(PluginState, name)
        if row is not None and row.enabled == enabled:
            return  # a second click, or another admin was first: nothing to record
        if row is None:
            db.session.add(PluginState(name=name, enabled=enabled))
        else:
            row.enabled = enabled
        record("plugin.enabled" if enabled else "plugin.disabled", detail=f"plugin={name}")
        bump_generation()
        db.session.commit()

    def _check_can_enable(self, name: str) -> None:
        off = [dep for dep in self.plugins[name].meta.dependencies if not self.is_enabled(dep)]
        if off:
            raise PluginError(_l("Không thể bật %(name)s: cần bật trước plugin %(deps)s.",
                                 name=name, deps=", ".join(off)))

    def _upgrade(self, name: str) -> None:
        from .schema import upgrade_plugin

        try:
            upgrade_plugin(self.plugins[name])
        except Exception as exc:
            db.session.rollback()
            log.exception("plugin %s: migration failed", name)
            raise PluginError(_l("Không nâng cấp được cơ sở dữ liệu của plugin %(name)s: %(error)s",
                                 name=name, error=_describe(exc))) from exc

    # -- calling hooks ----------------------------------------------------------

    def _impls(self, hook_name: str) -> list:
        impls = getattr(self.pm.hook, hook_name).get_hookimpls()
        enabled = self.enabled_names()
        return sorted((i for i in impls if i.plugin_name in enabled), key=lambda i: i.plugin_name)

    def _invoke(self, name: str, function: Callable, *args: Any) -> Any:
        token = running_plugin.set(name)
        try:
            return function(*args)
        finally:
            running_plugin.reset(token)

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
                result = self._invoke(impl.plugin_name, impl.function, *[kwargs[arg] for arg in impl.argnames])
            except Exception as exc:
                if not soft:
                    raise
                self.contain(impl.plugin_name, f"hook {hook_name}", exc)
                continue
            if result is not None:
                results.append(result)
                if first:
                    break
        return results

    def pipe(self, hook_name: str, value: Any, **kwargs: Any) -> Any:
        """Pass ``value`` through each enabled plugin's implementation in turn;
        a plugin that raises is skipped (its input goes on unchanged)."""
        arg = next(iter(getattr(self.pm.hook, hook_name).spec.argnames))
        for impl in self._impls(hook_name):
            kwargs[arg] = value
            try:
                result = self._invoke(impl.plugin_name, impl.function, *[kwargs[a] for a in impl.argnames])
            except Exception as exc:
                self.contain(impl.plugin_name, f"hook {hook_name}", exc)
                continue
            if result is not None:
                value = result
        return value

    def contain(self, name: str, where: str, exc: BaseException) -> None:
        """Log and count a plugin's exception; leave the session usable."""
        self.record_fault(name, where, exc)
        if isinstance(exc, SQLAlchemyError):
            # PostgreSQL refuses every later statement of a failed transaction.
            db.session.rollback()

    def record_fault(self, name: str, where: str, exc: BaseException) -> None:
        detail = "".join(traceback.format_exception(exc))
        log.error("plugin %s raised in %s:\n%s", name, where, detail)
        fault = self.faults[name]
        fault.count += 1
        fault.last_message = _describe(exc)
        fault.last_where = where
        fault.last_at = utcnow()
        fault.last_traceback = detail

    def render_slot(self, slot: str) -> Markup:
        """Render the enabled plugins' widgets for ``slot``, in order.

        A widget that raises is left out; in debug mode an error box takes
        its place so that the developer sees it.
        """
        enabled = self.enabled_names()
        parts: list[Markup] = []
        for name, widget in self.widgets.get(slot, ()):
            if name not in enabled:
                continue
            try:
                parts.append(escape(self._invoke(name, widget.render)))
            except Exception as exc:
                self.contain(name, f"widget {widget.name}", exc)
                if self.app.debug:
                    parts.append(Markup('<div class="widget-error" role="alert">{}</div>').format(
                        f"{name}/{widget.name}: {_describe(exc)}"))
        return Markup("\n").join(parts)

    def menu_for(self, user: Any) -> list[MenuItem]:
        enabled = self.enabled_names()
        return [item for name, item in self.menu_items if name in enabled and user.has_role(item.role)]

    # -- static files -------------------------------------------------------------

    def static_url(self, name: str, filename: str) -> str:
        """The file's URL with a tag from its content (cached unless debugging)."""
        path = self.plugins[name].path / "static" / filename
        tag = self._static_tags.get(path)
        if tag is None:
            tag = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"
            if not self.app.debug:
                self._static_tags[path] = tag
        return url_for("plugin_static", plugin=name, filename=filename, v=tag)


def _require_enabled(name: str) -> Callable[[], None]:
    """The callback of a plugin's command group: its commands refuse to run
    while the plugin is disabled (its tables may not even exist)."""

    def check() -> None:
        if not host().is_enabled(name):
            raise click.ClickException(f"The {name} plugin is disabled; enable it first: "
                                       f"flask --app wsgi cms plugin enable {name}")

    return with_appcontext(check)


def _normalize_prefix(prefix: str) -> str:
    return "/" + prefix.strip("/")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


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
    staff = {"admin", "auth", "twofactor"} | host().admin_blueprints
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


def _count_route_fault(sender: Flask, exception: BaseException, **extra: Any) -> None:
    """A plugin's own page that fails is a fault of that plugin too."""
    owner = sender.extensions["cms_plugins"].blueprint_owner.get(request.blueprint or "")
    if owner is not None:
        sender.extensions["cms_plugins"].record_fault(owner, f"route {request.endpoint}", exception)


def init_app(app: Flask) -> None:
    """Load every plugin found; call after the ``cms`` CLI group exists."""
    plugin_host = PluginHost(app)
    app.extensions["cms_plugins"] = plugin_host
    app.add_url_rule("/_plugins/<plugin>/static/<path:filename>", "plugin_static", _serve_static)
    app.before_request(_guard_plugin_routes)
    app.after_request(_fire_page_viewed)
    got_request_exception.connect(_count_route_fault, app)
    app.jinja_env.globals.update(render_slot=lambda slot: host().render_slot(slot),
                                 plugin_static=lambda n, f: host().static_url(n, f))
    with app.app_context():
        plugin_host.load()
