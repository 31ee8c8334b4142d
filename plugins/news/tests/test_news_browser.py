"""The news pages and editor in a real Chromium: no script or style blocked
by the Content-Security-Policy, the editor and its preview, bulk selection."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..models import Article

pytestmark = [pytest.mark.browser, pytest.mark.plugins("news")]


def test_reader_reads_an_article(page, make_category, make_article):
    category = make_category("Cải cách hành chính")
    make_article("Bài trước", [category], ago=5)
    make_article("Nâng cao chỉ số hài lòng", [category], ago=2, byline="Thúy Hằng",
                 body="<p>Thân bài.</p>", tags=["SIPAS"])
    page.goto("/news/")
    page.get_by_role("link", name="Nâng cao chỉ số hài lòng").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Nâng cao chỉ số hài lòng"
    meta = page.locator(".news-meta")
    assert "Thúy Hằng" in meta.inner_text()
    meta.get_by_title("Chữ lớn").click()
    assert "fs-large" in page.locator("html").get_attribute("class")
    assert page.locator(".news-share .share-copy").is_visible()
    page.get_by_role("link", name="In bài").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="In trang này").is_visible()
    assert "Thân bài." in page.locator("article").inner_text()


def test_editor_writes_previews_and_publishes(page, sign_in, users, make_category):
    make_category("Tin tức - Sự kiện")
    sign_in(page, "editor")
    page.goto("/admin/news/new")
    page.get_by_label("Tiêu đề", exact=True).fill("Ra quân làm sạch kênh")
    page.locator(".ql-editor").click()
    page.keyboard.type("Hơn 200 đoàn viên tham gia.")
    page.get_by_label("Tin tức - Sự kiện").check()
    page.get_by_label("Trạng thái").select_option(label="Đã đăng")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Xem trước").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "Bản xem trước" in preview.locator("main").inner_text()
    assert "Hơn 200 đoàn viên tham gia." in preview.locator(".news-body").inner_text()
    preview.close()
    assert db.session.scalar(select(Article.id)) is None, "the preview saved the article"
    page.get_by_role("button", name="Lưu bài").click()
    page.wait_for_load_state()
    db.session.expire_all()
    article = db.session.scalars(select(Article)).one()
    assert article.is_visible() and "Hơn 200 đoàn viên tham gia." in article.body


def test_editor_publishes_drafts_in_bulk(page, sign_in, users, make_category, make_article):
    category = make_category("Tin")
    drafts = [make_article(f"Nháp {n}", [category], status="draft", ago=None) for n in range(3)]
    sign_in(page, "editor")
    page.goto("/admin/news/")
    page.get_by_label("Chọn tất cả").check()
    page.get_by_label("Với các bài đã chọn:").select_option("publish")
    page.get_by_role("button", name="Thực hiện…").click()
    page.wait_for_load_state()
    assert page.locator(".news-confirm-list li").count() == 3
    page.get_by_role("button", name="Xác nhận đăng").click()
    page.wait_for_load_state()
    db.session.expire_all()
    assert all(article.is_visible() for article in drafts)
