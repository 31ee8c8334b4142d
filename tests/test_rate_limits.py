"""Rate limits count in one place for every worker: the database when there
is no Redis (a count in each worker's memory multiplied every limit by the
number of workers), and each client is told apart by its real address, read
from X-Forwarded-For only when the site trusts a proxy."""
from __future__ import annotations

import re
import threading

import pytest
from flask_limiter.util import get_qualified_name
from sqlalchemy import func, select

from cms.safeguards import ratelimit
from cms.config import ConfigError
from cms.extensions import db, limiter
from cms.models import RateLimitCounter
from core_factories import make_page

LIMITED = pytest.mark.cms_config({"RATELIMIT_ENABLED": True})
WRONG = {"username": "khach", "password": "sai mật khẩu"}


def failed_logins(client, times: int, **request) -> list[int]:
    return [client.post("/login", data={**WRONG, "username": f"khach{i}"}, **request).status_code
            for i in range(times)]


@LIMITED
def test_the_limits_count_in_the_database_without_redis(app, client):
    assert app.config["RATELIMIT_STORAGE_URI"] == "cms-database://"
    assert failed_logins(client, 3) == [401] * 3
    hits = select(func.sum(RateLimitCounter.count)).where(RateLimitCounter.key.startswith("LIMITER/"))
    assert db.session.scalar(hits) == 3


@LIMITED
def test_another_worker_sees_the_count(client, make_app):
    """What one worker counted holds in a worker started afterwards (with the
    count in memory, each new worker started from nothing)."""
    assert failed_logins(client, 20) == [401] * 20
    other = make_app(RATELIMIT_ENABLED=True)
    assert other.test_client().post("/login", data=WRONG).status_code == 429


@LIMITED
def test_concurrent_hits_are_all_counted(app):
    def hit() -> None:
        with app.app_context():
            for _ in range(20):
                ratelimit.DatabaseStorage().incr("k", 60)

    workers = [threading.Thread(target=hit) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert limiter.storage.get("k") == 60


def test_a_counter_starts_again_when_its_window_has_passed(app, monkeypatch):
    storage, now = ratelimit.DatabaseStorage(), 1_000_000.0
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("k") == 3 and storage.get_expiry("k") == now + 60
    now += 60
    assert storage.get("k") == 0
    assert storage.incr("k", 60) == 1 and storage.get_expiry("k") == now + 60
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()


def test_long_keys_fit_the_column(app):
    storage = ratelimit.DatabaseStorage()
    assert storage.incr("x" * 1000, 60) == 1 and storage.incr("x" * 1000, 60) == 2
    assert storage.get("x" * 999) == 0


def test_redis_is_used_when_configured(make_app):
    other = make_app(REDIS_URL="redis://127.0.0.1:6399/0")
    assert other.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6399/0"


# -- behind a proxy -----------------------------------------------------------------------------


@pytest.mark.cms_config({"RATELIMIT_ENABLED": True, "PROXY_COUNT": 1})
def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(client):
    first = {"headers": {"X-Forwarded-For": "203.0.113.7"}}
    second = {"headers": {"X-Forwarded-For": "203.0.113.8"}}
    assert failed_logins(client, 20, **first) == [401] * 20
    assert failed_logins(client, 1, **first) == [429]
    assert failed_logins(client, 1, **second) == [401], "another visitor behind the same proxy is not limited"


@LIMITED
def test_without_a_trusted_proxy_a_forged_header_escapes_nothing(client):
    statuses = [client.post("/login", data={**WRONG, "username": f"khach{i}"},
                            headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(21)]
    assert statuses == [401] * 20 + [429]


def sitemap_host(client, author) -> str:
    make_page(author, "Giới thiệu")  # a core page, so the sitemap lists a URL without any plugin
    sitemap = client.get("/sitemap.xml", headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "cong.example"})
    return re.search(r"<loc>(\w+://[^/]+)/", sitemap.get_data(as_text=True)).group(1)


@pytest.mark.cms_config({"PROXY_COUNT": 1, "SERVER_NAME": None})
def test_a_trusted_proxy_gives_the_scheme_and_host(client, users):
    assert sitemap_host(client, users["editor"]) == "https://cong.example"


@pytest.mark.cms_config({"SERVER_NAME": None})
def test_without_a_trusted_proxy_the_scheme_and_host_are_the_connections(client, users):
    assert sitemap_host(client, users["editor"]) == "http://localhost"


def test_the_proxy_count_comes_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("CMS_PROXY_COUNT", "2")
    assert make_app().config["PROXY_COUNT"] == 2
    monkeypatch.setenv("CMS_PROXY_COUNT", "one")
    with pytest.raises(ConfigError, match="CMS_PROXY_COUNT"):
        make_app()


# -- every route that writes ------------------------------------------------------------------


@LIMITED
def test_every_public_route_that_takes_a_post_is_rate_limited(app):
    """Staff pages (under /admin/, behind a role) and logging out are left
    out; everything a visitor can send has a limit."""
    limited = set(limiter.limit_manager._decorated_limits)
    unlimited = [rule.rule for rule in app.url_map.iter_rules()
                 if "POST" in rule.methods and not rule.rule.startswith("/admin/") and rule.endpoint != "auth.logout"
                 and get_qualified_name(app.view_functions[rule.endpoint]) not in limited]
    assert unlimited == []
