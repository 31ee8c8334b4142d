"""Category management: a tree, no cycles, no deleting what is in use."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.plugin import db

from .. import services
from ..models import Category, category_entry
from .helpers import titles

pytestmark = pytest.mark.plugins("news")


def categories() -> dict[str, object]:
    db.session.expire_all()
    return {c.slug: c for c in db.session.scalars(select(Category))}


def test_authors_cannot_manage_categories(client, login):
    login("author")
    assert client.get("/admin/news/categories").status_code == 403
    assert client.post("/admin/news/categories", data={"name": "Mới", "parent_id": "0"}).status_code == 403


def test_editor_adds_a_subcategory(client, login, make_category):
    parent = make_category("Cải cách hành chính")
    login("editor")
    response = client.post("/admin/news/categories", data={
        "name": "Phổ biến giáo dục pháp luật", "slug": "", "parent_id": str(parent.id), "description": "",
        "position": "2"})
    assert response.status_code == 302
    child = categories()["pho-bien-giao-duc-phap-luat"]
    assert child.parent_id == parent.id and child.position == 2
    page = client.get("/admin/news/categories").get_data(as_text=True)
    page = page[page.index("<table"):]
    assert page.index("Cải cách hành chính") < page.index("Phổ biến giáo dục pháp luật")


@pytest.mark.parametrize("data, message", [
    ({"name": ""}, "Vui lòng nhập tên danh mục."),
    ({"name": "Mới", "slug": "tin"}, "Đường dẫn này đã được danh mục khác dùng."),
    ({"name": "Mới", "parent_id": "99999"}, "Danh mục cha không hợp lệ."),
    ({"name": "Mới", "position": "nhất"}, "Vui lòng nhập một số nguyên."),
])
def test_bad_category_input(client, login, make_category, data, message):
    make_category("Tin", slug="tin")
    login("editor")
    form = {"name": "", "slug": "", "parent_id": "0", "description": "", "position": "0", **data}
    response = client.post("/admin/news/categories", data=form)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert set(categories()) == {"tin"}


def test_a_category_cannot_move_under_its_own_descendant(client, login, make_category):
    top = make_category("Gốc")
    below = make_category("Con", parent=top)
    login("editor")
    page = client.get(f"/admin/news/categories/{top.id}").get_data(as_text=True)
    assert f'<option value="{below.id}"' not in page
    response = client.post(f"/admin/news/categories/{top.id}", data={
        "name": "Gốc", "slug": "goc", "parent_id": str(below.id), "description": "", "position": "0"})
    assert "Danh mục cha không hợp lệ." in response.get_data(as_text=True)
    assert categories()["goc"].parent_id is None


def test_deleting_a_category_with_articles_is_refused(client, login, make_category, make_article):
    category = make_category("Văn hóa")
    make_article("Lễ hội", [category])
    login("editor")
    response = client.post(f"/admin/news/categories/{category.id}/delete", follow_redirects=True)
    assert "Không thể xoá danh mục “Văn hóa” vì còn 1 bài viết." in response.get_data(as_text=True)
    assert "van-hoa" in categories()


def test_deleting_a_category_with_subcategories_is_refused(client, login, make_category):
    top = make_category("Gốc")
    make_category("Con", parent=top)
    login("editor")
    response = client.post(f"/admin/news/categories/{top.id}/delete", follow_redirects=True)
    assert "vì còn danh mục con" in response.get_data(as_text=True)
    assert "goc" in categories()


def test_deleting_an_empty_category(client, login, make_category):
    category = make_category("Trống")
    login("editor")
    response = client.post(f"/admin/news/categories/{category.id}/delete", follow_redirects=True)
    assert "Đã xoá danh mục “Trống”." in response.get_data(as_text=True)
    assert categories() == {}


def listed(client, slug: str) -> list[str]:
    return titles(client.get(f"/news/danh-muc/{slug}").get_data(as_text=True))


def test_moving_a_category_refiles_its_articles(client, login, make_category, make_article):
    old_parent = make_category("Kinh tế")
    new_parent = make_category("Xã hội")
    moving = make_category("Giảm nghèo", parent=old_parent)
    make_article("Vay vốn ưu đãi", [moving])
    assert listed(client, "kinh-te") == ["Vay vốn ưu đãi"] and listed(client, "xa-hoi") == []
    login("editor")
    client.post(f"/admin/news/categories/{moving.id}", data={
        "name": "Giảm nghèo", "slug": "giam-ngheo", "parent_id": str(new_parent.id), "description": "",
        "position": "0"})
    assert listed(client, "kinh-te") == [] and listed(client, "xa-hoi") == ["Vay vốn ưu đãi"]


def test_category_pages_follow_article_changes(client, make_category, make_article):
    first, second = make_category("Một"), make_category("Hai")
    article = make_article("Bài", [first])
    article.categories = [second]
    db.session.commit()
    assert listed(client, "mot") == [] and listed(client, "hai") == ["Bài"]
    services.unpublish(article)
    db.session.commit()
    assert listed(client, "hai") == []
    services.publish(article)
    article.featured = True
    db.session.commit()
    assert listed(client, "hai") == ["Bài"]
    db.session.delete(article)
    db.session.commit()
    assert listed(client, "hai") == []


def test_reindex_command_rebuilds_listings_written_behind_its_back(client, runner, make_category, make_article):
    make_article("Nhập thẳng", [make_category("Tin")])
    db.session.execute(category_entry.delete())
    db.session.commit()
    assert listed(client, "tin") == []
    result = runner.invoke(args=["cms", "news", "reindex"])
    assert result.exit_code == 0, result.output
    assert listed(client, "tin") == ["Nhập thẳng"]


def test_tag_pages_follow_article_changes(client, make_category, make_article):
    def tagged() -> list[str]:
        return titles(client.get("/news/the/sipas").get_data(as_text=True))

    category = make_category("Tin")
    first = make_article("Đã gắn thẻ", [category], tags=["SIPAS"], ago=2)
    second = make_article("Gắn thẻ sau", [category], ago=1)
    assert tagged() == ["Đã gắn thẻ"]
    second.tags = services.resolve_tags(["sipas"])
    db.session.commit()
    assert tagged() == ["Gắn thẻ sau", "Đã gắn thẻ"]
    first.featured = True
    services.unpublish(second)
    db.session.commit()
    assert tagged() == ["Đã gắn thẻ"]
