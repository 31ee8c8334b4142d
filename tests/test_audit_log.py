"""The audit log viewer: newest first, paginated, filtered by user and action."""
from __future__ import annotations

from cms.audit import record
from cms.extensions import db


def test_audit_log_is_paginated_and_filterable(client, login, users):
    for index in range(60):
        record("page.updated", None, f"lần {index}", user=users["editor"])
    record("user.created", None, "tài khoản mới", user=users["admin"])
    db.session.commit()
    login("admin")
    first = client.get("/admin/audit/").get_data(as_text=True)
    assert "tài khoản mới" in first and "Trang 1 / 2" in first
    assert "lần 59" in first and "lần 0<" not in first
    second = client.get("/admin/audit/?page=2").get_data(as_text=True)
    assert "lần 0<" in second
    by_user = client.get("/admin/audit/?user=admin").get_data(as_text=True)
    assert "tài khoản mới" in by_user and "lần 5<" not in by_user
    by_action = client.get("/admin/audit/?action=user.created").get_data(as_text=True)
    assert "tài khoản mới" in by_action and "lần 1<" not in by_action


def test_the_dashboard_shows_recent_activity_to_admins_only(client, login, users):
    record("page.updated", None, "một thay đổi", user=users["editor"])
    db.session.commit()
    login("admin")
    assert "một thay đổi" in client.get("/admin/").get_data(as_text=True)
    client.post("/logout")
    login("author")
    assert "một thay đổi" not in client.get("/admin/").get_data(as_text=True)
