"""User accounts, for admins: create, edit role, deactivate, reset password or
second factor, delete."""
from __future__ import annotations

from typing import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo

from ..accounts import twofactor
from ..accounts import users as accounts
from ..accounts.auth import role_required
from ..errors import ValidationError
from ..extensions import db
from ..models import Role, User
from ..accounts.passwords import HINT as PASSWORD_HINT
from .blueprint import bp
from .forms import attach_errors

ROLE_LABELS = {
    Role.AUTHOR.value: _l("Tác giả – viết bản nháp"),
    Role.EDITOR.value: _l("Biên tập viên – duyệt và xuất bản nội dung"),
    Role.ADMIN.value: _l("Quản trị viên – người dùng, cài đặt, plugin"),
}
MISMATCH = _l("Hai mật khẩu không khớp.")


class UserForm(FlaskForm):
    username = StringField(_l("Tên đăng nhập"), render_kw={"maxlength": 64, "autocomplete": "off"})
    display_name = StringField(_l("Tên hiển thị"), render_kw={"maxlength": 120})
    email = EmailField(_l("Thư điện tử"), render_kw={"maxlength": 254})
    role = SelectField(_l("Vai trò"), validate_choice=False)
    active = BooleanField(_l("Đang hoạt động"), default=True)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role.choices = list(ROLE_LABELS.items())

    def to_input(self) -> accounts.UserInput:
        return accounts.UserInput(self.username.data or "", self.display_name.data or "", self.email.data or "",
                                  self.role.data or "", bool(self.active.data))


class PasswordFields(FlaskForm):
    password = PasswordField(_l("Mật khẩu"), render_kw={"autocomplete": "new-password"},
                             description=PASSWORD_HINT)
    confirm = PasswordField(_l("Nhập lại mật khẩu"), validators=[EqualTo("password", message=MISMATCH)],
                            render_kw={"autocomplete": "new-password"})


class NewUserForm(UserForm, PasswordFields):
    pass


def _user_or_404(user_id: int) -> User:
    return db.get_or_404(User, user_id)


def _applied(form: FlaskForm, action: Callable[[], User], message: str) -> bool:
    """Run ``action`` for a valid form: flash ``message`` (formatted with the
    user's name) on success, or put the refusal on the form's fields."""
    try:
        user = action()
    except ValidationError as error:
        attach_errors(form, error.errors)
        return False
    flash(message % {"name": user.username}, "success")
    return True


@bp.get("/users/")
@role_required("admin")
def users_index():
    return render_template("admin/users/index.html", users=accounts.all_users(), role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def user_new():
    form = NewUserForm()
    if form.validate_on_submit() and _applied(
        form, lambda: accounts.create_user(form.to_input(), form.password.data or "", current_user),
        _("Đã tạo tài khoản “%(name)s”."),
    ):
        return redirect(url_for(".users_index"))
    return _form_page("admin/users/form.html", form=form, user=None)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@role_required("admin")
def user_edit(user_id: int):
    user = _user_or_404(user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit() and _applied(
        form, lambda: accounts.update_user(user, form.to_input(), current_user),
        _("Đã lưu tài khoản “%(name)s”."),
    ):
        return redirect(url_for(".users_index"))
    return _form_page("admin/users/form.html", form=form, user=user)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@role_required("admin")
def user_password(user_id: int):
    user = _user_or_404(user_id)
    form = PasswordFields()

    def reset() -> User:
        accounts.reset_password(user, form.password.data or "", current_user)
        return user

    if form.validate_on_submit() and _applied(form, reset, _("Đã đặt mật khẩu mới cho “%(name)s”.")):
        return redirect(url_for(".users_index"))
    return _form_page("admin/users/password.html", form=form, user=user)


@bp.post("/users/<int:user_id>/two-factor/reset")
@role_required("admin")
def user_twofactor_reset(user_id: int):
    """For a lost phone: the user enrols again at next login (audited)."""
    user = _user_or_404(user_id)
    if FlaskForm().validate_on_submit() and user.has_second_factor:
        twofactor.reset(user, current_user)
        flash(_("Đã gỡ xác thực hai bước của “%(name)s”; người này sẽ cài đặt lại khi đăng nhập.",
                name=user.username), "success")
    return redirect(url_for(".users_index"))


@bp.route("/users/<int:user_id>/delete", methods=["GET", "POST"])
@role_required("admin")
def user_delete(user_id: int):
    user = _user_or_404(user_id)
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            accounts.delete_user(user, current_user)
        except ValidationError as error:
            flash(str(error), "error")
            return redirect(url_for(".users_index"))
        flash(_("Đã xóa tài khoản “%(name)s”.", name=user.username), "success")
        return redirect(url_for(".users_index"))
    return render_template("admin/users/delete.html", user=user)


def _form_page(template: str, **context):
    """Render a form; a refused POST answers 400 so scripts notice."""
    return render_template(template, **context), 400 if request.method == "POST" else 200
