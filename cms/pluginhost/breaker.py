"""The circuit breaker: plugin faults counted by every worker together, and
quarantine for a plugin that faults too often.

A fault (an exception contained by :mod:`cms.pluginhost.calling`, a failing
plugin page, a widget over its time budget) is added to this worker's memory
and written to the ``plugin_fault`` table at most once per plugin every
``PLUGIN_FAULT_WRITE_SECONDS``, the counts in between going in that one
atomic upsert: a plugin failing on every request costs the database one
small write a second per worker, not one per fault. Counts are shared by
every worker and node and survive restarts.

When ``PLUGIN_FAULT_THRESHOLD`` faults fall in one (fixed) window of
``PLUGIN_FAULT_WINDOW_SECONDS``, the plugin is quarantined: its soft
contributions (widgets, events, menus, content filters, assets...) are
skipped on every worker, which learn it through the state cache's generation
(:mod:`cms.statecache`), until an admin releases it on the plugins page.
Quarantine leaves the plugin enabled: releasing it needs no migration and
keeps its settings.
"""
from __future__ import annotations

import logging
import threading
import time
import traceback
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Iterator

from flask import Flask, has_request_context
from sqlalchemy import case, delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..audit import record as audit
from ..database import SQLITE_BUSY_MS
from ..extensions import db
from ..models import AuditEntry, PluginFaultCount, SiteSetting, utcnow
from ..statecache import GENERATION_KEY, bump_generation
from ..upsert import upsert
from .running import describe

log = logging.getLogger("cms.plugins")

MESSAGE_CHARS = 1000
TRACEBACK_CHARS = 8000
#: On SQLite, how long a fault write waits for a lock the request itself may
#: hold; past it the counts stay in memory for the next write.
SQLITE_WRITE_WAIT_MS = 200
_TABLE = PluginFaultCount.__table__


@dataclass
class PluginFault:
    """What the admin sees about a plugin's faults: ``count`` since the last
    reset, ``recent`` in the current window, the last fault, and when the
    plugin was quarantined (``None`` while it is not)."""

    count: int = 0
    recent: int = 0
    last_where: str = ""
    last_type: str = ""
    last_message: str = ""
    last_traceback: str = ""
    last_at: datetime | None = None
    quarantined_at: datetime | None = None


