"""Days roll over at midnight in Viet Nam, not in UTC; "online now" expires."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from cms.plugin import db
from cms.testing import save_plugin_settings

from ..models import Visitor
from ..queries import daily, hourly
from ..recorder import recorder

pytestmark = [pytest.mark.plugins("stats"), pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})]


def test_the_day_rolls_over_at_midnight_in_ho_chi_minh_city(stats_store, clock, view, numbers):
    clock.set(datetime(2024, 5, 1, 16, 59, 30))  # 23:59:30 on 1 May in Viet Nam
    view("/")
    view("/")
    clock.set(datetime(2024, 5, 1, 17, 0, 30))  # 00:00:30 on 2 May there; still 1 May in UTC
    for _ in range(3):
        view("/")
    counted = numbers()
    assert (counted.today, counted.yesterday, counted.total) == (3, 2, 5)
    assert daily(3) == [(date(2024, 4, 30), 0), (date(2024, 5, 1), 2), (date(2024, 5, 2), 3)]
    assert hourly()[0] == (0, 3)
    assert hourly(date(2024, 5, 1))[23] == (23, 2)


def test_the_month_starts_at_local_midnight(stats_store, clock, view, numbers):
    clock.set(datetime(2024, 5, 31, 16, 30))  # 31 May, 23:30 local
    view("/")
    clock.set(datetime(2024, 5, 31, 17, 30))  # 1 June, 00:30 local
    view("/")
    counted = numbers()
    assert (counted.month, counted.yesterday, counted.today) == (1, 1, 1)


def test_online_now_counts_visitors_active_in_the_window(stats_store, clock, view, numbers):
    view("/", ip="198.51.100.1")
    clock.advance(minutes=3)
    view("/", ip="198.51.100.2", user_agent="Mozilla/5.0 (iPhone) Safari/604.1")
    assert numbers().online == 2
    clock.advance(minutes=2, seconds=1)  # the first visitor's last view is 5 minutes old
    assert numbers().online == 1
    clock.advance(minutes=3)
    assert numbers().online == 0
    assert numbers().total == 2


def test_online_window_follows_the_setting(stats_store, app, clock, view, numbers):
    view("/")
    clock.advance(minutes=8)
    assert numbers().online == 0
    save_plugin_settings("stats", online_minutes=10)
    assert numbers().online == 1


def test_visitors_are_forgotten_after_two_hours(app, clock, view):
    view("/", ip="198.51.100.1")
    recorder().flush()
    clock.advance(hours=2, minutes=1)
    view("/", ip="198.51.100.2")
    recorder().flush()
    assert db.session.scalar(select(func.count()).select_from(Visitor)) == 1
