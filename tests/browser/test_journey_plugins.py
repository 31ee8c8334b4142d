"""An admin switches the photo gallery off: its pages, its sidebar widget,
its assets and its admin section disappear on the next request, with no
restart; switching it on brings everything back."""
from __future__ import annotations

import pytest

from journey_steps import published_album

pytestmark = pytest.mark.browser

ALBUM, SLUG = "Ngày hội văn hóa các dân tộc", "ngay-hoi-van-hoa"


def gallery_traces(tab) -> list[str]:
    """Links to the gallery and gallery assets on the current page."""
    return tab.evaluate("""() => [
        ...Array.from(document.querySelectorAll('a[href*="/gallery/"]'), a => a.getAttribute('href')),
        ...Array.from(document.querySelectorAll('link[href*="/_plugins/gallery/"], script[src*="/_plugins/gallery/"]'),
                      el => el.getAttribute('href') || el.getAttribute('src')),
    ]""")


def status_of(tab, path: str) -> int:
    return tab.request.get(path).status


def switch_gallery(admin, action: str) -> None:
    admin.goto("/admin/plugins/")
    card = admin.locator("#plugin-gallery")
    card.get_by_role("button", name=action).click()
    admin.wait_for_load_state()
    assert admin.locator("#plugin-gallery .plugin-problem").count() == 0


def assert_gallery_shown(citizen, admin) -> None:
    citizen.goto("/")
    assert citizen.locator("aside").get_by_role("link", name=ALBUM).count() > 0, "the latest-album widget is missing"
    assert status_of(citizen, "/gallery/") == 200 and status_of(citizen, f"/gallery/{SLUG}/") == 200
    admin.goto("/admin/")
    assert admin.locator("nav").get_by_role("link", name="Album ảnh", exact=True).count() == 1


def test_disabling_the_gallery_hides_it_at_once_and_enabling_restores_it(app, open_page, users, sign_in):
    published_album(ALBUM, SLUG, [{"alt": "Múa xòe của đồng bào Thái", "caption": "Tiết mục mở màn"}])
    admin, citizen = open_page(), open_page()
    sign_in(admin, "admin")
    assert_gallery_shown(citizen, admin)

    switch_gallery(admin, "Tắt")
    citizen.goto("/")
    assert gallery_traces(citizen) == [], "the home page still shows the gallery"
    assert status_of(citizen, "/gallery/") == 404 and status_of(citizen, f"/gallery/{SLUG}/") == 404
    assert "/gallery/" not in citizen.request.get("/sitemap.xml").text()
    admin.goto("/admin/")
    assert admin.locator("nav").get_by_role("link", name="Album ảnh", exact=True).count() == 0

    switch_gallery(admin, "Bật")
    assert_gallery_shown(citizen, admin)
