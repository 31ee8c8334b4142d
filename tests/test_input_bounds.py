"""Odd input is refused before it reaches the database: NUL characters, ids
beyond an INTEGER column, page numbers that are not plain digits. A 400 or
404 on the themed page, never a 500 (PostgreSQL refuses NUL in text)."""
from __future__ import annotations

import pytest

from cms.safeguards.inputs import parse_int
from cms.testing import PASSWORD


@pytest.mark.parametrize("username, password", [("adm\x00in", PASSWORD), ("admin", "x\x00y"), ("\x00", "\x00")])
def test_a_nul_character_in_the_login_form_is_refused(client, users, username, password):
    reply = client.post("/login", data={"username": username, "password": password})
    assert reply.status_code == 400
    assert "Yêu cầu chứa ký tự không hợp lệ." in reply.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302, "no session was opened"


@pytest.mark.parametrize("url", ["/?q=%00", "/gioi-thieu%00", "/login?next=/%00", "/admin/audit/?user=a%00"])
def test_a_nul_character_in_the_url_is_refused(client, login, url):
    login("admin")
    reply = client.get(url)
    assert reply.status_code == 400 and "<main" in reply.get_data(as_text=True)


def test_english_visitors_read_the_refusal_in_english(client, users):
    client.get("/_lang/en")
    reply = client.post("/login", data={"username": "a\x00", "password": "b"})
    assert "The request contains a character that is not allowed." in reply.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/admin/users/99999999999999999999/edit", "/admin/pages/2147483648/edit",
                                 "/admin/audit/?page=%C2%B2", "/admin/audit/?page=99999999999999999999",
                                 "/admin/media/?page=0", "/admin/media/?page=-1"])
def test_ids_and_page_numbers_out_of_bounds_are_not_found(client, login, url):
    login("admin")
    assert client.get(url).status_code == 404


def test_ids_within_bounds_still_reach_the_view(client, login):
    login("admin")
    assert client.get("/admin/users/2147483647/edit").status_code == 404  # no such user, but no overflow
    assert client.get("/admin/audit/?page=1").status_code == 200


@pytest.mark.parametrize("raw, expected", [("1", 1), ("0042", 42), ("2147483647", 2147483647), ("2147483648", None),
                                           ("²", None), ("٣", None), (" 1", None), ("-1", None), ("1e3", None),
                                           ("", None), (None, None), ("9" * 400, None)])
def test_parse_int_takes_ascii_digits_in_bounds_only(raw, expected):
    assert parse_int(raw) == expected
