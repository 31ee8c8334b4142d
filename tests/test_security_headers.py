"""Security headers and cookie flags, as a browser would receive them."""
from __future__ import annotations

import pytest

from cms.testing import PASSWORD

PRODUCTION = {"CMS_ENV": "production", "SECRET_KEY": "9f1c6e2b7a0d48c3b5e1f7a2d6c04b98e3a1f5c7d2b6"}
PUBLIC_URLS = ["/", "/no-such-page", "/healthz", "/login", "/robots.txt", "/static/css/site.css"]


def csp_directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as ``{directive: [sources]}``."""
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in filter(None, (p.strip() for p in policy.split(";"))):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "the response sets no session cookie"
    return cookies[0]


def log_in(client):
    return client.post("/login", data={"username": "admin", "password": PASSWORD})


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_response_carries_a_script_tight_csp(client, url):
    directives = csp_directives(client.get(url))
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    for sources in directives.values():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert not any(s.startswith(("http:", "https:", "*")) for s in sources), "no other origin is allowed"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_response_refuses_framing_and_sniffing(client, url):
    response = client.get(url)
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_error_pages_carry_the_headers_too(app, client):
    @app.get("/_boom")
    def boom():
        raise RuntimeError("broken on purpose")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/_boom")
    assert response.status_code == 500
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_staff_pages_are_never_cached(client, users):
    assert client.get("/login").headers["Cache-Control"] == "no-store"
    log_in(client)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_account_pages_are_never_cached(client, users):
    """The account area shows a second factor's secret and recovery codes."""
    log_in(client)
    response = client.get("/account/password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_public_pages_stay_cacheable(client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def test_no_hsts_or_https_upgrade_outside_production(client):
    response = client.get("/")
    assert "Strict-Transport-Security" not in response.headers
    assert "upgrade-insecure-requests" not in csp_directives(response)


@pytest.mark.cms_config(PRODUCTION)
def test_production_asks_for_https(client):
    response = client.get("/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "upgrade-insecure-requests" in csp_directives(response)


def test_session_cookie_is_httponly_and_samesite(client, users):
    cookie = session_cookie(log_in(client))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "plain-HTTP development must still be able to log in"


@pytest.mark.cms_config(PRODUCTION)
def test_production_cookies_are_secure(client, users):
    response = log_in(client)
    assert response.status_code == 302
    cookie = session_cookie(response)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.cms_config(PRODUCTION)
def test_production_preference_cookies_are_secure(client):
    for url in ("/_font/large?next=/", "/_lang/en?next=/"):
        cookies = client.get(url).headers.getlist("Set-Cookie")
        assert cookies, f"{url} sets no cookie"
        assert all("Secure" in c and "SameSite=Lax" in c for c in cookies), cookies


def test_language_cookie_is_httponly(client):
    cookie = client.get("/_lang/en?next=/").headers["Set-Cookie"]
    assert "HttpOnly" in cookie


def test_a_view_may_set_its_own_policy(app, client):
    @app.get("/_embed")
    def embed():
        return "ok", 200, {"Content-Security-Policy": "frame-ancestors 'self'"}

    assert client.get("/_embed").headers["Content-Security-Policy"] == "frame-ancestors 'self'"
