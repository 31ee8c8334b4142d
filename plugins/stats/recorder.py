"""Counting in the worker: a buffer written to the store in batches.

A page view only adds to an in-memory :class:`Batch` (microseconds, no I/O).
A background thread per process, started at the first view, writes the
batch every ``STATS_FLUSH_SECONDS`` (1 s by default) and once more at a
clean exit (``atexit``). A crash loses at most the views of the last
interval. Without a background thread (``STATS_FLUSH_SECONDS = 0``, the
default under ``TESTING``), reads flush the buffer first, so they see every
view counted in this process.

Each app gets its recorder in the ``startup`` hook (:func:`install`); the
flusher still waits for the first view, so a process that counts nothing
(a command, a disabled plugin, a pre-fork master) runs no thread.
"""
from __future__ import annotations

import atexit
import logging
import os
import secrets
import threading
import time
import weakref
from datetime import date, datetime, timedelta
from typing import Any, Callable, Hashable

from flask import Flask, current_app

from cms.plugin import db

from . import clock
from .batch import Batch
from .redisstore import RedisStore
from .sqlstore import SqlStore

log = logging.getLogger(__name__)

FORGET_VISITORS_AFTER = timedelta(hours=2)
DEFAULT_FLUSH_SECONDS = 1.0
DEFAULT_REDIS_PREFIX = "cms:stats:"
EXTENSION = "stats"

CACHE_MAX_ITEMS = 256

_live: "weakref.WeakSet[Recorder]" = weakref.WeakSet()
_process_hooks_installed = False


class TtlCache:
    """Values computed at most once per ``ttl`` seconds per key, per worker:
    the numbers and HTML read on every page."""

    def __init__(self) -> None:
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, ttl: float, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        hit = self._items.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
        value = compute()
        with self._lock:
            if len(self._items) >= CACHE_MAX_ITEMS:
                self._items.clear()
            self._items[key] = (now + ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class Recorder:
    """One app's counting state in one process; lives in ``app.extensions``."""

    def __init__(self, store: SqlStore | RedisStore, interval: float) -> None:
        self.store = store
        self.interval = interval
        self.cache = TtlCache()
        self._salts: dict[date, str] = {}
        self._reset()

    def _reset(self) -> None:
        """Fresh locks and an empty buffer (also in a forked child)."""
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._batch = Batch()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def background(self) -> bool:
        return self.interval > 0

    def add_view(self, hour: datetime, path: str, visitor: str, moment: datetime, views: int = 1) -> None:
        with self._lock:
            self._batch.add_view(hour, path, views)
            self._batch.see(visitor, moment)
        self._start_flusher()

    def see(self, visitor: str, moment: datetime) -> None:
        """Activity that is not a page view (the widget's refresh)."""
        with self._lock:
            self._batch.see(visitor, moment)
        self._start_flusher()

    def flush(self) -> bool:
        """Write the buffer; on failure keep it for the next attempt. True if written."""
        with self._flush_lock:
            with self._lock:
                batch, self._batch = self._batch, Batch()
            if not batch:
                return False
            try:
                self.store.write(batch, clock.now() - FORGET_VISITORS_AFTER)
            except Exception:
                log.exception("statistics: writing %d views failed; kept for the next flush", batch.views)
                with self._lock:
                    self._batch.merge(batch)
                return False
            return True

    def sync(self) -> None:
        """Before a read: without a background flusher, flush so reads are exact."""
        if not self.background and self.flush():
            self.cache.clear()

    def salt(self, day: date) -> str:
        """The day's shared salt; if the store cannot give it, one of this
        worker's own, so the view is still counted."""
        salt = self._salts.get(day)
        if salt is None:
            try:
                salt = self.store.salt(day)
            except Exception:
                log.exception("statistics: no shared salt for %s; this worker uses its own today", day)
                salt = secrets.token_hex(32)
            self._salts = {day: salt}
        return salt

    def _start_flusher(self) -> None:
        if not self.background or self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="stats-flusher", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self) -> None:
        """Stop the flusher and write what is left (clean shutdown)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        self.flush()


def _close_all() -> None:
    for recorder in list(_live):
        recorder.close()


def _after_fork() -> None:
    # A child must not write the parent's buffer a second time.
    for recorder in list(_live):
        recorder._reset()


def _install_process_hooks() -> None:
    global _process_hooks_installed
    if not _process_hooks_installed:
        atexit.register(_close_all)
        os.register_at_fork(after_in_child=_after_fork)
        _process_hooks_installed = True


def _make(app: Flask) -> Recorder:
    config = app.config
    if config.get("REDIS_URL"):
        store: SqlStore | RedisStore = RedisStore.from_url(
            config["REDIS_URL"], config.get("STATS_REDIS_PREFIX", DEFAULT_REDIS_PREFIX))
    else:
        with app.app_context():
            store = SqlStore(db.engine)
    interval = config.get("STATS_FLUSH_SECONDS", 0.0 if app.testing else DEFAULT_FLUSH_SECONDS)
    return Recorder(store, float(interval))


def install(app: Flask) -> Recorder:
    """Give ``app`` its recorder; the backend follows ``REDIS_URL`` as configured now."""
    made = app.extensions[EXTENSION] = _make(app)
    _live.add(made)
    _install_process_hooks()
    return made


def recorder() -> Recorder:
    """The current app's recorder."""
    return current_app.extensions[EXTENSION]
