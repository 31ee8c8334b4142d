"""Calling plugins' hooks: enabled plugins only, in a defined order, each
plugin's exception contained.

pluggy alone calls every registered implementation and stops at the first
exception; the core calls hooks only through :class:`HookCalls`, which skips
disabled plugins, orders implementations by plugin name, and for soft hooks
logs, counts and skips a plugin that raises, so that one plugin cannot take a
page down. Faults are counted per worker and shown on the admin plugins page.
"""
from __future__ import annotations

import logging
import traceback
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from flask import Flask
from markupsafe import Markup, escape
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import utcnow
from ..plugin import MenuItem
from .registry import Registry
from .running import describe, invoke

log = logging.getLogger("cms.plugins")


@dataclass
class PluginFault:
    """Errors a plugin raised while running, counted per worker process."""

    count: int = 0
    last_message: str = ""
    last_where: str = ""
    last_at: datetime | None = None
    last_traceback: str = ""


class HookCalls:
    """Hook calls, widget rendering and the fault counts of one app."""

    def __init__(self, app: Flask, registry: Registry, enabled_names: Callable[[], frozenset[str]]) -> None:
        self.app = app
        self.registry = registry
        self.enabled_names = enabled_names
        self.faults: dict[str, PluginFault] = defaultdict(PluginFault)

    def _impls(self, hook_name: str) -> list:
        impls = getattr(self.registry.pm.hook, hook_name).get_hookimpls()
        enabled = self.enabled_names()
        return sorted((i for i in impls if i.plugin_name in enabled), key=lambda i: i.plugin_name)

    def call(self, hook_name: str, *, soft: bool = True, **kwargs: Any) -> list:
        """Call a hook on every enabled plugin; return the non-None results.

        With ``soft`` (the default) a plugin's exception is logged, counted
        and skipped; otherwise it propagates.
        """
        caller = getattr(self.registry.pm.hook, hook_name)
        first = bool(caller.spec and caller.spec.opts.get("firstresult"))
        results = []
        for impl in self._impls(hook_name):
            try:
                result = invoke(impl.plugin_name, impl.function, *[kwargs[arg] for arg in impl.argnames])
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
        arg = next(iter(getattr(self.registry.pm.hook, hook_name).spec.argnames))
        for impl in self._impls(hook_name):
            kwargs[arg] = value
            try:
                result = invoke(impl.plugin_name, impl.function, *[kwargs[a] for a in impl.argnames])
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
        fault.last_message = describe(exc)
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
        for name, widget in self.registry.widgets.get(slot, ()):
            if name not in enabled:
                continue
            try:
                parts.append(escape(invoke(name, widget.render)))
            except Exception as exc:
                self.contain(name, f"widget {widget.name}", exc)
                if self.app.debug:
                    parts.append(Markup('<div class="widget-error" role="alert">{}</div>').format(
                        f"{name}/{widget.name}: {describe(exc)}"))
        return Markup("\n").join(parts)

    def menu_for(self, user: Any) -> list[MenuItem]:
        enabled = self.enabled_names()
        return [item for name, item in self.registry.menu_items if name in enabled and user.has_role(item.role)]
