"""The editorial admin: writing, permissions, bad input, bulk actions."""
from __future__ import annotations

import io
import re

import pytest
from flask import g
from sqlalchemy import select

from cms.plugin import db
from cms.testing import PASSWORD

from .. import services
from ..models import Article
from .helpers import article_count, article_form

pytestmark = pytest.mark.plugins("news")


def only_article():
    db.session.expire_all()
    return db.session.scalars(select(Article)).one()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/admin/news/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_editor_publishes_an_article(client, login, make_category):
    category = make_category("Tin tức - Sự kiện")
    login("editor")
    response = client.post("/admin/news/new", data=article_form(category))
    assert response.status_code == 302
    article = only_article()
    assert article.slug == "khai-mac-hoi-cho-nong-san"
    assert article.status == "published" and article.is_visible()
    assert "<script>" not in article.body and "<strong>bài viết</strong>" in article.body
    assert sorted(t.slug for t in article.tags) == ["hoi-cho", "ocop"]
    assert [c.name for c in article.categories] == ["Tin tức - Sự kiện"]
    assert article.author.username == "editor"
    assert client.get("/news/khai-mac-hoi-cho-nong-san").status_code == 200


def test_author_writes_drafts_only(client, login, make_category):
    category = make_category("Tin")
    login("author")
    page = client.get("/admin/news/new").get_data(as_text=True)
    assert 'name="status"' not in page and 'name="featured"' not in page
    client.post("/admin/news/new", data=article_form(category, status="published", featured="y"))
    article = only_article()
    assert article.status == "draft" and not article.featured and not article.is_visible()


def test_author_edits_own_drafts_but_nothing_else(client, login, users, make_category, make_article):
    category = make_category("Tin")
    own_draft = make_article("Nháp của tôi", [category], status="draft", author=users["author"])
    own_published = make_article("Bài của tôi đã đăng", [category], author=users["author"])
    others = make_article("Nháp người khác", [category], status="draft", author=users["editor"])
    login("author")
    assert client.get(f"/admin/news/{own_draft.id}").status_code == 200
    assert client.get(f"/admin/news/{own_published.id}").status_code == 403
    assert client.get(f"/admin/news/{others.id}").status_code == 403
    assert client.post(f"/admin/news/{others.id}", data=article_form(category, title="Đổi")).status_code == 403
    assert client.post(f"/admin/news/{others.id}/delete").status_code == 403
    assert client.post("/admin/news/bulk", data={"action": "publish", "ids": [str(own_draft.id)]}).status_code == 403
    listing = client.get("/admin/news/").get_data(as_text=True)
    assert "Nháp của tôi" in listing and "Nháp người khác" not in listing
    client.post(f"/admin/news/{own_draft.id}/delete")
    assert client.get(f"/admin/news/{own_draft.id}").status_code == 404


def test_editor_publishes_an_authors_draft(client, login, users, make_category, make_article, monkeypatch):
    events = []
    monkeypatch.setattr(services, "call_hook", lambda name, **kw: events.append((name, kw["kind"], kw["action"])))
    category = make_category("Tin")
    draft = make_article("Bài chờ duyệt", [category], status="draft", author=users["author"], ago=None)
    login("editor")
    client.post(f"/admin/news/{draft.id}", data=article_form(category, title="Bài chờ duyệt", status="published"))
    assert only_article().is_visible()
    assert events == [("content_changed", "news.article", "published")]


@pytest.mark.parametrize("field, value, message", [
    ("title", "   ", "Vui lòng nhập tiêu đề."),
    ("publish_at", "31/02/2024 10:00", "Ngày đăng không đúng định dạng"),
    ("publish_at", "ngày mai", "Ngày đăng không đúng định dạng"),
    ("categories", ["999999"], "Danh mục không tồn tại."),
    ("categories", ["abc"], "Danh mục không hợp lệ."),
    ("categories", [], "Chọn ít nhất một danh mục."),
    ("slug", "Có Dấu", "Chỉ dùng chữ thường không dấu"),
    ("status", "archived", "Trạng thái không hợp lệ."),
    ("status", "scheduled", "Hẹn giờ đăng cần có ngày đăng."),
    ("body", "<p>" + "x" * (1024 * 1024) + "</p>", "Nội dung quá dài: tối đa 1 MB."),
])
def test_bad_input_shows_errors_and_saves_nothing(client, login, make_category, field, value, message):
    category = make_category("Tin")
    login("editor")
    response = client.post("/admin/news/new", data=article_form(category, **{field: value}))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert article_count() == 0


def test_duplicate_slug_is_refused(client, login, make_category, make_article):
    category = make_category("Tin")
    make_article("Bài đã có", [category], slug="bai-da-co")
    login("editor")
    response = client.post("/admin/news/new", data=article_form(category, slug="bai-da-co"))
    assert "Đường dẫn này đã được bài khác dùng." in response.get_data(as_text=True)
    assert article_count() == 1


def test_same_title_gets_a_numbered_slug(client, login, make_category, make_article):
    category = make_category("Tin")
    make_article("Khai mạc hội chợ nông sản", [category])
    login("editor")
    client.post("/admin/news/new", data=article_form(category))
    assert client.get("/news/khai-mac-hoi-cho-nong-san-2").status_code == 200


def csrf_token(client, url: str) -> str:
    """The token of the form at ``url``. The test's app context outlives
    requests, so Flask-WTF's per-request cache in ``g`` is dropped first."""
    g.pop("csrf_token", None)
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


