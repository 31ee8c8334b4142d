"""The admin's landing page."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from ..extensions import db
from ..models import AuditEntry, Page
from . import bp


@bp.get("/")
def dashboard():
    page_count = db.session.scalar(select(func.count(Page.id)))
    recent = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(10)).all()
    return render_template("admin/dashboard.html", page_count=page_count, recent=recent)
