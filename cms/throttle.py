"""Login throttling per account-and-address pair.

After ``LOGIN_MAX_FAILURES`` failures the pair is locked for
``LOGIN_LOCK_SECONDS``; another address can still log in to the account, so
an attacker cannot lock the real user out. The address is kept only as part
of a keyed hash.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, request

from .extensions import db
from .models import LoginThrottle, utcnow
from .privacy import keyed_hash


def _key(username: str) -> str:
    return keyed_hash("login", username.strip().lower(), request.remote_addr or "")


def locked_until(username: str) -> datetime | None:
    row = db.session.get(LoginThrottle, _key(username))
    if row and row.locked_until and row.locked_until > utcnow():
        return row.locked_until
    return None


def record_failure(username: str) -> bool:
    """Count a failure; return True when this one locks the pair."""
    key = _key(username)
    row = db.session.get(LoginThrottle, key) or LoginThrottle(key=key, failures=0)
    if row.locked_until and row.locked_until <= utcnow():
        row.failures, row.locked_until = 0, None
    row.failures += 1
    locks = row.failures >= current_app.config["LOGIN_MAX_FAILURES"]
    if locks:
        row.locked_until = utcnow() + timedelta(seconds=current_app.config["LOGIN_LOCK_SECONDS"])
    db.session.add(row)
    return locks


def clear(username: str) -> None:
    row = db.session.get(LoginThrottle, _key(username))
    if row is not None:
        db.session.delete(row)
