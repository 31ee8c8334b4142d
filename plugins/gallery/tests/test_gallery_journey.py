"""An editor uploads several photos to a new album and sees each file's
progress; once the album is published, a citizen opens the lightbox and
moves through the photos with the keyboard only."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cms.testing.steps import WATCH_PROGRESS, make_photo, slow_uploads


pytestmark = [pytest.mark.browser, pytest.mark.plugins("gallery")]

ALBUM = "Hội thi đua ghe ngo mừng lễ Quốc khánh"
ALTS = ["Ghe ngo xuất phát trên sông", "Khán giả cổ vũ trên bờ", "Trao giải cho đội thắng cuộc"]
UPLOAD_BYTES_PER_SECOND = 1_000_000


def create_album(tab) -> None:
    tab.goto("/admin/gallery/new")
    tab.get_by_label("Tên album").fill(ALBUM)
    tab.get_by_role("button", name="Lưu album").click()
    tab.wait_for_load_state()
    assert tab.get_by_role("heading", level=1).inner_text().strip() == ALBUM


def upload_photos(tab, files) -> list[float]:
    """Upload on a slow line; returns the progress fractions the bars showed."""
    tab.evaluate(WATCH_PROGRESS)
    slow_uploads(tab, UPLOAD_BYTES_PER_SECOND)
    tab.get_by_label("Chọn ảnh").set_input_files([str(f) for f in files])
    summary = tab.locator("[data-upload-summary]")
    summary.wait_for(state="visible", timeout=60_000)
    assert f"{len(files)} / {len(files)}" in summary.inner_text(), summary.inner_text()
    return tab.evaluate("() => window.__progressSeen")


def describe_and_show(tab) -> None:
    """Wait for the photos to be processed, then give each its alt text."""
    for _ in range(60):
        tab.reload()
        if tab.locator(".gallery-admin-thumb img").count() == len(ALTS):
            break
        tab.wait_for_timeout(500)
    else:
        pytest.fail("the uploaded photos were never processed")
    for row, alt in zip(tab.locator(".gallery-admin-photo").all(), ALTS, strict=True):
        row.get_by_label("Mô tả thay thế (alt)").fill(alt)
        row.get_by_label("Hiển thị").check()
    tab.locator(".gallery-photo-form button[type=submit]").first.click()
    tab.wait_for_load_state()
    tab.get_by_role("link", name="Sửa thông tin album").click()
    tab.get_by_label("Xuất bản album").check()
    tab.get_by_role("button", name="Lưu album").click()
    tab.wait_for_load_state()
    assert tab.locator(".has-error").count() == 0, "the album could not be published"


def tab_to(tab, selector: str, limit: int = 150) -> None:
    """Press Tab until an element matching ``selector`` has the focus."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def browse_with_keyboard(tab) -> None:
    tab.goto("/gallery/")
    tab.locator("main").get_by_role("link", name=ALBUM).first.click()
    tab.wait_for_load_state()
    tab_to(tab, "a.gallery-link")
    tab.keyboard.press("Enter")
    dialog = tab.locator("dialog[open]")
    counter = dialog.locator(".lightbox-counter")
    expect(counter).to_contain_text("1 / 3")
    expect(dialog.get_by_role("img", name=ALTS[0])).to_be_visible()
    assert dialog.evaluate("d => d.contains(document.activeElement)"), "the focus is not in the lightbox"
    tab.keyboard.press("ArrowRight")
    expect(counter).to_contain_text("2 / 3")
    expect(dialog.get_by_role("img", name=ALTS[1])).to_be_visible()
    tab.keyboard.press("ArrowRight")
    expect(counter).to_contain_text("3 / 3")
    tab.keyboard.press("ArrowLeft")
    expect(counter).to_contain_text("2 / 3")
    for _ in range(6):  # the focus stays trapped in the open lightbox
        tab.keyboard.press("Tab")
        assert dialog.evaluate("d => d.contains(document.activeElement)"), "Tab left the open lightbox"
    tab.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert tab.evaluate("() => document.activeElement.matches('a.gallery-link')"), "the focus did not return to the photo"


def test_photos_uploaded_with_progress_are_browsed_by_keyboard(open_page, users, sign_in, tmp_path):
    photos = [make_photo(tmp_path / f"ghe-ngo-{n}.jpg", size=(1000, 700), noise=True) for n in range(len(ALTS))]
    editor = open_page()
    sign_in(editor, "editor")
    create_album(editor)
    seen = upload_photos(editor, photos)
    assert any(0 < fraction < 1 for fraction in seen), f"no progress was shown between start and end: {sorted(set(seen))}"
    describe_and_show(editor)
    browse_with_keyboard(open_page())