@pytest.mark.cms_config({"WTF_CSRF_ENABLED": True})
def test_a_long_body_gets_the_form_message_even_with_csrf(client, users, make_category):
    category = make_category("Tin")
    client.post("/login", data={"username": "editor", "password": PASSWORD, "csrf_token": csrf_token(client, "/login")})
    token = csrf_token(client, "/admin/news/new")
    body = "<p>" + "Việt Nam " * 130_000 + "</p>"
    cover = (io.BytesIO(b""), "")  # a browser posts this form as multipart
    response = client.post("/admin/news/new", data=article_form(category, body=body, csrf_token=token, cover=cover))
    assert response.status_code == 200
    assert "Nội dung quá dài: tối đa 1 MB." in response.get_data(as_text=True)
    missing = client.post("/admin/news/new", data=article_form(category))
    assert missing.status_code == 400
    assert article_count() == 0


def test_scheduled_publish_date_is_read_in_the_site_timezone(client, login, make_category):
    category = make_category("Tin")
    login("editor")
    client.post("/admin/news/new", data=article_form(category, status="published", publish_at="2099-01-02T08:30"))
    article = only_article()
    assert article.status == "scheduled"
    assert article.publish_at.isoformat() == "2099-01-02T01:30:00"  # 08:30 in Hồ Chí Minh is 01:30 UTC
    editor_page = client.get(f"/admin/news/{article.id}").get_data(as_text=True)
    assert 'value="2099-01-02T08:30"' in editor_page


def test_preview_renders_unsaved_changes_without_saving(client, login, make_category, make_article):
    category = make_category("Tin")
    article = make_article("Bản gốc", [category], body="<p>Cũ</p>")
    login("editor")
    response = client.post(f"/admin/news/{article.id}/preview",
                           data=article_form(category, title="Bản sửa", body="<p>Mới</p>"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bản xem trước" in html and "Bản sửa" in html and "<p>Mới</p>" in html
    assert only_article().title == "Bản gốc"
    new = client.post("/admin/news/preview", data=article_form(category, title="Chưa lưu"))
    assert "Chưa lưu" in new.get_data(as_text=True)
    assert article_count() == 1


def test_bulk_actions_ask_for_confirmation_first(client, login, make_category, make_article):
    category = make_category("Tin")
    first = make_article("Một", [category], status="draft", ago=None)
    second = make_article("Hai", [category], status="draft", ago=None)
    login("editor")
    ids = [str(first.id), str(second.id)]
    confirm = client.post("/admin/news/bulk", data={"action": "publish", "ids": ids})
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Xác nhận" in html and "Một" in html and "Hai" in html
    db.session.expire_all()
    assert first.status == "draft"
    client.post("/admin/news/bulk", data={"action": "publish", "ids": ids, "confirm": "yes"})
    db.session.expire_all()
    assert first.is_visible() and second.is_visible()
    client.post("/admin/news/bulk", data={"action": "unpublish", "ids": [str(first.id)], "confirm": "yes"})
    db.session.expire_all()
    assert first.status == "draft" and second.is_visible()
    client.post("/admin/news/bulk", data={"action": "delete", "ids": ids})
    assert article_count() == 2
    client.post("/admin/news/bulk", data={"action": "delete", "ids": ids, "confirm": "yes"})
    assert article_count() == 0


def test_bulk_without_a_choice_explains(client, login):
    login("editor")
    response = client.post("/admin/news/bulk", data={"action": "publish"}, follow_redirects=True)
    assert "Hãy chọn ít nhất một bài viết" in response.get_data(as_text=True)


def test_deleting_one_article_asks_first(client, login, make_category, make_article):
    article = make_article("Xoá tôi", [make_category("Tin")])
    login("editor")
    page = client.get(f"/admin/news/{article.id}/delete").get_data(as_text=True)
    assert "Xoá tôi" in page and "không khôi phục được" in page
    assert article_count() == 1
    client.post(f"/admin/news/{article.id}/delete")
    assert article_count() == 0


def test_admin_list_filters(client, login, users, make_category, make_article):
    parent = make_category("Kinh tế")
    child = make_category("Nông nghiệp", parent=parent)
    other = make_category("Văn hóa")
    make_article("Mô hình trồng sen ở Tân Châu", [child], author=users["author"])
    make_article("Lễ hội đua ghe", [other], status="draft", author=users["editor"])
    make_article("Lịch tiếp công dân", [parent], ago=-24, author=users["editor"])
    login("editor")

    def listed(query: str) -> set[str]:
        html = client.get(f"/admin/news/?{query}").get_data(as_text=True)
        return set(re.findall(r'<a href="/admin/news/\d+">([^<]+)</a>', html)) - {"Sửa"}

    assert listed("") == {"Mô hình trồng sen ở Tân Châu", "Lễ hội đua ghe", "Lịch tiếp công dân"}
    assert listed("status=draft") == {"Lễ hội đua ghe"}
    assert listed("status=scheduled") == {"Lịch tiếp công dân"}
    assert listed("status=published") == {"Mô hình trồng sen ở Tân Châu"}
    assert listed(f"category={parent.id}") == {"Mô hình trồng sen ở Tân Châu", "Lịch tiếp công dân"}
    assert listed(f"author={users['author'].id}") == {"Mô hình trồng sen ở Tân Châu"}
    assert listed("q=tan+chau") == {"Mô hình trồng sen ở Tân Châu"}
    assert listed("q=ĐUA GHE") == {"Lễ hội đua ghe"}
    assert client.get("/admin/news/?page=99").status_code == 404
