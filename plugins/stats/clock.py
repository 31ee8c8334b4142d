"""The one source of "now" for the statistics, so tests can move time."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from cms.plugin import to_local, utcnow


def now() -> datetime:
    """Naive UTC."""
    return utcnow()


def local(moment: datetime) -> datetime:
    """A naive-UTC moment as naive wall-clock time in the site's timezone."""
    return to_local(moment).replace(tzinfo=None)


def today() -> date:
    """The site's local date now: the day that rolls over at local midnight."""
    return local(now()).date()


def hour_start(moment: datetime) -> datetime:
    """The local hour a naive-UTC moment falls in, as naive local time."""
    return local(moment).replace(minute=0, second=0, microsecond=0)


def days_back(end: date, count: int) -> list[date]:
    """``count`` consecutive days ending with ``end``, oldest first."""
    return [end - timedelta(days=offset) for offset in range(count - 1, -1, -1)]


def epoch(moment: datetime) -> int:
    """Seconds since 1970 of a naive-UTC moment (for JavaScript)."""
    return int(moment.replace(tzinfo=timezone.utc).timestamp())
