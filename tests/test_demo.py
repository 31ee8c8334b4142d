"""`cms init --demo`: a small Vietnamese town portal, loaded once.

Plugins are left out here (their demo content is theirs to test), which
keeps this test quick.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Page, User


@pytest.mark.plugins()
def test_demo_loads_once_prints_the_password_and_reads_like_a_ward_portal(app, runner, client):
    first = runner.invoke(args=["cms", "init", "--demo"])
    assert first.exit_code == 0, first.output
    password = re.search(r"with password: (\S+)", first.output).group(1)
    assert User.by_username("admin").check_password(password)
    pages = db.session.scalar(select(func.count(Page.id)))
    assert pages >= 10

    home = client.get("/").get_data(as_text=True)
    assert "Phường Sen Hồng" in home and 'src="/media/' in home, "site name and logo"
    for path in ("/gioi-thieu", "/gioi-thieu/lich-su", "/gioi-thieu/dieu-kien-tu-nhien", "/gioi-thieu/co-cau-to-chuc",
                 "/lien-he", "/thu-tuc-hanh-chinh/lich-tiep-cong-dan"):
        assert client.get(path).status_code == 200, path
    figure = client.get("/gioi-thieu/dieu-kien-tu-nhien").get_data(as_text=True)
    image = re.search(r'<img src="(/media/[^"]+)"', figure).group(1)
    assert client.get(image).status_code == 200
    assert client.get("/ke-hoach-chuyen-doi-so-2026").status_code == 404, "the demo draft stays private"

    second = runner.invoke(args=["cms", "init", "--demo"])
    assert second.exit_code == 0 and "already loaded" in second.output and password not in second.output
    assert db.session.scalar(select(func.count(Page.id))) == pages
