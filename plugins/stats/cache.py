"""A small per-worker cache with expiry, for numbers read on every page."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable

MAX_ITEMS = 256


class TtlCache:
    """Values computed at most once per ``ttl`` seconds per key, per worker."""

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
            if len(self._items) >= MAX_ITEMS:
                self._items.clear()
            self._items[key] = (now + ttl, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
