"""Sessions the server can end: a copied session cookie (another browser, a
thief) stops working after logout, a password change, an admin's reset,
deactivation and "log out the other sessions"; idle sessions end."""
import pytest

from cms.extensions import db
from cms.models import User
from cms.testing import PASSWORD

HOST = "portal.test"
NEW_PASSWORD = "một mật khẩu mới rất dài"


def copy_of(app, client):
    """A second browser holding a copy of ``client``'s session cookie."""
    cookie = client.get_cookie("session", domain=HOST)
    assert cookie is not None, "the client has no session cookie to copy"
    other = app.test_client()
    other.set_cookie("session", cookie.value, domain=HOST)
    return other


def logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


@pytest.fixture
def stolen(app, client, login):
    """The author logged in on ``client``, and a copy of the cookie that works."""
    login("author")
    copy = copy_of(app, client)
    assert logged_in(copy)
    return copy


@pytest.fixture
def admin_client(app, users):
    admin = app.test_client()
    assert admin.post("/login", data={"username": "admin", "password": PASSWORD}).status_code == 302
    return admin


def test_logout_ends_a_copied_session(client, stolen):
    client.post("/logout")
    assert not logged_in(client)
    assert not logged_in(stolen)


def test_own_password_change_ends_other_sessions_but_keeps_this_one(client, stolen):
    form = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = client.post("/account/password", data=form)
    assert response.status_code == 302
    assert logged_in(client)
    assert not logged_in(stolen)


def test_admin_password_reset_ends_the_users_sessions(client, stolen, admin_client, users):
    response = admin_client.post(f"/admin/users/{users['author'].id}/password",
                                 data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert not logged_in(stolen) and not logged_in(client)
    assert logged_in(admin_client)


def test_deactivation_ends_sessions_for_good(client, stolen, admin_client, users):
    author = users["author"]
    form = {"username": "author", "display_name": "Author", "email": "", "role": "author"}
    assert admin_client.post(f"/admin/users/{author.id}/edit", data=form).status_code == 302  # unticked: inactive
    assert not db.session.get(User, author.id).active
    assert admin_client.post(f"/admin/users/{author.id}/edit", data={**form, "active": "y"}).status_code == 302
    assert db.session.get(User, author.id).active
    assert not logged_in(stolen) and not logged_in(client)


def test_a_password_reset_from_the_command_line_ends_the_users_sessions(client, stolen, runner):
    result = runner.invoke(args=["cms", "create-user", "author", "--password-stdin"], input=NEW_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert not logged_in(stolen) and not logged_in(client)


def test_log_out_other_sessions_button(client, stolen):
    page = client.get("/account/password").get_data(as_text=True)
    assert "Đăng xuất các phiên khác" in page
    response = client.post("/account/sessions/end-others", follow_redirects=True)
    assert "Đã đăng xuất tất cả các phiên khác" in response.get_data(as_text=True)
    assert logged_in(client)
    assert not logged_in(stolen)


def test_an_idle_session_is_sent_to_login_with_a_message(client, login, clock):
    login("editor")
    clock.advance(minutes=29)
    assert logged_in(client)  # activity restarts the count...
    clock.advance(minutes=29)
    assert logged_in(client)
    clock.advance(minutes=31)  # ...31 idle minutes end the session
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and "/login" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "không hoạt động quá 30 phút" in page
    assert "Vui lòng đăng nhập để tiếp tục." not in page  # one clear message, not two
    assert not logged_in(client)


@pytest.mark.cms_config({"STAFF_IDLE_MINUTES": 5})
def test_the_idle_limit_is_a_setting(client, login, clock):
    login("editor")
    clock.advance(minutes=6)
    assert not logged_in(client)
