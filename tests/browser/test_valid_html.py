"""The Nu HTML Checker (vnu.jar, from the npm registry) finds no error on any
public page type of the demo site, on the survey form's error state, nor on
the staff login and editor pages. The JVM starts slowly, so every document is
checked in one run."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cms.testing import PASSWORD, plugin_installed, require
from cms.testing.forms import submit
from public_pages import SIPAS, PublicPages, csrf_token

# Part of the acceptance run (`make browser-test`), though no browser is needed.
# One worker builds the demo site and runs every test that reads it.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_site")]

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
FAILING = {"error", "non-document-error"}


def validate(documents: dict[str, str], folder: Path) -> list[str]:
    """Run vnu once over ``{name: html}``; return its errors, each naming the document."""
    names = {}
    for number, (name, html) in enumerate(documents.items()):
        path = folder / f"document-{number}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    command = ["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
               *(str(folder / name) for name in names)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} line {m.get('lastLine', '?')}: {m.get('message')}"
        f" — {m.get('extract', '').strip()[:120]!r}"
        for m in messages if m.get("type") in FAILING
    ]


def fetch(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, f"{path} answered {response.status_code}"
    return response.get_data(as_text=True)


def survey_error_state(client) -> str:
    """The survey form sent back with nothing filled in."""
    token = csrf_token(fetch(client, SIPAS))
    response = client.post(SIPAS, data={"csrf_token": token})
    assert response.status_code in (200, 400, 422), f"the empty survey answered {response.status_code}"
    return response.get_data(as_text=True)


def staff_pages(client) -> dict[str, str]:
    login = fetch(client, "/login")
    response = client.post("/login", data={"csrf_token": csrf_token(login), "username": "editor", "password": PASSWORD})
    assert response.status_code == 302, "the editor could not log in"
    return {"login": login, "page editor": fetch(client, "/admin/pages/new"),
            "account": fetch(client, "/account/password"), "second factor enrolment": fetch(client, "/account/two-factor")}


def test_every_page_type_is_valid_html(demo_site, tmp_path):
    require(VNU.exists(), f"the HTML checker is missing: {VNU} (run `make install-test`)")
    require(shutil.which("java") is not None, "the HTML checker needs a Java runtime")
    client = demo_site.test_client()
    documents = {name: fetch(client, path, 404 if name == "not found" else 200)
                 for name, path in PublicPages(client).all().items()}
    if plugin_installed("sipas"):
        documents["survey form with errors"] = survey_error_state(client)
    documents.update(staff_pages(client))
    errors = validate(documents, tmp_path)
    assert not errors, "the HTML checker reports:\n  " + "\n  ".join(errors)


@pytest.mark.plugins("news")
@pytest.mark.parametrize("cms_backend", ["sqlite"], indirect=True)
def test_content_written_just_now_is_valid_html(app, client, login, tmp_path):
    """Demo content is old; content saved a moment ago carries fresh
    timestamps and whatever the editors' forms produce."""
    require(VNU.exists() and shutil.which("java") is not None, "the HTML checker needs vnu.jar and Java")
    login("admin")
    body = ('<h2>Giờ làm việc</h2><ul><li>Sáng: 7 giờ 30</li><li>Chiều: 13 giờ 30</li></ul>'
            '<p>Xem <a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công</a>.</p>')
    page = submit(client, "/admin/pages/new", {"title": "Lịch làm việc", "slug": "lich-lam-viec", "body": body,
                                               "status": "published"})
    assert page.status_code == 302, "the page was refused"
    category = submit(client, "/admin/news/categories", {"name": "Thông báo", "slug": "thong-bao"})
    assert category.status_code == 302, "the category was refused"
    category_id = re.search(r'name="categories" value="(\d+)"', fetch(client, "/admin/news/new")).group(1)
    article = submit(client, "/admin/news/new", {"title": "Thông báo nghỉ lễ", "slug": "thong-bao-nghi-le",
                                                 "summary": "Lịch nghỉ lễ của bộ phận Một cửa.", "body": body,
                                                 "categories": category_id, "status": "published"})
    assert article.status_code == 302, "the article was refused"
    paths = ["/", "/lich-lam-viec", "/news/", "/news/thong-bao-nghi-le", "/news/danh-muc/thong-bao", "/admin/",
             "/admin/audit/"]
    errors = validate({path: fetch(client, path) for path in paths}, tmp_path)
    assert not errors, "the HTML checker reports:\n  " + "\n  ".join(errors)


def test_the_checker_reports_broken_markup(tmp_path):
    """The check above must be able to fail: a document with known errors."""
    require(VNU.exists() and shutil.which("java") is not None, "the HTML checker needs vnu.jar and Java")
    broken = "<!doctype html><html lang=vi><title>x</title><p><div>khối trong đoạn</p><span id=a></span><i id=a></i>"
    errors = validate({"broken": broken}, tmp_path)
    assert errors and all(e.startswith("broken line") for e in errors)
    assert any("Duplicate ID" in e for e in errors)
