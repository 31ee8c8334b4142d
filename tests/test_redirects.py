"""Redirect targets taken from the request stay on this site: the language
and font-size links, the login form, and ``safe_next`` itself."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from cms.safeguards.redirects import safe_next
from cms.testing import PASSWORD

# What browsers read as another site once they have dropped tabs and line
# breaks, turned "\" into "/" and decoded the path (or what a proxy decodes).
HOSTILE = [
    "//evil.example/", "///evil.example", "/%09/evil.example", "/\t/evil.example", "/\n/evil.example",
    "/%0d%0a/evil.example", " //evil.example", "/ /evil.example", "/\\evil.example", "\\\\evil.example",
    "/%5Cevil.example", "%5C%5Cevil.example", "/%2F/evil.example", "%2F%2Fevil.example", "/%2f%2fevil.example",
    "/%252F%252Fevil.example", "https://evil.example/", "http:evil.example", "https:/\\evil.example",
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "evil.example", "/\u3000/evil.example",
    "/\u200b/evil.example", "http://portal.test@evil.example/",
]
LOCAL = ["/gioi-thieu", "/news/?page=2", "/admin/pages/?q=a%20b", "/tin-tuc/bai-viet#binh-luan"]


def stays_here(location: str, fallback: str) -> bool:
    parts = urlsplit(location)
    return parts.netloc in ("", "portal.test") and parts.scheme in ("", "http") and location.endswith(fallback) \
        and (parts.path == fallback or f"{parts.path}?{parts.query}" == fallback)


@pytest.mark.parametrize("target", HOSTILE)
def test_safe_next_refuses_targets_that_leave_the_site(target):
    assert safe_next(target, "/fallback") == "/fallback"


@pytest.mark.parametrize("target", LOCAL)
def test_safe_next_keeps_paths_on_this_site(target):
    assert safe_next(target, "/fallback") == target


def test_safe_next_refuses_nothing_and_very_long_targets():
    assert safe_next(None, "/a") == "/a" and safe_next("", "/a") == "/a" and safe_next("/" + "x" * 5000, "/a") == "/a"


@pytest.mark.parametrize("link", ["/_lang/en", "/_font/large"])
def test_language_and_font_size_links_come_back_only_to_this_site(client, link):
    for target in HOSTILE:
        reply = client.get(link, query_string={"next": target})
        assert reply.status_code == 302 and stays_here(reply.headers["Location"], "/"), (target, reply.location)
        if "\n" not in target:  # a header cannot hold a line break
            referred = client.get(link, headers={"Referer": target})
            assert stays_here(referred.headers["Location"], "/"), (target, referred.location)
    for target in LOCAL:
        assert client.get(link, query_string={"next": target}).headers["Location"].endswith(target)
    assert client.get(link, headers={"Referer": "http://portal.test/gioi-thieu"}).location.endswith("/gioi-thieu")


def test_the_reported_language_link_no_longer_leaves_the_site(client):
    reply = client.get("/_lang/en?next=/%09/evil.example")
    assert reply.headers["Location"] in ("/", "http://portal.test/")


def test_login_comes_back_only_to_this_site(client, users, login):
    for target in HOSTILE[:6]:
        reply = client.post("/login", query_string={"next": target}, data={"username": "editor", "password": PASSWORD})
        assert reply.status_code == 302 and stays_here(reply.headers["Location"], "/admin/"), target
        client.post("/logout")
    login("editor")
    for target in HOSTILE:
        reply = client.get("/login", query_string={"next": target})
        assert reply.status_code == 302 and stays_here(reply.headers["Location"], "/admin/"), target
