"""Logging in and out, throttling, changing one's password."""
import pytest
from sqlalchemy import select

from cms.extensions import db
from cms.models import AuditEntry, User
from cms.testing import PASSWORD


def audit_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_login_with_the_right_password_opens_the_admin(client, users):
    response = client.post("/login", data={"username": "editor", "password": PASSWORD})
    assert response.status_code == 302 and response.location.endswith("/admin/")
    assert "Tổng quan" in client.get("/admin/").get_data(as_text=True)
    assert audit_actions()[-1] == "login"


def test_username_is_case_insensitive(client, users):
    assert client.post("/login", data={"username": "EDITOR", "password": PASSWORD}).status_code == 302


def test_wrong_password_is_refused_with_a_message(client, users):
    response = client.post("/login", data={"username": "editor", "password": "wrong password"})
    assert response.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    assert audit_actions()[-1] == "login.failed"


def test_login_goes_back_to_a_local_next_only(client, users):
    ok = client.post("/login?next=/admin/pages/", data={"username": "editor", "password": PASSWORD})
    assert ok.location.endswith("/admin/pages/")
    client.post("/logout")
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = client.post("/login", query_string={"next": target}, data={"username": "editor", "password": PASSWORD})
        assert "evil" not in response.location
        client.post("/logout")


def test_deactivated_accounts_cannot_log_in(client, users):
    users["author"].active = False
    db.session.commit()
    assert client.post("/login", data={"username": "author", "password": PASSWORD}).status_code == 401


def test_deactivating_ends_an_open_session(client, users, login):
    login("author")
    assert client.get("/admin/").status_code == 200
    db.session.get(User, users["author"].id).active = False
    db.session.commit()
    assert client.get("/admin/").status_code == 302


@pytest.mark.cms_config({"LOGIN_MAX_FAILURES": 3})
def test_repeated_failures_lock_the_account_from_that_address(app, users):
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "203.0.113.7"
    for _ in range(2):
        assert attacker.post("/login", data={"username": "admin", "password": "guess"}).status_code == 401
    locked = attacker.post("/login", data={"username": "admin", "password": "guess"})
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.get_data(as_text=True)
    assert "login.locked" in audit_actions()
    # Even the right password is refused from that address while locked...
    assert attacker.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 429
    # ...but the real admin, elsewhere, still gets in.
    office = app.test_client()
    office.environ_base["REMOTE_ADDR"] = "198.51.100.20"
    assert office.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 302


@pytest.mark.cms_config({"LOGIN_MAX_FAILURES": 2, "LOGIN_LOCK_SECONDS": 60})
def test_the_lock_expires(app, users, clock):

    client = app.test_client()
    for _ in range(2):
        client.post("/login", data={"username": "editor", "password": "guess"})
    assert client.post("/login", data={"username": "editor", "password": PASSWORD}).status_code == 429
    clock.advance(seconds=61)
    assert client.post("/login", data={"username": "editor", "password": PASSWORD}).status_code == 302


def test_logout_is_a_post(client, login):
    login("editor")
    assert client.get("/logout").status_code in (404, 405)  # a link cannot log anyone out
    assert client.get("/admin/").status_code == 200
    response = client.post("/logout")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    assert audit_actions()[-1] == "logout"


def test_password_change(client, users, login):
    login("author")
    page = client.get("/account/password")
    assert page.status_code == 200
    wrong = client.post("/account/password", data={"current": "nope", "new": "a new long secret", "confirm": "a new long secret"})
    assert wrong.status_code == 400 and "Mật khẩu hiện tại không đúng." in wrong.get_data(as_text=True)
    short = client.post("/account/password", data={"current": PASSWORD, "new": "short", "confirm": "short"})
    assert "ít nhất 10 ký tự" in short.get_data(as_text=True)
    mismatch = client.post("/account/password", data={"current": PASSWORD, "new": "a new long secret", "confirm": "other"})
    assert "Hai mật khẩu không khớp." in mismatch.get_data(as_text=True)
    done = client.post("/account/password", data={"current": PASSWORD, "new": "a new long secret", "confirm": "a new long secret"})
    assert done.status_code == 302
    client.post("/logout")
    assert client.post("/login", data={"username": "author", "password": PASSWORD}).status_code == 401
    assert client.post("/login", data={"username": "author", "password": "a new long secret"}).status_code == 302
    assert "password.changed" in audit_actions()


def test_cli_creates_a_user_from_stdin(runner, app):
    result = runner.invoke(args=["cms", "create-user", "nguyenvana", "--role", "editor", "--password-stdin"],
                           input="mật khẩu thật dài\n")
    assert result.exit_code == 0, result.output
    user = User.by_username("nguyenvana")
    assert user.role == "editor" and user.check_password("mật khẩu thật dài")
