"""The numbers shown to visitors, staff and other plugins.

Every read first lets the recorder flush when there is no background
flusher, and the numbers read on every page are cached per worker for a
few seconds (``STATS_CACHE_SECONDS``), so the widget costs at most a few
small queries per worker every few seconds, whatever the traffic.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app

from cms.plugin import vn_number

from . import clock, plugin
from .recorder import recorder

DEFAULT_CACHE_SECONDS = 5.0
MOST_VIEWED_CACHE_SECONDS = 30.0
FIELDS = ("total", "today", "yesterday", "month", "online")


@dataclass(frozen=True)
class Summary:
    """The widget's numbers; ``generated`` is naive UTC."""

    total: int
    today: int
    yesterday: int
    month: int
    online: int
    generated: datetime

    def as_json(self) -> dict:
        values = {name: getattr(self, name) for name in FIELDS}
        return {
            "counts": values,
            "formatted": {name: vn_number(value) for name, value in values.items()},
            "generated": clock.epoch(self.generated),
        }


def cache_seconds() -> float:
    return float(current_app.config.get("STATS_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))


def _read_summary() -> Summary:
    store, moment = recorder().store, clock.now()
    today = clock.local(moment).date()
    yesterday = today - timedelta(days=1)
    month_start = today.replace(day=1)
    days = store.day_views(min(month_start, yesterday), today)
    online = store.online(moment - timedelta(minutes=plugin.setting("online_minutes")))
    month = sum(views for day, views in days.items() if day >= month_start)
    return Summary(store.total(), days.get(today, 0), days.get(yesterday, 0), month, online, moment)


def summary() -> Summary:
    recorder().sync()
    return recorder().cache.get("summary", cache_seconds(), _read_summary)


def daily(count: int, end: date | None = None) -> list[tuple[date, int]]:
    """Views per local day for ``count`` days up to ``end`` (today), zeros included."""
    recorder().sync()
    end = end or clock.today()
    days = clock.days_back(end, count)
    stored = recorder().store.day_views(days[0], end)
    return [(day, stored.get(day, 0)) for day in days]


def hourly(day: date | None = None) -> list[tuple[int, int]]:
    """Views per local hour of ``day`` (today), as (hour 0-23, views)."""
    recorder().sync()
    day = day or clock.today()
    stored = recorder().store.hour_views(day)
    start = datetime.combine(day, datetime.min.time())
    return [(hour, stored.get(start + timedelta(hours=hour), 0)) for hour in range(24)]


def _period(days: int | None) -> tuple[date, date] | None:
    if days is None:
        return None
    today = clock.today()
    return today - timedelta(days=max(int(days), 1) - 1), today


def top_paths(prefix: str = "/", limit: int = 10, days: int | None = None) -> list[tuple[str, int]]:
    """Most viewed paths under ``prefix`` in the last ``days`` local days (all time if None)."""
    recorder().sync()
    return recorder().store.top_paths(prefix or "", int(limit), _period(days))


def most_viewed(prefix: str, limit: int, days: int | None) -> list[tuple[str, int]]:
    """:func:`top_paths`, cached per worker: other plugins call it on every page."""
    recorder().sync()
    key = ("most_viewed", prefix, limit, days, clock.today())
    return recorder().cache.get(key, min(cache_seconds() * 6, MOST_VIEWED_CACHE_SECONDS),
                                lambda: top_paths(prefix, limit, days))


def path_views(paths: list[str]) -> dict[str, int]:
    """All-time views of each path (0 for paths never viewed)."""
    recorder().sync()
    paths = [str(path) for path in paths]
    stored = recorder().store.path_views(sorted(set(paths)))
    return {path: stored.get(path, 0) for path in paths}
