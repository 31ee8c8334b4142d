"""Logging in and out, changing one's password, and the role checks every
staff route uses."""
from __future__ import annotations

from functools import wraps
from math import ceil

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import Forbidden
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from flask_wtf import FlaskForm

from . import throttle
from .audit import record
from .extensions import db, limiter, login_manager
from .models import Role, User, utcnow
from .privacy import client_key
from .redirects import safe_next
from .users import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem  # noqa: F401 (the CLI's import)

bp = Blueprint("auth", __name__)


REQUIRED = _l("Vui lòng điền mục này.")


class LoginForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(REQUIRED), Length(max=64)],
                           render_kw={"autocomplete": "username", "autofocus": True})
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(REQUIRED), Length(max=MAX_PASSWORD_LENGTH)],
                             render_kw={"autocomplete": "current-password"})


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired(REQUIRED)],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(REQUIRED)],
                        description=_l("Ít nhất 10 ký tự."), render_kw={"autocomplete": "new-password"})
    confirm = PasswordField(_l("Nhập lại mật khẩu mới"),
                            validators=[DataRequired(REQUIRED), EqualTo("new", message=_l("Hai mật khẩu không khớp."))],
                            render_kw={"autocomplete": "new-password"})


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """A deactivated account's open sessions end at its next request."""
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


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
    """For whole blueprints: redirect anonymous users to the login page."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
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
    until = throttle.locked_until(username)
    if until is not None:
        return _locked(form, until)
    user = User.by_username(username)
    if user is None or not user.active or not user.check_password(form.password.data):
        return _failed(form, user, username)
    throttle.clear(username)
    user.last_login_at = utcnow()
    record("login", user, user=user)
    db.session.commit()
    login_user(user)
    return redirect(safe_next(request.args.get("next"), url_for("admin.dashboard")))


def _failed(form: LoginForm, user: User | None, username: str):
    locked = throttle.record_failure(username)
    record("login.locked" if locked else "login.failed", user, f"username={username[:64]}")
    db.session.commit()
    if locked:
        return _locked(form, throttle.locked_until(username))
    flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
    return render_template("auth/login.html", form=form), 401


def _locked(form: LoginForm, until):
    minutes = max(1, ceil((until - utcnow()).total_seconds() / 60))
    flash(_("Đăng nhập sai quá nhiều lần nên tài khoản tạm bị khóa từ địa chỉ này. "
            "Vui lòng thử lại sau %(n)d phút.", n=minutes), "error")
    return render_template("auth/login.html", form=form), 429


@bp.post("/logout")
@login_required
def logout():
    record("logout", current_user._get_current_object())
    db.session.commit()
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("pages.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        problem = password_problem(form.new.data)
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại không đúng."))
        elif problem:
            form.new.errors.append(problem)
        else:
            current_user.set_password(form.new.data)
            record("password.changed", current_user._get_current_object())
            db.session.commit()
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("admin.dashboard"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
