"""Logging in and out, changing one's password, and the role checks every
staff route uses."""
from __future__ import annotations

from functools import wraps
from math import ceil
from urllib.parse import urlsplit

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

bp = Blueprint("auth", __name__)

MIN_PASSWORD_LENGTH = 10


class LoginForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(), Length(max=256)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired()])
    new = PasswordField(_l("Mật khẩu mới"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=256)])
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"), validators=[DataRequired(), EqualTo("new", message=_l("Hai mật khẩu không khớp."))]
    )


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


def role_required(role: Role | str):
    """Decorator: the view needs a logged-in user whose role covers ``role``."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(role):
                raise Forbidden(_("Bạn không có quyền truy cập trang này."))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def staff_required_response():
    """For whole blueprints: redirect anonymous users to the login page."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    return None


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("admin.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], key_func=client_key)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip()
        until = throttle.locked_until(username)
        if until is not None:
            minutes = max(1, ceil((until - utcnow()).total_seconds() / 60))
            flash(_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(n)d phút.", n=minutes), "error")
            return render_template("auth/login.html", form=form), 429
        user = User.by_username(username)
        if user is None or not user.active or not user.check_password(form.password.data):
            locked = throttle.record_failure(username)
            record("login.failed", user, f"username={username[:64]}" + (" locked" if locked else ""))
            db.session.commit()
            flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
            return render_template("auth/login.html", form=form), 401
        throttle.clear(username)
        user.last_login_at = utcnow()
        record("login", user, user=user)
        db.session.commit()
        login_user(user)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


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
        if not current_user.check_password(form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại không đúng."))
        else:
            current_user.set_password(form.new.data)
            record("password.changed", current_user._get_current_object())
            db.session.commit()
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("admin.dashboard"))
    return render_template("auth/password.html", form=form)


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    app.register_blueprint(bp)
