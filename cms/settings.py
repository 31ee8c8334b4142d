"""Site settings and the per-worker cache of database-held state.

Settings, plugin states and plugin settings change rarely and are read on
every request, so each worker keeps them in memory. A random generation token
in the ``settings`` table changes with every write; a worker compares it at
most once per ``PLUGIN_REFRESH_SECONDS`` (one small query) and reloads when
it differs, so every worker and machine sharing the database sees a change
within that interval without a query per read.
"""
from __future__ import annotations

import threading
import time
import uuid
from typing import Any, Callable

from flask import Flask, current_app, has_request_context, request
from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError

from .extensions import db
from .models import Setting

GENERATION_KEY = "generation"
_NEVER_LOADED = object()
_CHECKED_KEY = "cms.state_checked"

SITE_DEFAULTS: dict[str, Any] = {
    "site_name": "Cổng Thông tin điện tử",
    "tagline": "",
    "logo": "",
    "footer": "",
    "language": "vi",
    "timezone": "Asia/Ho_Chi_Minh",
    "require_second_factor": False,
}


class StateCache:
    """Database-held state cached in one worker; lives in ``app.extensions``.

    The generation is compared at most once per ``interval`` seconds and at
    most once per request (an interval of 0, as in tests, means once per
    request), so reading state never costs a query per call.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.generation: Any = _NEVER_LOADED
        self.checked_at = float("-inf")
        self.epoch = 0
        self.site: dict[str, Any] = dict(SITE_DEFAULTS)
        self.loaders: list[Callable[[], None]] = []
        self._lock = threading.RLock()

    def on_reload(self, loader: Callable[[], None]) -> None:
        """Call ``loader`` at the next read and whenever the generation changes."""
        self.loaders.append(loader)
        self.generation = _NEVER_LOADED
        self.expire()

    def expire(self) -> None:
        """Check the generation at the next read (after a local write)."""
        self.checked_at = float("-inf")
        self.epoch += 1

    def _fresh(self) -> bool:
        return time.monotonic() - self.checked_at < self.interval or self._checked_in_this_request()

    def refresh(self) -> None:
        """Reload if the generation changed; threads of one worker wait for
        the reload in progress rather than read half-loaded state."""
        if self._fresh() and self.generation is not _NEVER_LOADED:
            return
        with self._lock:
            if not self._fresh():
                self._reload_if_changed()

    def _reload_if_changed(self) -> None:
        self.checked_at = time.monotonic()
        if has_request_context():
            request.environ[_CHECKED_KEY] = self.epoch
        try:
            token = db.session.scalar(select(Setting.value).where(Setting.key == GENERATION_KEY))
        except (OperationalError, ProgrammingError):
            # No tables yet (before `cms init`): serve defaults.
            db.session.rollback()
            return
        if token != self.generation:
            self.site = dict(SITE_DEFAULTS)
            self.site.update(
                {row.key: row.value for row in db.session.scalars(select(Setting)) if row.key in SITE_DEFAULTS}
            )
            for loader in self.loaders:
                loader()
            self.generation = token

    def _checked_in_this_request(self) -> bool:
        return has_request_context() and request.environ.get(_CHECKED_KEY) == self.epoch


def init_app(app: Flask) -> None:
    app.extensions["cms_state"] = StateCache(app.config["PLUGIN_REFRESH_SECONDS"])


def state() -> StateCache:
    cache = current_app.extensions["cms_state"]
    cache.refresh()
    return cache


def site_setting(key: str) -> Any:
    return state().site.get(key, SITE_DEFAULTS.get(key))


def site_settings() -> dict[str, Any]:
    return dict(state().site)


def bump_generation() -> None:
    """Mark cached state stale everywhere; committed with the caller's change."""
    row = db.session.get(Setting, GENERATION_KEY)
    token = uuid.uuid4().hex
    if row is None:
        db.session.add(Setting(key=GENERATION_KEY, value=token))
    else:
        row.value = token
    current_app.extensions["cms_state"].expire()


def save_site_settings(values: dict[str, Any]) -> None:
    """Store site settings (unknown keys are refused) and bump the generation."""
    unknown = set(values) - set(SITE_DEFAULTS)
    if unknown:
        raise KeyError(f"unknown site settings: {', '.join(sorted(unknown))}")
    for key, value in values.items():
        row = db.session.get(Setting, key)
        if row is None:
            db.session.add(Setting(key=key, value=value))
        else:
            row.value = value
    bump_generation()
