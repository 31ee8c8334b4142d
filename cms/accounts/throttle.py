"""Login throttling, per account-and-address pair and per account.

After ``LOGIN_MAX_FAILURES`` failures the pair is locked for
``LOGIN_LOCK_SECONDS``; another address can still log in to the account, so
one attacker cannot lock the real user out. Many addresses can, though, try
one account's passwords: after ``LOGIN_ACCOUNT_MAX_FAILURES`` failures from
any addresses within ``LOGIN_ACCOUNT_WINDOW_SECONDS`` the account itself is
locked for ``LOGIN_LOCK_SECONDS`` (the right password is refused too) and
the admins are told on their dashboard and in the audit log. Unknown user
names are counted and locked the same way, so a lock says nothing about
whether an account exists. Addresses and names are kept only as keyed hashes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from flask import current_app, request
from flask_babel import gettext as _
from sqlalchemy import case, delete, null, select

from ..safeguards import ratelimit
from ..extensions import db
from ..models import AuditEntry, LoginThrottle, utcnow
from ..safeguards.privacy import keyed_hash
from ..upsert import upsert

ACCOUNT_LOCKED = "login.account_locked"
_TABLE = LoginThrottle.__table__


@dataclass(frozen=True)
class Lock:
    until: datetime
    account: bool  # the whole account, from every address

    @property
    def action(self) -> str:
        """What the audit log calls the failure that started this lock."""
        return ACCOUNT_LOCKED if self.account else "login.locked"

    def message(self) -> str:
        minutes = max(1, ceil((self.until - utcnow()).total_seconds() / 60))
        if self.account:
            return _("Tài khoản này tạm bị khóa vì có quá nhiều lần đăng nhập sai từ nhiều nơi; quản trị viên "
                     "đã được báo. Vui lòng thử lại sau %(n)d phút hoặc liên hệ quản trị viên.", n=minutes)
        return _("Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khóa từ địa chỉ này. "
                 "Vui lòng thử lại sau %(n)d phút.", n=minutes)


def _name(username: str) -> str:
    return username.strip().lower()


def _pair_key(username: str) -> str:
    return keyed_hash("login", _name(username), request.remote_addr or "")


def _account_key(username: str) -> str:
    return keyed_hash("login.account", _name(username))


def _account_counter(username: str) -> str:
    return f"login.account/{_account_key(username)}"


def _until(key: str) -> datetime | None:
    row = db.session.get(LoginThrottle, key)
    if row and row.locked_until and row.locked_until > utcnow():
        return row.locked_until
    return None


def current_lock(username: str) -> Lock | None:
    """The lock that refuses this login now, the account's first."""
    if until := _until(_account_key(username)):
        return Lock(until, account=True)
    if until := _until(_pair_key(username)):
        return Lock(until, account=False)
    return None


def record_failure(username: str) -> Lock | None:
    """Count a failure; return the lock it starts, if any."""
    config = current_app.config
    account_failures = ratelimit.add(db.session, _account_counter(username), config["LOGIN_ACCOUNT_WINDOW_SECONDS"])
    if account_failures >= config["LOGIN_ACCOUNT_MAX_FAILURES"]:
        return Lock(_lock(_account_key(username), account_failures), account=True)
    key = _pair_key(username)
    failures = _count_failure(key)
    if failures < config["LOGIN_MAX_FAILURES"]:
        return None
    return Lock(_lock(key, failures), account=False)


def _count_failure(key: str) -> int:
    """Add a failure to the row ``key`` (from nothing again once its lock has
    passed) and return the count, in one statement: concurrent failures
    neither lose a count nor collide on a new row."""
    now = utcnow()
    passed = _TABLE.c.locked_until <= now
    insert = upsert(_TABLE).values(key=key, failures=1, locked_until=None, updated_at=now)
    insert = insert.on_conflict_do_update(index_elements=[_TABLE.c.key], set_={
        "failures": case((passed, 1), else_=_TABLE.c.failures + 1),
        "locked_until": case((passed, null()), else_=_TABLE.c.locked_until),
        "updated_at": now,
    })
    return db.session.execute(insert.returning(_TABLE.c.failures)).scalar_one()


def _lock(key: str, failures: int) -> datetime:
    now = utcnow()
    until = now + timedelta(seconds=current_app.config["LOGIN_LOCK_SECONDS"])
    values = {"failures": failures, "updated_at": now, "locked_until": until}
    db.session.execute(upsert(_TABLE).values(key=key, **values).on_conflict_do_update(
        index_elements=[_TABLE.c.key], set_=values))
    return until


def clear(username: str) -> None:
    """After a successful login: the pair starts again from nothing."""
    db.session.execute(delete(_TABLE).where(_TABLE.c.key == _pair_key(username)))


def unlock_account(username: str) -> None:
    """An admin lets the account log in again at once; its failures start
    again from nothing (the pairs' locks stay)."""
    db.session.execute(delete(_TABLE).where(_TABLE.c.key == _account_key(username)))
    ratelimit.remove(db.session, _account_counter(username))


def account_locks(limit: int = 10) -> list[tuple[str, datetime]]:
    """``(user name tried, locked until)`` of the latest account locks that
    still hold, newest first: the notice on the admins' dashboard (the
    audit log has them all)."""
    since = utcnow() - timedelta(seconds=current_app.config["LOGIN_LOCK_SECONDS"])
    names = db.session.scalars(select(AuditEntry.detail).where(
        AuditEntry.action == ACCOUNT_LOCKED, AuditEntry.created_at > since).order_by(AuditEntry.id.desc()))
    locks: dict[str, tuple[str, datetime]] = {}
    for name in (detail.removeprefix("username=") for detail in names):
        if len(locks) < limit and _name(name) not in locks and (until := _until(_account_key(name))):
            locks[_name(name)] = (name, until)
    return list(locks.values())
