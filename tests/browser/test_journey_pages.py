"""An admin writes a page in the WYSIWYG editor — a heading, a list, a link
and an uploaded image — and publishes it; a citizen finds it in the menu and
reads it."""
from __future__ import annotations

import pytest

from cms.testing.steps import make_photo, open_menu

pytestmark = pytest.mark.browser

TITLE = "Lịch tiêm chủng mở rộng tháng 12"
HEADING = "Thời gian và địa điểm"
ITEMS = ["Sổ tiêm chủng của trẻ", "Căn cước công dân của cha hoặc mẹ"]
LINK_TEXT = "Cổng Dịch vụ công quốc gia"
LINK_URL = "https://dichvucong.gov.vn/"
ALT = "Trạm y tế phường nhìn từ cổng chính"


def write_page(tab, image_path) -> None:
    tab.goto("/admin/pages/new")
    tab.get_by_label("Tiêu đề", exact=True).fill(TITLE)
    editor = tab.locator(".ql-editor")
    editor.click()
    tab.keyboard.type(HEADING)
    tab.locator(".ql-toolbar .ql-header .ql-picker-label").click()
    tab.locator('.ql-toolbar .ql-header .ql-picker-item[data-value="2"]').click()
    tab.keyboard.press("End")
    tab.keyboard.press("Enter")
    tab.keyboard.type("Trẻ từ 2 tháng tuổi đến trạm y tế phường, mang theo:")
    tab.keyboard.press("Enter")
    tab.get_by_role("button", name="Danh sách chấm").click()
    tab.keyboard.type(ITEMS[0])
    tab.keyboard.press("Enter")
    tab.keyboard.type(ITEMS[1])
    tab.keyboard.press("Enter")
    tab.keyboard.press("Enter")  # an empty item ends the list
    tab.keyboard.type(LINK_TEXT)
    tab.keyboard.press("Shift+Home")
    tab.get_by_role("button", name="Liên kết").click()
    link_input = tab.locator(".ql-tooltip.ql-editing input[type=text]")
    link_input.fill(LINK_URL)
    link_input.press("Enter")
    tab.keyboard.press("End")
    tab.keyboard.press("Enter")
    with tab.expect_file_chooser() as chooser:
        tab.get_by_role("button", name="Chèn ảnh").click()
    chooser.value.set_files(str(image_path))
    editor.locator("img").wait_for()
    alt = tab.locator(".rich-editor-alt")
    alt.fill(ALT)
    alt.press("Enter")
    tab.get_by_label("Trạng thái").select_option(label="Đã xuất bản")
    tab.get_by_role("button", name="Lưu trang").click()
    tab.wait_for_load_state()
    assert tab.locator(".flash, [role=status], .flashes").filter(has_text=TITLE).count() > 0, "no confirmation shown"


def read_page(tab) -> None:
    tab.goto("/")
    open_menu(tab)
    tab.locator("nav").get_by_role("link", name=TITLE).click()
    tab.wait_for_load_state()
    main = tab.locator("main")
    assert main.get_by_role("heading", level=1).inner_text().strip() == TITLE
    assert main.get_by_role("heading", level=2, name=HEADING).is_visible()
    for item in ITEMS:
        assert main.locator("ul > li", has_text=item).count() == 1, f"the list lost {item!r}"
    link = main.get_by_role("link", name=LINK_TEXT)
    assert link.get_attribute("href") == LINK_URL
    image = main.get_by_role("img", name=ALT)
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the image does not load"


def test_admin_publishes_a_page_that_a_citizen_finds_in_the_menu(open_page, users, sign_in, tmp_path):
    image = make_photo(tmp_path / "tram-y-te.png", "PNG")
    admin = open_page()
    sign_in(admin, "admin")
    write_page(admin, image)
    citizen = open_page()
    read_page(citizen)
