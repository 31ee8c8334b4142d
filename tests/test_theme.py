"""The visitor's preferences (text size, language), which work without JavaScript."""
from __future__ import annotations

from cms.extensions import db
from cms.i18n import compile_catalogs
from cms.settings import save_site_settings


def test_font_size_links_set_a_cookie_and_come_back(client):
    response = client.get("/_font/large?next=/gioi-thieu")
    assert response.status_code == 302 and response.location.endswith("/gioi-thieu")
    cookie = response.headers["Set-Cookie"]
    assert "font_size=large" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi" class="fs-large">' in html
    assert 'data-font-size="large" rel="nofollow"\n     aria-current="true"' in html or \
        'class="font-size-large" data-font-size="large" rel="nofollow"' in html


def test_unknown_font_sizes_and_foreign_redirects_are_ignored(client):
    response = client.get("/_font/huge?next=https://evil.example/")
    assert "font_size" not in response.headers.get("Set-Cookie", "")
    assert response.location in ("/", "http://portal.test/")
    client.set_cookie("font_size", "enormous")
    assert 'class="fs-normal"' in client.get("/").get_data(as_text=True)


def test_the_site_js_switches_font_size_in_place(client):
    script = client.get("/static/js/site.js").get_data(as_text=True)
    assert "document.cookie" in script and "font_size=" in script


def test_visitors_switch_to_english_and_back(client):
    response = client.get("/_lang/en?next=/")
    assert "lang=en" in response.headers["Set-Cookie"]
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en"' in html and "Skip to the main content" in html and "Text size" in html
    client.get("/_lang/vi")
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi"' in html and "Bỏ qua, đến nội dung chính" in html


def test_the_site_language_setting_is_the_default(client):
    save_site_settings({"language": "en"})
    db.session.commit()
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)
    client.get("/_lang/vi")
    assert '<html lang="vi"' in client.get("/").get_data(as_text=True), "the visitor's choice wins"


def test_the_english_catalog_covers_every_core_message():
    from pathlib import Path

    from babel.messages.pofile import read_po

    folder = Path(__file__).resolve().parent.parent / "cms" / "translations"
    template = {m.id for m in read_po((folder / "messages.pot").open("rb")) if m.id}
    english = {m.id: m.string for m in read_po((folder / "en/LC_MESSAGES/messages.po").open("rb")) if m.id}
    assert template <= set(english), sorted(template - set(english))[:10]
    assert all(english[key] for key in template), [k for k in template if not english[k]][:10]
    compile_catalogs(folder)
    assert (folder / "en/LC_MESSAGES/messages.mo").exists()
