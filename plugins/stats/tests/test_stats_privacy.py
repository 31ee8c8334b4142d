"""No raw address, user agent or cookie value is stored anywhere."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import MetaData, select

from cms.plugin import db

from ..models import DailySalt
from ..recorder import recorder
from ..visitors import COOKIE

pytestmark = [pytest.mark.plugins("stats"), pytest.mark.cms_config({"STATS_CACHE_SECONDS": 0})]

ADDRESS = "203.0.113.195"
AGENT = "Mozilla/5.0 (X11; Linux x86_64) PrivacyProbe/7.7.7 Firefox/125.0"


def stored_text(store) -> str:
    """Every value of every column of every table, and every Redis key and value."""
    recorder().flush()
    parts = []
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    with db.engine.connect() as connection:
        for table in metadata.sorted_tables:
            for row in connection.execute(select(table)):
                parts.extend(str(value) for value in row)
    if store.name == "redis":
        for key in store.client.scan_iter(match=store.prefix + "*"):
            parts.append(key)
            kind = store.client.type(key)
            if kind == "string":
                parts.append(store.client.get(key))
            elif kind == "hash":
                parts.extend(f"{k}={v}" for k, v in store.client.hgetall(key).items())
            elif kind == "zset":
                parts.extend(member for member, _score in store.client.zrange(key, 0, -1, withscores=True))
    return "\n".join(parts)


def cookie_value(response) -> str:
    return response.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]


def test_no_address_agent_or_cookie_is_stored(stats_store, client, view, login, numbers):
    cookie = cookie_value(view("/", user_agent=AGENT, ip=ADDRESS))
    view("/", user_agent=AGENT, ip=ADDRESS)
    view("/stats/counter.json", user_agent=AGENT, ip=ADDRESS)
    view.browser(ADDRESS).delete_cookie("sen_visitor", domain="portal.test")
    view("/", user_agent=AGENT, ip=ADDRESS, DNT="1")
    client.post("/login", data={"username": "nobody", "password": "wrong"}, environ_base={"REMOTE_ADDR": ADDRESS})
    assert numbers().total == 3
    text = stored_text(stats_store)
    for secret in (ADDRESS, AGENT, "PrivacyProbe", cookie):
        assert secret not in text


def test_the_salt_for_visitors_without_cookies_changes_every_day(stats_store, clock, view):
    def pseudonym() -> str:
        view.browser(ADDRESS).delete_cookie(COOKIE, domain="portal.test")
        return cookie_value(view("/", user_agent=AGENT, ip=ADDRESS))

    clock.set(datetime(2024, 5, 1, 2, 0))
    first = pseudonym()
    clock.set(datetime(2024, 5, 1, 16, 0))  # 23:00 local, the same day
    assert pseudonym() == first
    clock.set(datetime(2024, 5, 1, 17, 0))  # 00:00 local, the next day
    assert pseudonym() != first


def test_old_salts_are_deleted(app, client, clock, view):
    for day in (1, 2, 3):
        clock.set(datetime(2024, 5, day, 2, 0))
        client.delete_cookie(COOKIE, domain="portal.test")
        view("/")
    days = db.session.scalars(select(DailySalt.day).order_by(DailySalt.day)).all()
    assert [d.day for d in days] == [2, 3]