class Breaker:
    """Fault counts and quarantine of the plugins of one app (one worker).

    ``clock`` (Unix time) is replaceable, for tests.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.clock = time.time
        self.quarantined: frozenset[str] = frozenset()
        self._pending: dict[str, PluginFault] = {}
        self._next_write: dict[str, float] = {}
        self._lock = threading.Lock()

    def start(self) -> None:
        """Read the quarantined plugins now and whenever the generation changes;
        write this worker's pending counts after each request."""
        self.app.extensions["cms_state"].on_reload(self.reload)
        self.app.teardown_request(lambda _exc: self.write_due())

    def reload(self) -> None:
        try:
            names = db.session.scalars(select(_TABLE.c.plugin).where(_TABLE.c.quarantined_at.is_not(None)))
            self.quarantined = frozenset(names)
        except SQLAlchemyError:  # the table is not there yet, before `cms init` upgrades the core
            db.session.rollback()
            self.quarantined = frozenset()

    # Recording.

    def record(self, name: str, where: str, exc: BaseException) -> None:
        """Log and count one fault of plugin ``name``; written now if due
        outside a request, otherwise once the request is over (the
        request's own transaction is then done)."""
        detail = "".join(traceback.format_exception(exc)) if exc.__traceback__ else describe(exc)
        log.error("plugin %s: fault in %s:\n%s", name, where, detail)
        with self._lock:
            pending = self._pending.setdefault(name, PluginFault())
            pending.count += 1
            pending.last_where = where[:200]
            pending.last_type = type(exc).__name__[:200]
            pending.last_message = describe(exc)[:MESSAGE_CHARS]
            pending.last_traceback = _tail(detail, TRACEBACK_CHARS)
            pending.last_at = utcnow()
        if not has_request_context():
            self.write_due()

    def write_due(self) -> None:
        """Write the pending counts of every plugin whose turn has come."""
        for name in list(self._pending):
            self.write(name)

    def write(self, name: str) -> None:
        """Add plugin ``name``'s pending counts to the shared row, at most
        once per ``PLUGIN_FAULT_WRITE_SECONDS``; quarantine it when its
        window is over the threshold."""
        now = self.clock()
        with self._lock:
            if now < self._next_write.get(name, float("-inf")):
                return
            pending = self._pending.pop(name, None)
            if pending is None:
                return
            self._next_write[name] = now + self.app.config["PLUGIN_FAULT_WRITE_SECONDS"]
        try:
            with _write_connection() as connection:
                recent, quarantined_at = self._add(connection, name, pending, now)
                newly = quarantined_at is None and recent >= self.app.config["PLUGIN_FAULT_THRESHOLD"]
                newly = newly and self._quarantine(connection, name, recent)
        except SQLAlchemyError as exc:
            log.warning("plugin %s: fault counts not written yet (%s); kept for the next write", name, describe(exc))
            self._put_back(name, pending)
            return
        if newly:
            log.error("plugin %s quarantined after %d faults in %s s", name, recent,
                      self.app.config["PLUGIN_FAULT_WINDOW_SECONDS"])
            self.quarantined |= {name}
            self.app.extensions["cms_state"].expire()

    def _add(self, connection: Any, name: str, pending: PluginFault, now: float) -> tuple[int, Any]:
        """One upsert: a window that has passed starts again at this count."""
        window = self.app.config["PLUGIN_FAULT_WINDOW_SECONDS"]
        insert = upsert(_TABLE).values(
            plugin=name, recent=pending.count, window_ends=now + window, total=pending.count,
            last_at=pending.last_at, last_where=pending.last_where, last_type=pending.last_type,
            last_message=pending.last_message, last_traceback=pending.last_traceback,
        )
        new, expired = insert.excluded, _TABLE.c.window_ends <= now
        insert = insert.on_conflict_do_update(index_elements=[_TABLE.c.plugin], set_={
            "recent": case((expired, new.recent), else_=_TABLE.c.recent + new.recent),
            "window_ends": case((expired, new.window_ends), else_=_TABLE.c.window_ends),
            "total": _TABLE.c.total + new.total,
            **{column: getattr(new, column) for column in
               ("last_at", "last_where", "last_type", "last_message", "last_traceback")},
        })
        return tuple(connection.execute(insert.returning(_TABLE.c.recent, _TABLE.c.quarantined_at)).one())

    def _quarantine(self, connection: Any, name: str, recent: int) -> bool:
        """Mark the plugin quarantined (once, whichever worker is first),
        audit it and bump the generation so that every worker learns it."""
        marked = connection.execute(update(_TABLE).where(
            _TABLE.c.plugin == name, _TABLE.c.quarantined_at.is_(None)).values(quarantined_at=utcnow()))
        if marked.rowcount != 1:
            return False
        window = self.app.config["PLUGIN_FAULT_WINDOW_SECONDS"]
        connection.execute(AuditEntry.__table__.insert().values(
            created_at=utcnow(), action="plugin.quarantined", object_type="plugin", object_id=name,
            username="", detail=f"plugin={name} faults={recent} window={window}s"))
        generation = upsert(SiteSetting.__table__).values(key=GENERATION_KEY, value=uuid.uuid4().hex)
        connection.execute(generation.on_conflict_do_update(
            index_elements=[SiteSetting.__table__.c.key], set_={"value": generation.excluded.value}))
        return True

    def _put_back(self, name: str, pending: PluginFault) -> None:
        with self._lock:
            newer = self._pending.get(name)
            if newer is not None:
                pending = replace(newer, count=newer.count + pending.count)
            self._pending[name] = pending

    # Reading and releasing.

    def faults(self) -> dict[str, PluginFault]:
        """Every plugin's faults as stored, plus what this worker has not written yet."""
        try:
            rows = db.session.scalars(select(PluginFaultCount)).all()
        except SQLAlchemyError:  # no table yet
            db.session.rollback()
            rows = []
        found = {row.plugin: PluginFault(row.total, row.recent, row.last_where, row.last_type, row.last_message,
                                         row.last_traceback, row.last_at, row.quarantined_at) for row in rows}
        with self._lock:
            for name, pending in self._pending.items():
                stored = found.get(name)
                found[name] = replace(pending, count=pending.count + (stored.count if stored else 0),
                                      recent=pending.count + (stored.recent if stored else 0),
                                      quarantined_at=stored.quarantined_at if stored else None)
        return found

    def release(self, name: str) -> bool:
        """Lift plugin ``name``'s quarantine and reset its counts, audited and
        committed; ``False`` when it was not quarantined."""
        row = db.session.get(PluginFaultCount, name)
        if row is None or row.quarantined_at is None:
            return False
        db.session.execute(delete(_TABLE).where(_TABLE.c.plugin == name))
        audit("plugin.released", None, f"plugin={name} faults={row.total}")
        bump_generation()
        db.session.commit()
        with self._lock:
            self._pending.pop(name, None)
            self._next_write.pop(name, None)
        self.quarantined -= {name}
        return True


def _tail(text: str, limit: int) -> str:
    """The end of a long traceback: where the exception was raised."""
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


@contextmanager
def _write_connection() -> Iterator[Any]:
    """A connection in a transaction of its own; on SQLite it waits only
    briefly for the write lock, which the current request's own session may
    hold (the counts are then kept for later), instead of the usual wait."""
    with db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _lock_wait(connection, SQLITE_WRITE_WAIT_MS)
        try:
            with connection.begin():
                yield connection
        finally:
            if sqlite:
                _lock_wait(connection, SQLITE_BUSY_MS)


def _lock_wait(connection: Any, milliseconds: int) -> None:
    connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={milliseconds}")
