"""The audit log viewer, for admins: newest first, filtered by user and action."""
from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request
from sqlalchemy import Select, func, select

from ..accounts.auth import role_required
from ..extensions import db
from ..safeguards.inputs import page_number
from ..models import AuditEntry
from .blueprint import bp

PER_PAGE = 50


@dataclass
class AuditFilter:
    username: str = ""
    action: str = ""

    def apply(self, query: Select) -> Select:
        if self.username:
            query = query.where(func.lower(AuditEntry.username) == self.username.lower())
        if self.action:
            query = query.where(AuditEntry.action == self.action)
        return query


def audit_page(filters: AuditFilter, page: int) -> tuple[list[AuditEntry], int]:
    """One page of entries and the number of entries matching."""
    total = db.session.scalar(filters.apply(select(func.count(AuditEntry.id)))) or 0
    entries = db.session.scalars(
        filters.apply(select(AuditEntry)).order_by(AuditEntry.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
    ).all()
    return list(entries), total


def known_values() -> tuple[list[str], list[str]]:
    """Usernames and actions that occur in the log, for the filter's choices."""
    names = db.session.scalars(select(AuditEntry.username).distinct().where(AuditEntry.username != "")
                               .order_by(AuditEntry.username)).all()
    actions = db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)).all()
    return list(names), list(actions)


@bp.get("/audit/")
@role_required("admin")
def audit_index():
    filters = AuditFilter(request.args.get("user", "").strip()[:64], request.args.get("action", "").strip()[:64])
    page = page_number()
    entries, total = audit_page(filters, page)
    pages = max(1, -(-total // PER_PAGE))
    names, actions = known_values()
    return render_template("admin/audit.html", entries=entries, total=total, page=page, pages=pages,
                           filters=filters, names=names, actions=actions)
