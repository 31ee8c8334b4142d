"""Logging in and out, changing one's password, and the role checks every
staff route uses."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_url
from werkzeug.exceptions import Forbidden
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from flask_wtf import FlaskForm

from . import sessions, throttle, twofactor
from ..audit import record
from ..extensions import db, limiter, login_manager
from ..models import Role, User, utcnow
from .passwords import HINT as PASSWORD_HINT
from .passwords import MAX_PASSWORD_LENGTH, password_problem, verify_password
from ..safeguards.privacy import client_key
from ..safeguards.redirects import safe_next

bp = Blueprint("auth", __name__)
ACCOUNT_LIMIT = "10 per minute"
"""Posts to one's own account pages (each checks a password or a code)."""


REQUIRED = _l("Vui lòng điền mục này.")
PENDING = "cms_2fa_pending"
"""Session key of a login whose password was right and whose code is awaited."""


class LoginForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(REQUIRED), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "current-password"})


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired(REQUIRED)],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(REQUIRED)],
                        description=PASSWORD_HINT, render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu mới"),
                            validators=[DataRequired(REQUIRED), EqualTo("new", message=_l("Hai mật khẩu không khớp."))],
                            render_kw={"autocomplete": "new-password"})


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """A deactivated account's open sessions, and those ended through
    :mod:`cms.accounts.sessions`, end at their next request."""
    return sessions.load(user_id)


@login_manager.unauthorized_handler
def _to_login():
    """To the login page, saying why unless the idle check already did."""
    if not sessions.session_ended_by_idleness():
        flash(login_manager.login_message, login_manager.login_message_category)
    return redirect(login_url(login_manager.login_view, next_url=request.url))


def role_required(role: Role | str):
    """Decorator: the view needs a logged-in user whose role covers ``role``.

    The role is kept on the view as ``required_role``, so tests (and the
    admin menu) can tell what every route needs without a hand-kept list.
    """
    role = Role(role)

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(role):
                raise Forbidden(_("Bạn không có quyền truy cập trang này."))
            return view(*args, **kwargs)

        wrapped.required_role = role.value
        return wrapped

    return decorator


def required_role(view) -> str | None:
    """The role a view was declared with by :func:`role_required`, if any."""
    return getattr(view, "required_role", None)


def staff_required_response():
    """For whole blueprints: redirect anonymous users to the login page, and
    staff the site requires a second factor of to enrol first."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if twofactor.required_for(current_user) and not current_user.has_second_factor:
        flash(_("Trang web yêu cầu xác thực hai bước: vui lòng cài đặt trước khi tiếp tục."), "info")
        return redirect(url_for("twofactor.enrol"))
    return None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], key_func=client_key)
def login():
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next"), url_for("admin.dashboard")))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if request.method == "POST" else 200
    username = form.username.data.strip()
    lock = throttle.current_lock(username)
    if lock is not None:
        return locked_page(form, lock)
    user = User.by_username(username)
    # One hash whether or not the account exists, so timing does not tell.
    if not verify_password(user.password_hash if user is not None and user.active else None, form.password.data):
        return _failed(form, user, username)
    if user.has_second_factor:
        return twofactor_challenge(user)
    return complete_login(user)


def twofactor_challenge(user: User):
    """The password was right; the session is not open until the code is."""
    session[PENDING] = {"user": user.id, "generation": user.session_generation, "at": int(sessions.now())}
    return redirect(url_for("twofactor.login_code", next=request.args.get("next")))


def complete_login(user: User):
    """Open the session of ``user``, whose credentials were all checked."""
    session.pop(PENDING, None)
    throttle.clear(user.username)
    user.last_login_at = utcnow()
    record("login", user, user=user)
    db.session.commit()
    sessions.start(user)
    if twofactor.required_for(user) and not user.has_second_factor:
        return redirect(url_for("twofactor.enrol"))
    return redirect(safe_next(request.args.get("next"), url_for("admin.dashboard")))


def count_failure(user: User | None, username: str, action: str = "login.failed") -> throttle.Lock | None:
    """Record a failed login step for ``username``; the lock it starts, if any."""
    lock = throttle.record_failure(username)
    record(lock.action if lock else action, user, f"username={username[:64]}")
    db.session.commit()
    return lock


def _failed(form: LoginForm, user: User | None, username: str):
    lock = count_failure(user, username)
    if lock:
        return locked_page(form, lock)
    flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
    return render_template("auth/login.html", form=form), 401


def locked_page(form: FlaskForm, lock: throttle.Lock, template: str = "auth/login.html"):
    flash(lock.message(), "error")
    return render_template(template, form=form), 429


@bp.post("/logout")
@login_required
def logout():
    user = current_user._get_current_object()
    record("logout", user)
    sessions.end_all(user)  # a copy of this session's cookie ends with it
    db.session.commit()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("pages.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(ACCOUNT_LIMIT, methods=["POST"], key_func=client_key)
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        problem = password_problem(form.new.data, user.username)
        if not user.check_password(form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại không đúng."))
        elif problem:
            form.new.errors.append(problem)
        else:
            user.set_password(form.new.data)
            record("password.changed", user)
            sessions.end_others(user)
            db.session.commit()
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."), "success")
            return redirect(url_for("admin.dashboard"))
    return _account_page(form), 400 if form.errors else 200


def _account_page(form: PasswordForm) -> str:
    user = current_user._get_current_object()
    return render_template("auth/password.html", form=form, second_factor=user.has_second_factor,
                           recovery_left=twofactor.remaining_recovery_codes(user) if user.has_second_factor else 0)


@bp.post("/account/sessions/end-others")
@login_required
@limiter.limit(ACCOUNT_LIMIT, key_func=client_key)
def end_other_sessions():
    """"Đăng xuất các phiên khác": every other browser holding a session of
    this account (a forgotten office computer, a stolen cookie) is logged out."""
    user = current_user._get_current_object()
    record("sessions.ended_others", user)
    sessions.end_others(user)
    db.session.commit()
    flash(_("Đã đăng xuất tất cả các phiên khác của tài khoản này."), "success")
    return redirect(url_for("auth.change_password"))


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
