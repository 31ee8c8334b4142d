"""Calling plugins' hooks: enabled plugins only, in a defined order, each
plugin's exception contained.

pluggy alone calls every registered implementation and stops at the first
exception; the core calls hooks only through :class:`HookCalls`, which skips
disabled plugins, orders implementations by plugin name, and for soft hooks
logs, counts and skips a plugin that raises, so that one plugin cannot take a
page down. Soft hooks and widgets also skip quarantined plugins. Faults are
counted by every worker together (:mod:`cms.pluginhost.breaker`) and shown on
the admin plugins page.
"""
from __future__ import annotations

from typing import Any, Callable

from flask import Flask
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..plugin import MenuItem
from .breaker import Breaker
from .registry import Registry
from .running import describe, invoke
from .widgets import WidgetRenderer


class HookCalls:
    """Hook calls, widget rendering and the fault counts of one app."""

    def __init__(self, app: Flask, registry: Registry, enabled_names: Callable[[], frozenset[str]]) -> None:
        self.app = app
        self.registry = registry
        self.enabled_names = enabled_names
        self.breaker = Breaker(app)
        self.widgets = WidgetRenderer(app, self.record_fault)

    def start(self) -> None:
        self.breaker.start()
        self.widgets.start()

    def active_names(self) -> frozenset[str]:
        """Enabled plugins less the quarantined: those whose soft contributions run."""
        enabled = self.enabled_names()
        quarantined = self.breaker.quarantined
        return enabled - quarantined if quarantined else enabled

    def _impls(self, hook_name: str, soft: bool = True) -> list:
        impls = getattr(self.registry.pm.hook, hook_name).get_hookimpls()
        enabled = (self.active_names() if soft else self.enabled_names()) | self.registry.temporary
        return sorted((i for i in impls if i.plugin_name in enabled), key=lambda i: i.plugin_name)

    def call(self, hook_name: str, *, soft: bool = True, **kwargs: Any) -> list:
        """Call a hook on every enabled plugin; return the non-None results.

        With ``soft`` (the default) a plugin's exception is logged, counted
        and skipped; otherwise it propagates.
        """
        caller = getattr(self.registry.pm.hook, hook_name)
        first = bool(caller.spec and caller.spec.opts.get("firstresult"))
        results = []
        for impl in self._impls(hook_name, soft):
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
        self.breaker.record(name, where, exc)

    def render_slot(self, slot: str) -> Markup:
        """Render the active plugins' widgets for ``slot``, in order.

        A widget that raises is left out; in debug mode an error box takes
        its place so that the developer sees it.
        """
        active = self.active_names()
        parts: list[Markup] = []
        for name, widget in self.registry.widgets.get(slot, ()):
            if name not in active:
                continue
            try:
                parts.append(self.widgets.render(name, widget))
            except Exception as exc:
                self.contain(name, f"widget {widget.name}", exc)
                if self.app.debug:
                    parts.append(Markup('<div class="widget-error" role="alert">{}</div>').format(
                        f"{name}/{widget.name}: {describe(exc)}"))
        return Markup("\n").join(parts)

    def menu_for(self, user: Any) -> list[MenuItem]:
        active = self.active_names()
        return [item for name, item in self.registry.menu_items if name in active and user.has_role(item.role)]
