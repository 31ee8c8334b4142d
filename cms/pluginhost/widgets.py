"""Rendering one widget: timed against the budget, and cached when it says so.

A render that takes longer than ``PLUGIN_WIDGET_BUDGET_MS`` is logged and
counted as a fault of its plugin (:class:`SlowWidget`), so that a widget
that slows every page ends in quarantine like one that raises.

A widget declared with ``cache_seconds`` is rendered once and its output
reused, in this worker, for that many seconds, or until the plugin state or
settings change (the state cache's generation: any enable, disable, setting
or quarantine), whichever comes first. The output is kept per plugin, slot,
widget, language of the request and the value of the widget's ``vary_on``
callable, so a slow widget costs once per invalidation, not per request.
"""
from __future__ import annotations

import logging
import time
from typing import Any, Callable

from flask import Flask
from flask_babel import get_locale
from markupsafe import Markup, escape

from ..plugin import Widget
from .running import invoke

log = logging.getLogger("cms.plugins")

#: Entries kept per worker; past it the cache starts again (a ``vary_on``
#: with too many values must not grow the worker's memory without end).
MAX_ENTRIES = 2000


class SlowWidget(Exception):
    """A widget took longer than the budget; counted like a fault."""


class WidgetRenderer:
    """Timing and output cache of the widgets of one app (one worker).

    ``clock`` (seconds, monotonic) is replaceable, for tests.
    """

    def __init__(self, app: Flask, on_slow: Callable[[str, str, BaseException], None]) -> None:
        self.app = app
        self.on_slow = on_slow
        self.clock = time.monotonic
        self._cache: dict[tuple, tuple[float, Markup]] = {}

    def start(self) -> None:
        """Drop every cached output whenever the generation changes."""
        self.app.extensions["cms_state"].on_reload(self.expire)

    def expire(self) -> None:
        self._cache.clear()

    def render(self, name: str, widget: Widget) -> Markup:
        """Widget ``widget`` of plugin ``name``, from the cache when it may be;
        its exception propagates (the caller contains it)."""
        if not widget.cache_seconds:
            return self._timed(name, widget)
        key = (name, widget.slot, widget.name, str(get_locale()), widget.vary_on() if widget.vary_on else None)
        cached = self._cache.get(key)
        if cached is not None and cached[0] > self.clock():
            return cached[1]
        html = self._timed(name, widget)
        if len(self._cache) >= MAX_ENTRIES:
            self._cache.clear()
        self._cache[key] = (self.clock() + widget.cache_seconds, html)
        return html

    def _timed(self, name: str, widget: Widget) -> Markup:
        started = self.clock()
        html = escape(invoke(name, widget.render))
        elapsed_ms = (self.clock() - started) * 1000
        budget: Any = self.app.config["PLUGIN_WIDGET_BUDGET_MS"]
        if budget and elapsed_ms > budget:
            self.on_slow(name, f"widget {widget.name}", SlowWidget(
                f"{widget.slot}/{widget.name} took {elapsed_ms:.0f} ms (budget {budget} ms)"))
        return html
