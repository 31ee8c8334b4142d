"""The TOTP second factor: enrolment, the code step of the login, recovery
codes, the site's requirement for editors and admins, and an admin's reset."""
import re
import time

import pyotp
import pytest
from sqlalchemy import select

from cms.extensions import db
from cms.models import RecoveryCode, User
from cms.settings import save_site_settings
from cms.testing import PASSWORD, audit_count


def secret_on(page: str) -> str:
    return re.search(r"data-totp-secret>([A-Z2-7]+)<", page).group(1)


def next_code(secret: str) -> str:
    """A code the server accepts and has not seen: the next window's (drift allowed)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def enrol(client) -> tuple[str, list[str]]:
    """Enrol the logged-in user; returns the secret and the recovery codes."""
    secret = secret_on(client.get("/account/two-factor").get_data(as_text=True))
    page = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    return secret, re.findall(r"<li><code>([a-z0-9-]+)</code></li>", page)


def password_step(client, username="editor"):
    return client.post("/login", data={"username": username, "password": PASSWORD})


@pytest.fixture
def enrolled(client, login):
    """The editor with a second factor, logged out; yields secret and recovery codes."""
    login("editor")
    secret, codes = enrol(client)
    client.post("/logout")
    return secret, codes


def test_enrolment_shows_a_qr_code_then_recovery_codes_once(client, login, users):
    login("editor")
    page = client.get("/account/two-factor")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "<svg" in html and "<path" in html  # the QR code is inline, nothing fetched
    secret = secret_on(html)
    wrong = client.post("/account/two-factor", data={"code": "000000"})
    assert wrong.status_code == 400 and "Mã không đúng" in wrong.get_data(as_text=True)
    assert not db.session.get(User, users["editor"].id).has_second_factor
    shown = client.post("/account/two-factor", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", shown)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == users["editor"].id)))
    assert len(stored) == 10 and not stored & set(codes)  # only hashes are kept
    again = client.get("/account/two-factor").get_data(as_text=True)
    assert not any(code in again for code in codes) and "Còn 10 mã dự phòng" in again
    assert audit_count("second_factor.enabled") == 1


def test_the_password_alone_does_not_log_in(client, enrolled):
    response = password_step(client)
    assert response.status_code == 302 and "/login/code" in response.location
    assert client.get("/admin/").status_code == 302
    assert client.post("/login/code", data={"code": "123456"}).status_code == 401
    assert client.get("/admin/").status_code == 302


def test_a_code_completes_the_login_once(client, enrolled):
    secret, _codes = enrolled
    password_step(client)
    code = next_code(secret)
    done = client.post("/login/code", data={"code": code})
    assert done.status_code == 302 and done.location.endswith("/admin/")
    assert client.get("/admin/").status_code == 200
    client.post("/logout")
    password_step(client)
    replay = client.post("/login/code", data={"code": code})
    assert replay.status_code == 401 and "đã được dùng" in replay.get_data(as_text=True)


def test_a_recovery_code_works_once(client, enrolled):
    _secret, codes = enrolled
    password_step(client)
    assert client.post("/login/code", data={"code": codes[3].upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert audit_count("login.recovery_code") == 1
    client.post("/logout")
    password_step(client)
    assert client.post("/login/code", data={"code": codes[3]}).status_code == 401


def test_new_recovery_codes_replace_the_old_ones(client, enrolled):
    secret, old = enrolled
    password_step(client)
    client.post("/login/code", data={"code": old[0]})
    refused = client.post("/account/two-factor/recovery-codes", data={"code": "000000"}, follow_redirects=True)
    assert "không đúng" in refused.get_data(as_text=True)
    page = client.post("/account/two-factor/recovery-codes", data={"code": next_code(secret)}).get_data(as_text=True)
    new = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert audit_count("second_factor.recovery_codes_renewed") == 1
    client.post("/logout")
    password_step(client)
    assert client.post("/login/code", data={"code": old[1]}).status_code == 401
    assert client.post("/login/code", data={"code": new[1]}).status_code == 302


def test_the_code_step_needs_a_recent_password_step(client, enrolled):
    secret, _codes = enrolled
    assert client.get("/login/code").status_code == 302
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 302
    assert client.get("/admin/").status_code == 302


@pytest.mark.cms_config({"LOGIN_MAX_FAILURES": 3})
def test_wrong_codes_lock_the_account_like_wrong_passwords(client, enrolled):
    secret, _codes = enrolled
    password_step(client)
    for _ in range(2):
        assert client.post("/login/code", data={"code": "000000"}).status_code == 401
    assert client.post("/login/code", data={"code": "000000"}).status_code == 429
    assert client.post("/login/code", data={"code": next_code(secret)}).status_code == 429
    assert client.get("/admin/").status_code == 302


def test_the_site_can_require_a_second_factor_of_editors(client, users):
    save_site_settings({"require_second_factor": True})
    db.session.commit()
    response = password_step(client, "editor")
    assert response.status_code == 302 and response.location.endswith("/account/two-factor")
    blocked = client.get("/admin/pages/")
    assert blocked.status_code == 302 and blocked.location.endswith("/account/two-factor")
    enrol(client)
    assert client.get("/admin/pages/").status_code == 200
    client.post("/logout")
    assert password_step(client, "author").location.endswith("/admin/")  # authors are not asked


def test_the_requirement_is_a_site_setting(client, login):
    login("admin")
    form = {"site_name": "Cổng", "language": "vi", "timezone": "Asia/Ho_Chi_Minh", "require_second_factor": "y"}
    assert client.post("/admin/settings", data=form).status_code == 302
    assert client.get("/admin/").location.endswith("/account/two-factor")


def test_an_admin_resets_a_second_factor(app, client, enrolled, users):
    admin = app.test_client()
    admin.post("/login", data={"username": "admin", "password": PASSWORD})
    assert "Gỡ xác thực hai bước" in admin.get("/admin/users/").get_data(as_text=True)
    assert admin.post(f"/admin/users/{users['editor'].id}/two-factor/reset").status_code == 302
    editor = db.session.get(User, users["editor"].id)
    assert not editor.has_second_factor and editor.totp_secret is None
    assert db.session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == editor.id)).all() == []
    assert audit_count("user.second_factor_reset") == 1
    assert password_step(client).location.endswith("/admin/")


def test_only_admins_reset_second_factors(client, enrolled, login, users):
    login("editor")
    client.post("/login/code", data={"code": next_code(enrolled[0])})
    assert client.post(f"/admin/users/{users['editor'].id}/two-factor/reset").status_code == 403
    assert db.session.get(User, users["editor"].id).has_second_factor
