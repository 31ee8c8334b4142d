"""The SQL backend: batched upserts from each worker, aggregate reads.

Each flush is one transaction of a few multi-row ``INSERT ... ON CONFLICT
DO UPDATE`` statements that add to the stored counts, so workers and
machines sharing the database add up exactly. Rows are written in sorted
order, so two workers flushing at once cannot deadlock on PostgreSQL.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from sqlalchemy import Engine, bindparam, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from .batch import Batch
from .models import DailySalt, DayViews, HourViews, PageDayViews, PageViews, Visitor

FORGET_EVERY = timedelta(minutes=1)


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


class SqlStore:
    """Statistics kept in the site's database."""

    name = "sql"

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        # Built once: the flusher runs these every second.
        self._adders = {model: self._adder(model, keys) for model, keys in (
            (HourViews, ["hour"]), (DayViews, ["day"]), (PageDayViews, ["day", "path"]), (PageViews, ["path"]))}
        self._seer = self._visitor_upsert()
        self._forget = delete(Visitor).where(Visitor.last_seen < bindparam("before"))
        self._forgotten_before = datetime.min

    # -- writing --------------------------------------------------------------

    def _adder(self, model, keys: list[str]):
        """``INSERT ... ON CONFLICT DO UPDATE`` adding a row's ``views`` to the stored count."""
        statement = self._insert(model.__table__)
        return statement.on_conflict_do_update(
            index_elements=keys, set_={"views": model.__table__.c.views + statement.excluded.views})

    def _visitor_upsert(self):
        table = Visitor.__table__
        statement = self._insert(table)
        newer = func.max if self.engine.dialect.name == "sqlite" else func.greatest
        return statement.on_conflict_do_update(
            index_elements=["id"], set_={"last_seen": newer(table.c.last_seen, statement.excluded.last_seen)})

    def write(self, batch: Batch, forget_before: datetime) -> None:
        """Add a batch in one transaction; now and then forget visitors idle since ``forget_before``."""
        rows = {
            HourViews: [{"hour": h, "views": n} for h, n in sorted(batch.hours.items())],
            DayViews: [{"day": d, "views": n} for d, n in sorted(batch.days().items())],
            PageDayViews: [{"day": d, "path": p, "views": n} for (d, p), n in sorted(batch.pages.items())],
            PageViews: [{"path": p, "views": n} for p, n in sorted(batch.paths().items())],
        }
        visitors = [{"id": v, "last_seen": batch.visitors[v]} for v in sorted(batch.visitors)]
        with self.engine.begin() as connection:
            for model, values in rows.items():
                if values:
                    connection.execute(self._adders[model], values)
            if visitors:
                connection.execute(self._seer, visitors)
            if forget_before - self._forgotten_before >= FORGET_EVERY:
                connection.execute(self._forget, {"before": forget_before})
                self._forgotten_before = forget_before

    def salt(self, day: date) -> str:
        """The day's random salt, created by whichever worker asks first.

        The insert comes first in its transaction, so on SQLite a second
        writer waits for the lock instead of failing on a read-to-write upgrade.
        """
        with self.engine.connect() as connection:
            stored = connection.scalar(select(DailySalt.salt).where(DailySalt.day == day))
        if stored is not None:
            return stored
        with self.engine.begin() as connection:
            connection.execute(self._insert(DailySalt.__table__)
                               .values(day=day, salt=secrets.token_hex(32)).on_conflict_do_nothing())
            connection.execute(delete(DailySalt).where(DailySalt.day < day - timedelta(days=1)))
            return connection.scalar(select(DailySalt.salt).where(DailySalt.day == day))

    # -- reading ----------------------------------------------------------------

    def _rows(self, statement) -> list:
        with self.engine.connect() as connection:
            return connection.execute(statement).all()

    def total(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.coalesce(func.sum(DayViews.views), 0))))

    def day_views(self, first: date, last: date) -> dict[date, int]:
        rows = self._rows(select(DayViews.day, DayViews.views).where(DayViews.day.between(first, last)))
        return {day: int(views) for day, views in rows}

    def hour_views(self, day: date) -> dict[datetime, int]:
        start = datetime.combine(day, datetime.min.time())
        rows = self._rows(select(HourViews.hour, HourViews.views)
                          .where(HourViews.hour >= start, HourViews.hour < start + timedelta(days=1)))
        return {hour: int(views) for hour, views in rows}

    def online(self, since: datetime) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Visitor).where(Visitor.last_seen >= since)))

    def path_views(self, paths: list[str]) -> dict[str, int]:
        if not paths:
            return {}
        rows = self._rows(select(PageViews.path, PageViews.views).where(PageViews.path.in_(paths)))
        return {path: int(views) for path, views in rows}

    def top_paths(self, prefix: str, limit: int, period: tuple[date, date] | None) -> list[tuple[str, int]]:
        """Most viewed paths under ``prefix``, all time or in the local days ``period`` (inclusive)."""
        if period is None:
            path, views = PageViews.path, PageViews.views
            statement = select(path, views)
        else:
            path, views = PageDayViews.path, func.sum(PageDayViews.views)
            statement = select(path, views).where(PageDayViews.day.between(*period)).group_by(path)
        statement = statement.where(path.like(_like_prefix(prefix), escape="\\"))
        rows = self._rows(statement.order_by(views.desc(), path).limit(limit))
        return [(found, int(count)) for found, count in rows]
