"""A ceiling per account across addresses: many addresses guessing one
account's password lock the account itself, and the admins are told."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.safeguards import ratelimit
from cms.extensions import db
from cms.models import AuditEntry
from cms.testing import PASSWORD

ACCOUNT_LOCKED = "Tài khoản này tạm bị khóa vì có quá nhiều lần đăng nhập sai từ nhiều nơi"


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def guess(app, username: str, addresses: int, each: int) -> list[int]:
    return [from_address(app, f"203.0.113.{n}").post("/login", data={"username": username, "password": "đoán"})
            .status_code for n in range(addresses) for _ in range(each)]


def test_many_addresses_guessing_one_account_lock_it(app, users):
    statuses = guess(app, "editor", addresses=10, each=4)
    assert statuses[:19] == [401] * 19 and set(statuses[19:]) == {429}, "the 20th failure locks the account"
    refused = from_address(app, "198.51.100.20").post("/login", data={"username": "editor", "password": PASSWORD})
    assert refused.status_code == 429, "the right password is refused while the account is locked"
    assert ACCOUNT_LOCKED in refused.get_data(as_text=True)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "login.account_locked"))
    assert entry.object_id == str(users["editor"].id) and "username=editor" in entry.detail
    other = from_address(app, "198.51.100.20").post("/login", data={"username": "author", "password": PASSWORD})
    assert other.status_code == 302, "other accounts are not affected"


def test_the_admins_see_a_notice_on_their_dashboard(app, client, users, login):
    guess(app, "editor", addresses=5, each=4)
    login("admin")
    page = client.get("/admin/").get_data(as_text=True)
    assert "Tài khoản “editor” bị khóa đăng nhập" in page
    client.post("/logout")
    login("author")
    assert "bị khóa đăng nhập" not in client.get("/admin/").get_data(as_text=True)


def test_an_admin_unlocks_the_account_from_the_notice(app, client, users, login):
    guess(app, "editor", addresses=5, each=4)
    login("author")
    assert client.post("/admin/account-locks/unlock", data={"username": "editor"}).status_code == 403
    client.post("/logout")
    login("admin")
    done = client.post("/admin/account-locks/unlock", data={"username": "editor"}, follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "đã được mở khóa" in page and "bị khóa đăng nhập" not in page
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "login.account_unlocked"
    back = from_address(app, "198.51.100.20").post("/login", data={"username": "editor", "password": PASSWORD})
    assert back.status_code == 302, "the real user gets in again"


def test_unknown_names_are_locked_alike(app, users):
    """So that a lock does not tell whether an account exists."""
    assert guess(app, "khong-co", addresses=5, each=4)[-1] == 429


@pytest.mark.cms_config({"LOGIN_ACCOUNT_MAX_FAILURES": 4, "LOGIN_ACCOUNT_WINDOW_SECONDS": 60})
def test_failures_spread_beyond_the_window_do_not_lock(app, users, monkeypatch):
    now = ratelimit.time.time()
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    assert guess(app, "editor", addresses=3, each=1) == [401] * 3
    now += 61
    assert guess(app, "editor", addresses=3, each=1) == [401] * 3
    assert guess(app, "editor", addresses=1, each=1) == [429]


@pytest.mark.cms_config({"LOGIN_ACCOUNT_MAX_FAILURES": 3, "LOGIN_LOCK_SECONDS": 60})
def test_the_account_lock_expires(app, users, clock):
    assert guess(app, "editor", addresses=3, each=1) == [401, 401, 429]
    assert from_address(app, "198.51.100.20").post(
        "/login", data={"username": "editor", "password": PASSWORD}).status_code == 429
    clock.advance(seconds=61)
    assert from_address(app, "198.51.100.20").post(
        "/login", data={"username": "editor", "password": PASSWORD}).status_code == 302
