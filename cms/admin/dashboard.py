"""The admin's landing page: what there is, what is waiting, what happened."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..accounts import throttle
from ..audit import record
from ..accounts.auth import role_required
from ..extensions import db
from ..models import AuditEntry, Page, PageStatus, Role
from .blueprint import bp

RECENT = 8


def page_counts() -> dict[str, int]:
    rows = db.session.execute(select(Page.status, func.count(Page.id)).group_by(Page.status)).all()
    counts = {status.value: 0 for status in PageStatus}
    counts.update({status: count for status, count in rows})
    return counts


def recent_pages(author_id: int | None = None) -> list[Page]:
    query = select(Page).options(selectinload(Page.author)).order_by(Page.updated_at.desc()).limit(RECENT)
    if author_id is not None:
        query = query.where(Page.author_id == author_id)
    return list(db.session.scalars(query))


@bp.get("/")
def dashboard():
    is_admin = current_user.has_role(Role.ADMIN)
    recent = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(10)).all() if is_admin else []
    own_only = None if current_user.has_role(Role.EDITOR) else current_user.id
    counts = page_counts()
    account_locks = throttle.account_locks() if is_admin else []
    return render_template("admin/dashboard.html", counts=counts, page_count=sum(counts.values()),
                           pages=recent_pages(own_only), recent=recent, account_locks=account_locks)


@bp.post("/account-locks/unlock")
@role_required(Role.ADMIN)
def unlock_account():
    """From the notice of an account lock: the real user may log in again."""
    name = request.form.get("username", "").strip()[:64]
    throttle.unlock_account(name)
    record("login.account_unlocked", None, f"username={name}")
    db.session.commit()
    flash(_("Tài khoản “%(name)s” đã được mở khóa đăng nhập.", name=name), "success")
    return redirect(url_for("admin.dashboard"))
