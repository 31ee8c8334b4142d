"""Staff sessions that the server can end, and that end when left idle.

Sessions are signed cookies (any node serves any user), so a copied cookie
would stay valid until it expires. Each account therefore has a *session
generation* in the database: the cookie names the account together with the
generation it was opened under (``User.get_id``), and a request whose
generation is not the account's current one is anonymous. Raising the
generation ends every session of the account at once, at no extra query: the
account row is read on every request anyway.

Logging out, deactivation, a password reset by an admin, a TOTP reset and a
user's own "log out the other sessions" raise it; one's own password change
and "log out the others" then stamp the current session with the new
generation, so only the other sessions end.

A session idle longer than ``STAFF_IDLE_MINUTES`` (default 30; 0 turns the
check off) is ended at its next request and the login page says why. The last
activity is kept in the cookie, refreshed at most once a minute so that the
cookie is not rewritten on every response.
"""
from __future__ import annotations

from datetime import timezone

from flask import Flask, current_app, flash, has_request_context, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from ..models import User, utcnow

LAST_SEEN = "cms_seen"
IDLE_ENDED = "cms.idle_ended"
REFRESH_SECONDS = 60


def now() -> float:
    """The clock of the idle timeout, in seconds (the ``clock`` test fixture moves it)."""
    return utcnow().replace(tzinfo=timezone.utc).timestamp()


def load(user_id: str) -> User | None:
    """The account a session cookie names, if the session is still valid:
    the account is active and the generation is the current one."""
    number, _sep, generation = user_id.partition(":")
    if not (number.isdigit() and generation.isdigit()):
        return None
    user = db.session.get(User, int(number))
    if user is None or not user.active or user.session_generation != int(generation):
        return None
    return user


def start(user: User) -> None:
    """Open a session for ``user`` in this request's cookie."""
    login_user(user)
    session[LAST_SEEN] = int(now())


def _is_current(user: User) -> bool:
    """Whether this request's session belongs to ``user`` (never, from the CLI)."""
    return has_request_context() and current_user.is_authenticated and current_user.id == user.id


def end_all(user: User) -> None:
    """End every session of ``user``, this one included when it is theirs;
    committed with the caller's change."""
    mine = _is_current(user)
    user.session_generation = (user.session_generation or 0) + 1
    if mine:
        logout_user()


def end_others(user: User) -> None:
    """End every session of ``user`` but the current one (when it is theirs)."""
    mine = _is_current(user)
    user.session_generation = (user.session_generation or 0) + 1
    if mine:
        start(user)


def session_ended_by_idleness() -> bool:
    """Whether this request's session was just ended for being idle."""
    return bool(request.environ.get(IDLE_ENDED))


def _check_idle() -> None:
    if "_user_id" not in session:
        return
    limit = current_app.config["STAFF_IDLE_MINUTES"] * 60
    seen, current = session.get(LAST_SEEN), now()
    if limit and (not isinstance(seen, (int, float)) or current - seen > limit):
        logout_user()
        session.pop(LAST_SEEN, None)
        request.environ[IDLE_ENDED] = True
        flash(_("Phiên làm việc đã kết thúc vì không hoạt động quá %(n)d phút. Vui lòng đăng nhập lại.",
                n=current_app.config["STAFF_IDLE_MINUTES"]), "info")
    elif not isinstance(seen, (int, float)) or current - seen >= REFRESH_SECONDS:
        session[LAST_SEEN] = int(current)


def init_app(app: Flask) -> None:
    app.before_request(_check_idle)
