"""The password policy wherever a password is set, and a login that costs
one hash whether or not the account exists."""
import pytest

from cms.accounts import passwords
from cms.extensions import db
from cms.models import User
from cms.testing import PASSWORD

GOOD = "mưa rào tháng bảy trên sông Tiền"
WEAK = {
    "aaaaaaaaaa": "một ký tự lặp lại",
    "1234567890": "quá phổ biến",
    "password123": "quá phổ biến",
    "qwertyuiop": "quá phổ biến",
}


@pytest.mark.parametrize("password, reason", WEAK.items())
def test_the_account_page_refuses_weak_passwords(client, login, password, reason):
    login("author")
    form = {"current": PASSWORD, "new": password, "confirm": password}
    response = client.post("/account/password", data=form)
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert db.session.get(User, User.by_username("author").id).check_password(PASSWORD)


def test_a_password_containing_the_username_is_refused(client, login):
    login("editor")
    form = {"current": PASSWORD, "new": "editor2026!", "confirm": "editor2026!"}
    response = client.post("/account/password", data=form)
    assert response.status_code == 400
    assert "không được chứa tên đăng nhập" in response.get_data(as_text=True)


def test_admin_create_and_reset_apply_the_policy(client, login, users):
    login("admin")
    form = {"username": "nguyenvanb", "display_name": "B", "email": "", "role": "author", "active": "y",
            "password": "bbbbbbbbbbbb", "confirm": "bbbbbbbbbbbb"}
    refused = client.post("/admin/users/new", data=form)
    assert refused.status_code == 400 and "một ký tự lặp lại" in refused.get_data(as_text=True)
    assert User.by_username("nguyenvanb") is None
    assert client.post("/admin/users/new", data={**form, "password": GOOD, "confirm": GOOD}).status_code == 302
    reset = client.post(f"/admin/users/{users['author'].id}/password",
                        data={"password": "1234567890", "confirm": "1234567890"})
    assert reset.status_code == 400 and "quá phổ biến" in reset.get_data(as_text=True)


def test_cli_applies_the_policy(runner, app):
    refused = runner.invoke(args=["cms", "create-user", "tranthic", "--password-stdin"], input="password123\n")
    assert refused.exit_code != 0 and "quá phổ biến" in refused.output
    assert User.by_username("tranthic") is None
    assert runner.invoke(args=["cms", "create-user", "tranthic", "--password-stdin"], input=GOOD + "\n").exit_code == 0


def test_a_good_password_is_accepted_in_english_too(client, login):
    client.get("/_lang/en")
    login("author")
    refused = client.post("/account/password", data={"current": PASSWORD, "new": "aaaaaaaaaa", "confirm": "aaaaaaaaaa"})
    assert "one character repeated" in refused.get_data(as_text=True)
    assert client.post("/account/password", data={"current": PASSWORD, "new": GOOD, "confirm": GOOD}).status_code == 302


@pytest.fixture
def hash_calls(monkeypatch):
    """How many password hashes the code checks (each check computes one
    hash with the stored method's full cost)."""
    calls = []
    real = passwords.check_password_hash

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(passwords, "check_password_hash", counting)
    return calls


@pytest.mark.parametrize("username", ["nobody-here", "author", "editor"])
def test_every_failed_login_costs_one_hash(client, users, hash_calls, username):
    """Unknown, deactivated and existing accounts take the same time to
    refuse, so timing cannot tell which usernames exist."""
    users["author"].active = False
    db.session.commit()
    response = client.post("/login", data={"username": username, "password": "not the password"})
    assert response.status_code == 401
    assert len(hash_calls) == 1
