"""Time is stored as naive UTC and shown in the site's timezone."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import overload
from zoneinfo import ZoneInfo

from .models import utcnow
from .settings import site_setting

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def site_zone() -> ZoneInfo:
    return ZoneInfo(site_setting("timezone") or DEFAULT_TIMEZONE)


@overload
def to_local(value: datetime) -> datetime: ...
@overload
def to_local(value: None) -> None: ...
def to_local(value: datetime | None) -> datetime | None:
    """A stored naive-UTC time as an aware time in the site's timezone."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc).astimezone(site_zone())


def to_utc(value: datetime) -> datetime:
    """A local (naive, in the site's timezone) or aware time as naive UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=site_zone())
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def local_now() -> datetime:
    return to_local(utcnow())
