"""The second factor's pages: the code step of the login, and enrolment
under the account area. The rules live in :mod:`cms.accounts.twofactor`."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from . import sessions, throttle, twofactor
from .auth import ACCOUNT_LIMIT, PENDING, REQUIRED, complete_login, count_failure, locked_page
from ..extensions import db, limiter
from ..models import User
from ..safeguards.privacy import client_key

bp = Blueprint("twofactor", __name__)

PENDING_SECONDS = 5 * 60
CODE_PAGE = "auth/code.html"


class CodeForm(FlaskForm):
    code = StringField(_l("Mã xác thực"), validators=[DataRequired(REQUIRED), Length(max=32)],
                       description=_l("6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng."),
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True,
                                  "spellcheck": "false", "autocapitalize": "off"})


def _pending_user() -> User | None:
    """The account whose password was just right, if that was recent and
    nothing ended its sessions since."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or sessions.now() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user"))
    if user is None or not user.active or user.session_generation != pending.get("generation"):
        return None
    return user


@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], key_func=client_key)
def login_code():
    user = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash(_("Vui lòng đăng nhập lại."), "info")
        return redirect(url_for("auth.login", next=request.args.get("next")))
    form = CodeForm()
    if not form.validate_on_submit():
        return render_template(CODE_PAGE, form=form), 400 if request.method == "POST" else 200
    lock = throttle.current_lock(user.username)
    if lock is not None:
        return locked_page(form, lock, CODE_PAGE)
    if not twofactor.check_second_factor(user, form.code.data):
        lock = count_failure(user, user.username, "login.code_failed")
        if lock:
            return locked_page(form, lock, CODE_PAGE)
        flash(_("Mã xác thực không đúng hoặc đã được dùng."), "error")
        return render_template(CODE_PAGE, form=form), 401
    return complete_login(user)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
@limiter.limit(ACCOUNT_LIMIT, methods=["POST"], key_func=client_key)
def enrol():
    """Shows the QR code and secret, then the recovery codes, once."""
    user = current_user._get_current_object()
    if user.has_second_factor:
        return render_template("auth/twofactor.html", enrolled=True, form=CodeForm(),
                               remaining=twofactor.remaining_recovery_codes(user))
    form = CodeForm()
    if form.validate_on_submit() and user.totp_secret:
        codes = twofactor.confirm_enrolment(user, form.code.data)
        if codes is not None:
            flash(_("Đã bật xác thực hai bước."), "success")
            return render_template("auth/recovery_codes.html", codes=codes)
        form.code.errors.append(_("Mã không đúng. Hãy kiểm tra giờ trên điện thoại rồi nhập mã mới nhất."))
    elif request.method == "GET" or not user.totp_secret:
        twofactor.begin_enrolment(user)
    return render_template("auth/twofactor.html", enrolled=False, form=form, secret=user.totp_secret,
                           qr=twofactor.qr_svg(twofactor.provisioning_uri(user))), 400 if form.errors else 200


@bp.post("/account/two-factor/recovery-codes")
@login_required
@limiter.limit(ACCOUNT_LIMIT, key_func=client_key)
def renew_recovery_codes():
    """Used or lost recovery codes are replaced, for a code from the app."""
    form = CodeForm()
    codes = twofactor.renew_recovery_codes(current_user._get_current_object(), form.code.data or "") \
        if form.validate_on_submit() else None
    if codes is None:
        flash(_("Mã xác thực không đúng hoặc đã được dùng."), "error")
        return redirect(url_for(".enrol"))
    return render_template("auth/recovery_codes.html", codes=codes)
