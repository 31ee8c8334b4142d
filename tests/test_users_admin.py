"""Admins manage accounts; the site always keeps an active admin."""
from __future__ import annotations

from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, User
from cms.testing import PASSWORD


def new_user(**changes) -> dict:
    data = {"username": "tranthib", "display_name": "Trần Thị B", "email": "b@phuong.example",
            "role": "editor", "active": "y", "password": "mật khẩu dài đủ", "confirm": "mật khẩu dài đủ"}
    data.update(changes)
    return data


def edit(user: User, **changes) -> dict:
    data = {"username": user.username, "display_name": user.display_name, "email": user.email or "",
            "role": user.role, "active": "y" if user.active else ""}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_admin_creates_an_account_that_can_log_in(client, login, app):
    login("admin")
    assert client.post("/admin/users/new", data=new_user()).status_code == 302
    user = User.by_username("tranthib")
    assert user.role == "editor" and user.display_name == "Trần Thị B"
    assert "tranthib" in client.get("/admin/users/").get_data(as_text=True)
    other = app.test_client()
    assert other.post("/login", data={"username": "tranthib", "password": "mật khẩu dài đủ"}).status_code == 302


def test_account_form_errors(client, login):
    login("admin")
    cases = [
        (new_user(username="a b"), "Tên đăng nhập gồm"),
        (new_user(username="EDITOR"), "đã được dùng"),
        (new_user(email="not-an-email"), "không hợp lệ"),
        (new_user(password="short", confirm="short"), "ít nhất 10 ký tự"),
        (new_user(confirm="khác hẳn"), "Hai mật khẩu không khớp."),
        (new_user(role="superuser"), "Vai trò không hợp lệ."),
    ]
    for data, message in cases:
        response = client.post("/admin/users/new", data=data)
        assert response.status_code == 400 and message in response.get_data(as_text=True), message
    assert User.by_username("tranthib") is None


def test_admin_changes_a_role_and_deactivates(client, login, users):
    login("admin")
    author = users["author"]
    assert client.post(f"/admin/users/{author.id}/edit", data=edit(author, role="editor")).status_code == 302
    assert db.session.get(User, author.id).role == "editor"
    client.post(f"/admin/users/{author.id}/edit", data=edit(db.session.get(User, author.id), active=""))
    assert db.session.get(User, author.id).active is False
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("user.%"))).all()
    assert actions == ["user.updated", "user.updated"]


def test_admin_resets_a_password(client, login, users, app):
    login("admin")
    response = client.post(f"/admin/users/{users['editor'].id}/password",
                           data={"password": "mật khẩu mới dài", "confirm": "mật khẩu mới dài"})
    assert response.status_code == 302
    other = app.test_client()
    assert other.post("/login", data={"username": "editor", "password": PASSWORD}).status_code == 401
    assert other.post("/login", data={"username": "editor", "password": "mật khẩu mới dài"}).status_code == 302


def test_the_last_active_admin_cannot_be_demoted_deactivated_or_deleted(client, login, users):
    login("admin")
    admin = users["admin"]
    for changes in ({"role": "editor"}, {"active": ""}):
        response = client.post(f"/admin/users/{admin.id}/edit", data=edit(admin, **changes))
        assert response.status_code == 400 and "quản trị viên cuối cùng" in response.get_data(as_text=True)
    db.session.expire_all()
    assert admin.role == "admin" and admin.active
    # With a second admin, the first may step down; the second is then the last.
    client.post("/admin/users/new", data=new_user(username="admin2", role="admin"))
    second = User.by_username("admin2")
    assert client.post(f"/admin/users/{admin.id}/edit", data=edit(admin, role="editor")).status_code == 302
    client.post("/logout")
    client.post("/login", data={"username": "admin2", "password": "mật khẩu dài đủ"})
    response = client.post(f"/admin/users/{second.id}/edit", data=edit(second, role="author"))
    assert response.status_code == 400 and "quản trị viên cuối cùng" in response.get_data(as_text=True)


def test_deleting_an_account_keeps_its_pages(client, login, users):
    from core_factories import make_page

    page = make_page(users["author"], "Bài của tác giả", status="draft")
    login("admin")
    assert "Xóa tài khoản" in client.get(f"/admin/users/{users['author'].id}/delete").get_data(as_text=True)
    assert client.post(f"/admin/users/{users['author'].id}/delete").status_code == 302
    db.session.expire_all()
    assert User.by_username("author") is None
    assert db.session.get(type(page), page.id).author_id is None


def test_admins_cannot_delete_themselves(client, login, users):
    login("admin")
    client.post(f"/admin/users/{users['admin'].id}/delete")
    assert User.by_username("admin") is not None
