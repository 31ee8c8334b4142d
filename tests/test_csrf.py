"""With CSRF protection on (as in production), forms without the token are refused."""
from __future__ import annotations

import re

import pytest

from cms.testing import PASSWORD

CSRF_ON = pytest.mark.cms_config({"WTF_CSRF_ENABLED": True})


def token_from(html: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


def logged_in(client) -> str:
    token = token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return token_from(client.get("/admin/").get_data(as_text=True))


@CSRF_ON
def test_login_without_a_token_is_refused(client, users):
    response = client.post("/login", data={"username": "editor", "password": PASSWORD})
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302


@CSRF_ON
def test_admin_posts_need_the_token(client, users):
    token = logged_in(client)
    assert client.post("/admin/pages/new", data={"title": "Không token", "status": "draft"}).status_code == 400
    assert client.post("/logout").status_code == 400, "a cross-site form cannot log anyone out"
    ok = client.post("/admin/pages/new", data={"title": "Có token", "status": "draft", "csrf_token": token})
    assert ok.status_code == 302


@CSRF_ON
def test_the_upload_endpoint_takes_the_token_from_a_header(client, users):
    import io

    from PIL import Image

    token = logged_in(client)
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG")

    def send(headers):
        return client.post("/admin/media/upload", data={"file": (io.BytesIO(out.getvalue()), "a.png")},
                           content_type="multipart/form-data", headers={"Accept": "application/json", **headers})

    refused = send({})
    assert refused.status_code == 400 and refused.get_json()["status"] == 400
    assert send({"X-CSRFToken": token}).status_code == 201
