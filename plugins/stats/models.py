"""The statistics tables (SQL backend).

Only aggregates are kept: views per local hour, per local day and per
(day, path), all-time views per path, and for "online now" one row per
visitor id (a keyed hash, never an address) with the time it was last seen.
Days and hours are the site's local calendar (Asia/Ho_Chi_Minh by default).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from cms.plugin import db

PATH_LENGTH = 500
VISITOR_ID_LENGTH = 32


class HourViews(db.Model):
    """Views in one local hour; ``hour`` is the hour's start, naive local time."""

    __tablename__ = "stats_hour"

    hour: Mapped[datetime] = mapped_column(DateTime, primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)


class DayViews(db.Model):
    """Views in one local day; the all-time total is the sum of these rows."""

    __tablename__ = "stats_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)


class PageDayViews(db.Model):
    """Views of one URL path in one local day (top pages over a period)."""

    __tablename__ = "stats_page_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    path: Mapped[str] = mapped_column(String(PATH_LENGTH), primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)


class PageViews(db.Model):
    """All-time views of one URL path, read by ``page_view_counts``."""

    __tablename__ = "stats_page"

    path: Mapped[str] = mapped_column(String(PATH_LENGTH), primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)


class Visitor(db.Model):
    """When a visitor was last active, for "online now"; purged after two hours."""

    __tablename__ = "stats_visitor"

    id: Mapped[str] = mapped_column(String(VISITOR_ID_LENGTH), primary_key=True)
    last_seen: Mapped[datetime] = mapped_column(DateTime, index=True)


class DailySalt(db.Model):
    """The random salt of one local day for visitors without a cookie.

    Deleted the day after, so yesterday's hashes can no longer be linked to
    an address by anyone, the site's operator included.
    """

    __tablename__ = "stats_salt"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))
