"""The gallery in a real Chromium: the lightbox driven by the keyboard (and
by a swipe on a phone), and the admin's upload with a progress bar per file."""
from __future__ import annotations

import re
import threading

import pytest
from flask import request
from playwright.sync_api import expect

from cms.testing import PASSWORD

from .gallery_files import SVG_FILE, image_bytes


pytestmark = [pytest.mark.browser, pytest.mark.plugins("gallery")]
LIGHTBOX_RENDITION = re.compile(r"/_media/[0-9a-f]{2}/\d+-(?!320-)\d+-")  # any width but the grid's thumbnails


def focus_is_in_the_lightbox(page) -> bool:
    return page.evaluate("document.activeElement.closest('dialog.lightbox') !== null")


def test_the_lightbox_works_with_the_keyboard(page, make_album):
    make_album("le-hoi", photos=3, published=True, title="Lễ hội")
    page.goto("/gallery/le-hoi/")
    first = page.locator("a.gallery-link").first
    first.focus()
    page.keyboard.press("Enter")

    dialog = page.locator("dialog.lightbox")
    counter = page.locator(".lightbox-counter")
    image = page.locator(".lightbox-image")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-label", "Xem ảnh: Lễ hội")
    expect(page.locator(".lightbox-close")).to_be_focused()
    expect(page.locator(".lightbox-close")).to_have_attribute("aria-label", "Đóng")
    expect(counter).to_have_text("Ảnh 1 / 3")
    expect(image).to_have_attribute("alt", "Mô tả ảnh 0")
    page.wait_for_function("() => { const i = document.querySelector('.lightbox-image'); return i.complete && i.naturalWidth > 0; }")
    assert page.url.endswith("/gallery/le-hoi/")  # the link did not navigate

    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("Ảnh 2 / 3")
    expect(image).to_have_attribute("alt", "Mô tả ảnh 1")
    expect(page.locator(".lightbox-caption")).to_contain_text("Chú thích 1")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("Ảnh 3 / 3")  # wraps around
    page.keyboard.press("Home")
    expect(counter).to_have_text("Ảnh 1 / 3")
    page.keyboard.press("End")
    expect(counter).to_have_text("Ảnh 3 / 3")

    for key in ["Tab"] * 5 + ["Shift+Tab"] * 5:
        page.keyboard.press(key)
        assert focus_is_in_the_lightbox(page), f"focus left the lightbox after {key}"

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(first).to_be_focused()


def test_the_lightbox_keeps_the_photos_place_while_it_loads(app, open_page, make_album):
    """On a slow line the viewer shows the photo's box, in the photo's shape,
    before the file arrives: never an empty screen, and nothing jumps when
    the photo appears."""
    make_album("cham", photos=2, published=True)
    release = threading.Event()

    @app.before_request
    def hold_lightbox_renditions():
        if LIGHTBOX_RENDITION.search(request.path):
            release.wait(10)

    tab = open_page()
    try:
        tab.goto("/gallery/cham/")
        tab.locator("a.gallery-link").first.click()
        image = tab.locator("dialog[open] .lightbox-image")
        expect(image).to_be_visible()
        assert not image.evaluate("i => i.complete"), "the photo was not held back"
        waiting = image.bounding_box()
        assert waiting["width"] / waiting["height"] == pytest.approx(640 / 480, rel=0.02)
    finally:
        release.set()
    tab.wait_for_function("() => document.querySelector('dialog[open] .lightbox-image').naturalWidth > 0")
    loaded = image.bounding_box()
    assert (loaded["width"], loaded["height"]) == (pytest.approx(waiting["width"], abs=1),
                                                   pytest.approx(waiting["height"], abs=1))
    screen = tab.viewport_size
    assert loaded["x"] >= 0 and loaded["y"] >= 0, "the photo starts off screen"
    assert loaded["x"] + loaded["width"] <= screen["width"] and loaded["y"] + loaded["height"] <= screen["height"]


@pytest.mark.viewports("phone")
def test_a_swipe_moves_to_the_next_photo_on_a_phone(page, make_album):
    make_album("vuot", photos=2, published=True)
    page.goto("/gallery/vuot/")
    page.locator("a.gallery-link").first.tap()
    counter = page.locator(".lightbox-counter")
    expect(counter).to_have_text("Ảnh 1 / 2")
    page.evaluate("""() => {
        const area = document.querySelector('.lightbox-figure');
        const touch = (x) => new Touch({identifier: 1, target: area, clientX: x, clientY: 300});
        area.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(300)], bubbles: true}));
        area.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(120)], bubbles: true}));
    }""")
    expect(counter).to_have_text("Ảnh 2 / 2")
    page.locator(".lightbox-close").tap()
    expect(page.locator("dialog.lightbox")).to_be_hidden()


@pytest.mark.viewports("desktop")
def test_without_javascript_each_photo_is_a_link_to_its_page(browser, live_server, make_album):
    album = make_album("khong-js", photos=2, published=True)
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    try:
        tab = context.new_page()
        tab.goto("/gallery/khong-js/")
        tab.locator("a.gallery-link").first.click()
        assert tab.url.endswith(f"/gallery/khong-js/{album.photos[0].id}")
        expect(tab.locator(".gallery-photo figcaption")).to_contain_text("Chú thích 0")
    finally:
        context.close()


@pytest.mark.viewports("desktop")
def test_uploading_shows_progress_and_errors_per_file(page, users, make_album, tmp_path, wait_for_renditions):
    album = make_album("tai-len")
    files = {"mot.jpg": image_bytes((1600, 1200)), "hai.svg": SVG_FILE, "ba.png": image_bytes((900, 700), fmt="PNG")}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    page.goto("/login")
    page.get_by_label("Tên đăng nhập").fill("editor")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Mật khẩu").press("Enter")
    page.goto(f"/admin/gallery/{album.id}/")
    page.get_by_label("Tác giả ảnh (áp dụng cho các ảnh tải lên)").fill("Thúy Hằng")
    page.locator('input[type="file"]').set_input_files([str(tmp_path / name) for name in files])

    expect(page.locator("[data-upload-summary-text]")).to_have_text("Xong: 2 / 3 ảnh đã tải lên.")
    items = page.locator(".upload-item")
    expect(items).to_have_count(3)
    expect(items.filter(has_text="hai.svg")).to_contain_text("không phải là ảnh JPEG, PNG, WebP hoặc GIF")
    expect(items.filter(has_text="mot.jpg").locator("progress")).to_have_attribute("value", "100")
    expect(items.filter(has_text="ba.png")).to_have_class("upload-item upload-ok")

    wait_for_renditions()
    page.get_by_role("link", name="Cập nhật danh sách ảnh").click()
    expect(page.locator(".gallery-admin-photo img")).to_have_count(2)
    expect(page.locator('input[value="Thúy Hằng"]')).to_have_count(2)
