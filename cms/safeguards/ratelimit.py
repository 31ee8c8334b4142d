"""Where rate limits count: Redis when the site has one, otherwise a table in
the site's database, so that every worker and node counts together (a count
in each worker's memory would multiply every limit by the number of workers).

:class:`DatabaseStorage` is a ``limits`` storage registered under the
``cms-database://`` scheme; it serves Flask-Limiter's default fixed-window
strategy. :func:`add` is its atomic counter, also used for failed logins per
account (``cms.accounts.throttle``).
"""
from __future__ import annotations

import hashlib
import time
from typing import Any

from flask import Flask
from limits.storage import Storage
from sqlalchemy import String, case, delete, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import RateLimitCounter
from ..upsert import upsert

SCHEME = "cms-database"
SWEEP_SECONDS = 60
_TABLE = RateLimitCounter.__table__
_KEY_TYPE = _TABLE.c.key.type
assert isinstance(_KEY_TYPE, String) and _KEY_TYPE.length  # a bounded String column
_KEY_LENGTH: int = _KEY_TYPE.length


def storage_uri(app: Flask) -> str:
    """Redis when ``CMS_REDIS_URL`` is set, the database otherwise."""
    return app.config["REDIS_URL"] or f"{SCHEME}://"


def _stored_key(key: str) -> str:
    """The key as stored: a digest when it is longer than the column."""
    if len(key) <= _KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def add(executor: Any, key: str, seconds: int, amount: int = 1) -> int:
    """Add ``amount`` to counter ``key`` and return its new value; a counter
    whose window has passed starts again for ``seconds``. One statement
    (insert or update, returning the count), so concurrent workers never
    lose a count. ``executor`` is a connection or ``db.session``."""
    now = time.time()
    insert = upsert(_TABLE).values(key=_stored_key(key), count=amount, expires_at=now + seconds)
    expired = _TABLE.c.expires_at <= now
    insert = insert.on_conflict_do_update(index_elements=[_TABLE.c.key], set_={
        "count": case((expired, insert.excluded.count), else_=_TABLE.c.count + insert.excluded.count),
        "expires_at": case((expired, insert.excluded.expires_at), else_=_TABLE.c.expires_at),
    })
    return executor.execute(insert.returning(_TABLE.c.count)).scalar_one()


def remove(executor: Any, key: str) -> None:
    """Forget counter ``key`` at once."""
    executor.execute(delete(_TABLE).where(_TABLE.c.key == _stored_key(key)))


class DatabaseStorage(Storage):
    """Fixed-window counters in the ``rate_limit_counter`` table of the
    current app's database. Each call runs in its own short transaction, so
    a hit counts even when the request's own work is rolled back."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = 0.0

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        with db.engine.begin() as connection:
            count = add(connection, key, expiry, amount)
            self._sweep(connection)
        return count

    def _sweep(self, connection) -> None:
        """Delete expired counters, at most once a minute per worker."""
        now = time.time()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_SECONDS
            connection.execute(delete(_TABLE).where(_TABLE.c.expires_at <= now))

    def _row(self, key: str):
        with db.engine.connect() as connection:
            return connection.execute(select(_TABLE.c.count, _TABLE.c.expires_at).where(
                _TABLE.c.key == _stored_key(key), _TABLE.c.expires_at > time.time())).first()

    def get(self, key: str) -> int:
        row = self._row(key)
        return row.count if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return row.expires_at if row else time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int | None:
        with db.engine.begin() as connection:
            return connection.execute(delete(_TABLE)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as connection:
            remove(connection, key)
