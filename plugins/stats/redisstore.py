"""The Redis backend, for several workers and machines.

Each flush is one ``MULTI``/``EXEC`` pipeline of ``INCRBY``/``HINCRBY``/
``ZINCRBY`` commands, which Redis applies atomically, so every worker's
counts add up exactly. "Online now" is a sorted set of visitor ids scored
by the time they were last seen. Redis must persist its data (AOF or RDB
snapshots) for the history to survive a restart of Redis.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta, timezone

import redis

from .batch import Batch
from .clock import days_back

PAGE_DAY_TTL = timedelta(days=400)
SALT_TTL = timedelta(days=2)


def _epoch(moment: datetime) -> float:
    return moment.replace(tzinfo=timezone.utc).timestamp()


def _hour_key(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H")


class RedisStore:
    """Statistics kept in Redis under ``prefix``."""

    name = "redis"

    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str, prefix: str) -> "RedisStore":
        return cls(redis.Redis.from_url(url, decode_responses=True), prefix)

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def write(self, batch: Batch, forget_before: datetime) -> None:
        pipe = self.client.pipeline(transaction=True)
        pipe.incrby(self.key("total"), batch.views)
        for day, views in sorted(batch.days().items()):
            pipe.hincrby(self.key("day"), day.isoformat(), views)
        for hour, views in sorted(batch.hours.items()):
            pipe.hincrby(self.key("hour"), _hour_key(hour), views)
        for (day, path), views in sorted(batch.pages.items()):
            pipe.zincrby(self.key("page", day.isoformat()), views, path)
        for day in {day for day, _path in batch.pages}:
            pipe.expire(self.key("page", day.isoformat()), PAGE_DAY_TTL)
        for path, views in sorted(batch.paths().items()):
            pipe.zincrby(self.key("page"), views, path)
        if batch.visitors:
            pipe.zadd(self.key("online"), {v: _epoch(m) for v, m in batch.visitors.items()}, gt=True)
        pipe.zremrangebyscore(self.key("online"), "-inf", f"({_epoch(forget_before)}")
        pipe.execute()

    def salt(self, day: date) -> str:
        key = self.key("salt", day.isoformat())
        self.client.set(key, secrets.token_hex(32), nx=True, ex=SALT_TTL)
        return self.client.get(key)

    def total(self) -> int:
        return int(self.client.get(self.key("total")) or 0)

    def day_views(self, first: date, last: date) -> dict[date, int]:
        days = days_back(last, (last - first).days + 1)
        values = self.client.hmget(self.key("day"), [d.isoformat() for d in days])
        return {day: int(value) for day, value in zip(days, values, strict=True) if value is not None}

    def hour_views(self, day: date) -> dict[datetime, int]:
        hours = [datetime.combine(day, datetime.min.time()) + timedelta(hours=h) for h in range(24)]
        values = self.client.hmget(self.key("hour"), [_hour_key(h) for h in hours])
        return {hour: int(value) for hour, value in zip(hours, values, strict=True) if value is not None}

    def online(self, since: datetime) -> int:
        return int(self.client.zcount(self.key("online"), _epoch(since), "+inf"))

    def path_views(self, paths: list[str]) -> dict[str, int]:
        if not paths:
            return {}
        scores = self.client.zmscore(self.key("page"), paths)
        return {path: int(score) for path, score in zip(paths, scores, strict=True) if score is not None}

    def top_paths(self, prefix: str, limit: int, period: tuple[date, date] | None) -> list[tuple[str, int]]:
        if period is None:
            pairs = self.client.zrange(self.key("page"), 0, -1, desc=True, withscores=True)
        else:
            first, last = period
            keys = [self.key("page", d.isoformat()) for d in days_back(last, (last - first).days + 1)]
            pairs = self.client.zunion(keys, withscores=True)
        found = [(path, int(score)) for path, score in pairs if path.startswith(prefix)]
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return found[:limit]

    def clear(self) -> None:
        """Delete every key under the prefix (tests and a site reset)."""
        keys = list(self.client.scan_iter(match=self.prefix + "*", count=500))
        if keys:
            self.client.delete(*keys)
