"""Managing staff accounts, with the one rule that keeps a site manageable:
there is always at least one active admin.

Accounts are deactivated rather than lost: a deactivated user cannot log in
(and an open session stops working at the next request, for good: it stays
ended if the account is activated again), while their name stays on the
pages and audit entries they left. A password reset ends the account's
other sessions too (:mod:`cms.accounts.sessions`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from . import sessions
from ..audit import record
from ..errors import ValidationError
from ..extensions import db
from ..models import Role, User
from .passwords import password_problem

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ROLES = tuple(role.value for role in Role)


@dataclass
class UserInput:
    username: str
    display_name: str = ""
    email: str = ""
    role: str = Role.AUTHOR.value
    active: bool = True


def active_admin_count(excluding: User | None = None) -> int:
    query = select(func.count(User.id)).where(User.role == Role.ADMIN.value, User.active.is_(True))
    if excluding is not None and excluding.id is not None:
        query = query.where(User.id != excluding.id)
    return db.session.scalar(query) or 0


def _check(data: UserInput, user: User | None) -> dict[str, str]:
    errors = {}
    username = data.username.strip()
    if not USERNAME_PATTERN.match(username):
        errors["username"] = _("Tên đăng nhập gồm 2–64 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.")
    else:
        other = User.by_username(username)
        if other is not None and other is not user:
            errors["username"] = _("Tên đăng nhập này đã được dùng.")
    if len(data.display_name.strip()) > 120:
        errors["display_name"] = _("Tên hiển thị dài tối đa 120 ký tự.")
    email = data.email.strip()
    if email and (len(email) > 254 or not EMAIL_PATTERN.match(email)):
        errors["email"] = _("Địa chỉ thư điện tử không hợp lệ.")
    if data.role not in ROLES:
        errors["role"] = _("Vai trò không hợp lệ.")
    stays_admin = data.role == Role.ADMIN.value and data.active
    if user is not None and user.role == Role.ADMIN.value and user.active and not stays_admin \
            and active_admin_count(excluding=user) == 0:
        errors["role"] = _("Đây là quản trị viên cuối cùng còn hoạt động: không thể hạ quyền hay vô hiệu hóa.")
    return errors


def _apply(user: User, data: UserInput) -> None:
    user.username = data.username.strip()
    user.display_name = data.display_name.strip()
    user.email = data.email.strip() or None
    user.role = data.role
    user.active = data.active


def create_user(data: UserInput, password: str, actor: User) -> User:
    errors = _check(data, None)
    problem = password_problem(password, data.username)
    if problem:
        errors["password"] = problem
    if errors:
        raise ValidationError(errors)
    user = User()
    _apply(user, data)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record("user.created", user, f"{user.username} role={user.role}", user=actor)
    db.session.commit()
    return user


def update_user(user: User, data: UserInput, actor: User) -> User:
    errors = _check(data, user)
    if errors:
        raise ValidationError(errors)
    changes = [f"{name}: {getattr(user, name)!r} → {value!r}" for name, value in
               (("username", data.username.strip()), ("role", data.role), ("active", data.active))
               if getattr(user, name) != value]
    deactivated = user.active and not data.active
    _apply(user, data)
    if deactivated:
        sessions.end_all(user)
    record("user.updated", user, "; ".join(changes) or user.username, user=actor)
    db.session.commit()
    return user


def reset_password(user: User, password: str, actor: User) -> None:
    problem = password_problem(password, user.username)
    if problem:
        raise ValidationError({"password": problem})
    user.set_password(password)
    sessions.end_others(user)  # whoever held the old password is out
    record("user.password_reset", user, user.username, user=actor)
    db.session.commit()


def delete_user(user: User, actor: User) -> None:
    """Delete an account; pages and audit entries keep their history without it."""
    if user.id == actor.id:
        raise ValidationError(_("Bạn không thể tự xóa tài khoản của mình."))
    if user.role == Role.ADMIN.value and user.active and active_admin_count(excluding=user) == 0:
        raise ValidationError(_("Không thể xóa quản trị viên cuối cùng còn hoạt động."))
    record("user.deleted", user, f"{user.username} role={user.role}", user=actor)
    db.session.delete(user)
    db.session.commit()


def all_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.role, func.lower(User.username))))
