"""Reporting periods (month, quarter, year or a custom range of days) and
the buckets of a trend.

Months are carried as integers ``YYYYMM`` (and days as ``YYYYMMDD``) so that
grouping by month, quarter or year is integer arithmetic that every database
does the same way.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from flask_babel import gettext as _

from cms.plugin import ValidationError, local_now, parse_int

KINDS = ("month", "quarter", "year", "custom")
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
TREND_LENGTH = {"month": 12, "quarter": 8, "year": 5}
MAX_CUSTOM_DAYS = 366 * 5
# Reports and paper forms stay within these years: outside them a date is a
# typing error (or 9999-12-31, whose month end overflows).
FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)


def month_key(day: date) -> int:
    return day.year * 100 + day.month


def day_key(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class Period:
    """A closed range of local dates with the kind it was chosen as."""

    kind: str
    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls("month", date(year, month, 1), month_end(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        first = 3 * (quarter - 1) + 1
        return cls("quarter", date(year, first, 1), month_end(year, first + 2))

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls("year", date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def custom(cls, start: date, end: date) -> "Period":
        return cls("custom", start, end)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return _("Tháng %(m)d/%(y)d", m=self.start.month, y=self.start.year)
        if self.kind == "quarter":
            return _("Quý %(q)s/%(y)d", q=ROMAN[(self.start.month - 1) // 3 + 1], y=self.start.year)
        if self.kind == "year":
            return _("Năm %(y)d", y=self.start.year)
        return _("Từ %(a)s đến %(b)s", a=self.start.strftime("%d/%m/%Y"), b=self.end.strftime("%d/%m/%Y"))

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}

    def trend(self) -> "Trend":
        """The buckets the trend chart shows: the last few periods of the
        same kind ending with this one, or the months of a custom range
        (quarters when it is longer than two years)."""
        if self.kind == "custom":
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            return Trend("month" if months <= 24 else "quarter", self.start, self.end)
        count = TREND_LENGTH[self.kind]
        step = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        year, month = add_months(self.start.year, self.start.month, -step * (count - 1))
        return Trend(self.kind, date(year, month, 1), self.end)


@dataclass(frozen=True)
class Trend:
    """Buckets of ``granularity`` covering ``start``..``end``."""

    granularity: str
    start: date
    end: date

    def bucket(self, month_column: Any) -> Any:
        """SQL: the bucket key of a ``YYYYMM`` column (``YYYYMM``, ``YYYYQ`` or ``YYYY``)."""
        if self.granularity == "month":
            return month_column
        if self.granularity == "quarter":
            return (month_column // 100) * 10 + ((month_column % 100) - 1) // 3 + 1
        return month_column // 100

    def keys(self) -> list[int]:
        """Every bucket in the range, in order, so empty ones show as gaps."""
        keys: list[int] = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            key = self.key_of(year, month)
            if key not in keys:
                keys.append(key)
            year, month = add_months(year, month, 1)
        return keys

    def key_of(self, year: int, month: int) -> int:
        if self.granularity == "month":
            return year * 100 + month
        if self.granularity == "quarter":
            return year * 10 + (month - 1) // 3 + 1
        return year

    def label(self, key: int) -> str:
        if self.granularity == "month":
            return f"{key % 100:02d}/{key // 100}"
        if self.granularity == "quarter":
            return f"{ROMAN[key % 10]}/{key // 10}"
        return str(key)


def default_period() -> Period:
    """The current year so far: what a town office looks at first."""
    return Period.year(local_now().year)


def parse_period(args: Mapping[str, str]) -> Period:
    """A period from query arguments (``period=month&year=2024&month=3``,
    ``period=quarter&year=2024&quarter=1``, ``period=year&year=2024``,
    ``period=custom&start=2023-12-15&end=2024-12-14``)."""
    kind = args.get("period") or "year"
    if kind not in KINDS:
        raise ValidationError({"period": _("Kỳ báo cáo không hợp lệ.")})
    if kind == "custom":
        return _custom(args)
    year = _int(args, "year", local_now().year, FIRST_YEAR, LAST_YEAR, _("Năm không hợp lệ."))
    if kind == "month":
        return Period.month(year, _int(args, "month", local_now().month, 1, 12, _("Tháng không hợp lệ.")))
    if kind == "quarter":
        default = (local_now().month - 1) // 3 + 1
        return Period.quarter(year, _int(args, "quarter", default, 1, 4, _("Quý không hợp lệ.")))
    return Period.year(year)


def _int(args: Mapping[str, str], name: str, default: int, low: int, high: int, message: str) -> int:
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    number = parse_int(raw, low, high)
    if number is None:
        raise ValidationError({name: message})
    return number


def _custom(args: Mapping[str, str]) -> Period:
    errors: dict[str, str] = {}
    days: dict[str, date] = {}
    for name in ("start", "end"):
        try:
            days[name] = date.fromisoformat((args.get(name) or "").strip())
        except ValueError:
            errors[name] = _("Ngày không hợp lệ (định dạng năm-tháng-ngày).")
            continue
        if not FIRST_DAY <= days[name] <= LAST_DAY:
            errors[name] = _("Ngày phải trong khoảng từ năm %(first)d đến năm %(last)d.",
                             first=FIRST_YEAR, last=LAST_YEAR)
    if not errors and days["start"] > days["end"]:
        errors["end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    if not errors and days["end"] - days["start"] > timedelta(days=MAX_CUSTOM_DAYS):
        errors["end"] = _("Khoảng thời gian tối đa là 5 năm.")
    if errors:
        raise ValidationError(errors)
    return Period.custom(days["start"], days["end"])


def spans(start: date, end: date) -> list[tuple[str, int, int]]:
    """Split a range of days into whole months and the days at its edges:
    ``[("month", 202402, 202405), ("day", 20240115, 20240131), ...]`` so
    that a report reads monthly totals where it can and daily ones only at
    the edges."""
    first_full = start if start.day == 1 else month_end(start.year, start.month) + timedelta(days=1)
    last_full = end if end == month_end(end.year, end.month) else date(end.year, end.month, 1) - timedelta(days=1)
    if first_full > last_full:
        return [("day", day_key(start), day_key(end))]
    result = [("month", month_key(first_full), month_key(last_full))]
    if start < first_full:
        result.append(("day", day_key(start), day_key(first_full - timedelta(days=1))))
    if end > last_full:
        result.append(("day", day_key(last_full + timedelta(days=1)), day_key(end)))
    return result
