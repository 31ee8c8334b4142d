"""Which plugins are enabled and their settings: state in the database,
cached per worker.

The cache is the core's :class:`cms.statecache.StateCache`: every read checks
the generation (at most once per request or interval) and :meth:`reload`
runs when it changed, so a plugin enabled on one node is enabled on every
node within ``PLUGIN_REFRESH_SECONDS``. Every write bumps the generation.

Within a request the state is one :class:`Snapshot`, taken at its start
(:meth:`PluginStates.begin_request`) and kept for its length, so a plugin
enabled or disabled meanwhile is either wholly on or wholly off for that
request: its page, its widgets, its hooks and its settings agree.

A plugin switched on whose code is newer than its database (migrations not
yet run) is *outdated*: it stays off, all of it, until upgraded. Whether it
is, is read at each reload (one small query per plugin with migrations),
never per request.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple

from flask import has_request_context, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..models import PluginSetting, PluginState
from ..statecache import bump_generation, state
from .discovery import LoadedPlugin
from . import shortcodes
from .migrations import MigrationFailed, heads, pending, upgrade_plugin
from .registry import PluginError, Registry
from .running import describe

log = logging.getLogger("cms.plugins")

SNAPSHOT_KEY = "cms.plugin_state"


class Snapshot(NamedTuple):
    """The enabled plugins and every plugin's settings, read together."""

    enabled: frozenset[str]
    settings: Mapping[str, Mapping[str, Any]]


class PluginStates:
    """Enabled flags and settings of the plugins of one :class:`Registry`."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.current = Snapshot(frozenset(), {})
        self.outdated: frozenset[str] = frozenset()
        self.absent_shortcodes: re.Pattern | None = None
        self.shortcode_owners: dict[str, str] = {}
        self.stored_states: dict[str, bool] = {}
        self._heads: dict[str, set[str] | None] = {}

    @property
    def plugins(self) -> dict[str, LoadedPlugin]:
        return self.registry.plugins

    def start(self) -> None:
        """Defaults until the first read; then reload whenever the generation changes."""
        self.current = Snapshot(frozenset(), {name: self._resolve_settings(name, {}) for name in self.plugins})
        self.registry.app.extensions["cms_state"].on_reload(self.reload)

    def reload(self) -> None:
        """Re-read enabled flags and settings (called when the generation changes)."""
        rows = db.session.execute(select(PluginState.name, PluginState.enabled))
        self.stored_states = {name: on for name, on in rows}
        wanted = {name for name, on in self.stored_states.items() if on and name in self.plugins}
        self.outdated = frozenset(name for name in wanted if self._is_outdated(name))
        enabled = frozenset(self._with_dependencies_on(wanted - self.outdated))
        self.shortcode_owners = shortcodes.recorded()
        self.absent_shortcodes = shortcodes.pattern(
            name for name, owner in self.shortcode_owners.items() if owner not in enabled)
        stored: dict[str, dict[str, Any]] = defaultdict(dict)
        for row in db.session.scalars(select(PluginSetting)):
            stored[row.plugin][row.key] = row.value
        self.current = Snapshot(enabled, {name: self._resolve_settings(name, stored[name]) for name in self.plugins})

    def _is_outdated(self, name: str) -> bool:
        """Whether the plugin has migrations its database has not run; an
        unreadable history counts as outdated (logged), not as up to date."""
        plugin = self.plugins[name]
        try:
            if name not in self._heads:  # the code does not change while the worker runs
                self._heads[name] = heads(plugin) if plugin.migrations.is_dir() else None
            return self._heads[name] is not None and pending(plugin, self._heads[name])
        except Exception:
            log.exception("plugin %s: cannot read its migrations", name)
            return True

    def hide_absent_shortcodes(self, html: str) -> str:
        state()
        return shortcodes.hide(html, self.absent_shortcodes, self.shortcode_owners)

    def switched_on_plugins(self) -> list[LoadedPlugin]:
        """Plugins the admin enabled, up to date or not (what ``cms init`` upgrades)."""
        state()
        return [p for n, p in sorted(self.plugins.items()) if self.stored_states.get(n)]

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

    def begin_request(self) -> None:
        """Take this request's snapshot (the host's first before-request step)."""
        self.snapshot()

    def snapshot(self) -> Snapshot:
        """This request's state, taken at its first read; outside a request of
        this app (CLI, startup, tests), the state as it is now."""
        if not (has_request_context() and request_ctx.app is self.registry.app):
            state()
            return self.current
        taken = request.environ.get(SNAPSHOT_KEY)
        if taken is None:
            state()
            taken = request.environ[SNAPSHOT_KEY] = self.current
        return taken

    def is_enabled(self, name: str) -> bool:
        return name in self.enabled_names()

    def enabled_names(self) -> frozenset[str]:
        return self.snapshot().enabled

    def enabled_plugins(self) -> list[LoadedPlugin]:
        enabled = self.enabled_names()
        return [p for n, p in sorted(self.plugins.items()) if n in enabled]

    def settings_of(self, name: str) -> Mapping[str, Any]:
        """Every setting of plugin ``name``, stored or default (read-only)."""
        return self.snapshot().settings[name]

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
            raise PluginError(self.registry.problems.get(name) or _l("Không tìm thấy plugin %(name)s.", name=name))
        if enabled:
            self._check_can_enable(name)
            self._upgrade(name)
        else:
            users = [user for user in self.registry.dependents(name) if self.is_enabled(user)]
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
            if name in self.outdated:  # just upgraded: every worker turns it back on
                bump_generation()
                db.session.commit()
            return  # a second click, or another admin was first: nothing to record
        if row is None:
            db.session.add(PluginState(name=name, enabled=enabled))
        else:
            row.enabled = enabled
        if enabled:
            shortcodes.remember([self.plugins[name]])
        record("plugin.enabled" if enabled else "plugin.disabled", detail=f"plugin={name}")
        bump_generation()
        db.session.commit()

    def _check_can_enable(self, name: str) -> None:
        off = [dep for dep in self.plugins[name].meta.dependencies if not self.is_enabled(dep)]
        if off:
            raise PluginError(_l("Không thể bật %(name)s: cần bật trước plugin %(deps)s.",
                                 name=name, deps=", ".join(off)))

    def upgrade(self, name: str) -> None:
        """Run an outdated plugin's pending migrations, audited; every worker
        then turns it back on. Raises :class:`PluginError` if they fail (rolled back)."""
        if name not in self.plugins:
            raise PluginError(self.registry.problems.get(name) or _l("Không tìm thấy plugin %(name)s.", name=name))
        self._upgrade(name)
        shortcodes.remember([self.plugins[name]])
        record("plugin.upgraded", detail=f"plugin={name} version={self.plugins[name].meta.version}")
        bump_generation()
        db.session.commit()

    def _upgrade(self, name: str) -> None:
        # The migration runs on a connection of its own: this session's open
        # transaction could hold locks on the plugin's tables it must wait for.
        db.session.rollback()
        try:
            upgrade_plugin(self.plugins[name])
        except Exception as exc:
            db.session.rollback()
            log.exception("plugin %s: migration failed", name)
            cause = exc.error if isinstance(exc, MigrationFailed) else exc
            revision = exc.revision if isinstance(exc, MigrationFailed) else "?"
            raise PluginError(_l("Không nâng cấp được cơ sở dữ liệu của plugin %(name)s (bản %(revision)s): "
                                 "%(error)s", name=name, revision=revision, error=describe(cause))) from exc
