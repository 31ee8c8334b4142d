"""Editing the page tree through the admin, as editors and authors do."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import AuditEntry, Page, PageRevision
from core_factories import form_data, make_page


def page_named(title: str) -> Page | None:
    return db.session.scalar(select(Page).where(Page.title == title))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def errors_in(response) -> str:
    return response.get_data(as_text=True)


# -- creating and editing ----------------------------------------------------------

def test_editor_creates_a_published_page_with_a_vietnamese_slug(client, login):
    login("editor")
    response = client.post("/admin/pages/new", data=form_data(title="Cải cách hành chính",
                                                               body="<h2>Mục tiêu</h2><p>Đơn giản hóa thủ tục</p>"))
    assert response.status_code == 302
    page = page_named("Cải cách hành chính")
    assert page.slug == "cai-cach-hanh-chinh" and page.path == "cai-cach-hanh-chinh"
    assert page.status == "published" and page.publish_at is not None
    public = client.get("/cai-cach-hanh-chinh")
    assert public.status_code == 200 and "Đơn giản hóa thủ tục" in public.get_data(as_text=True)
    assert count(PageRevision) == 1
    assert db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "page.created"


def test_the_body_is_sanitized_on_save(client, login):
    login("editor")
    client.post("/admin/pages/new", data=form_data(title="Thông báo", body='<p onclick="x()">Xin chào</p><script>alert(1)</script>'))
    assert page_named("Thông báo").body == "<p>Xin chào</p>"
    assert "alert(1)" not in client.get("/thong-bao").get_data(as_text=True)


def test_editing_keeps_a_revision_per_save_and_can_restore_one(client, login, users):
    login("editor")
    page = make_page(users["editor"], "Liên hệ", body="<p>Số cũ</p>")
    assert client.post(f"/admin/pages/{page.id}/edit", data=form_data(page, body="<p>Số mới</p>")).status_code == 302
    revisions = db.session.scalars(select(PageRevision).where(PageRevision.page_id == page.id)
                                   .order_by(PageRevision.id)).all()
    assert [r.body for r in revisions] == ["<p>Số cũ</p>", "<p>Số mới</p>"]
    listing = client.get(f"/admin/pages/{page.id}/revisions/")
    assert listing.status_code == 200 and "Khôi phục" in listing.get_data(as_text=True)
    diff = client.get(f"/admin/pages/{page.id}/revisions/{revisions[0].id}")
    assert "Số cũ" in diff.get_data(as_text=True)
    restore = client.post(f"/admin/pages/{page.id}/revisions/{revisions[0].id}/restore")
    assert restore.status_code == 302
    db.session.refresh(page)
    assert page.body == "<p>Số cũ</p>"
    assert count(PageRevision) == 3, "restoring is itself a revision"
    assert "Số cũ" in client.get("/lien-he").get_data(as_text=True)


def test_a_revision_of_another_page_cannot_be_restored(client, login, users):
    login("editor")
    one, two = make_page(users["editor"], "Một"), make_page(users["editor"], "Hai")
    other = db.session.scalar(select(PageRevision.id).where(PageRevision.page_id == two.id))
    assert client.post(f"/admin/pages/{one.id}/revisions/{other}/restore").status_code == 404


def test_changing_a_slug_moves_the_whole_branch(client, login, users):
    login("editor")
    about = make_page(users["editor"], "Giới thiệu")
    history = make_page(users["editor"], "Lịch sử", parent=about)
    make_page(users["editor"], "Thời kỳ đầu", parent=history)
    client.post(f"/admin/pages/{about.id}/edit", data=form_data(about, slug="ve-phuong"))
    paths = set(db.session.scalars(select(Page.path)))
    assert paths == {"ve-phuong", "ve-phuong/lich-su", "ve-phuong/lich-su/thoi-ky-dau"}
    assert client.get("/ve-phuong/lich-su/thoi-ky-dau").status_code == 200
    assert client.get("/gioi-thieu/lich-su").status_code == 404


def test_moving_a_page_under_another_parent_updates_paths(client, login, users):
    login("editor")
    about, contact = make_page(users["editor"], "Giới thiệu"), make_page(users["editor"], "Liên hệ")
    history = make_page(users["editor"], "Lịch sử", parent=about)
    make_page(users["editor"], "Tư liệu", parent=history)
    client.post(f"/admin/pages/{history.id}/edit", data=form_data(history, parent_id=str(contact.id)))
    assert set(db.session.scalars(select(Page.path).where(Page.path.like("lien-he/%")))) == {
        "lien-he/lich-su", "lien-he/lich-su/tu-lieu"}


def test_scheduling_takes_a_local_time(client, login, app):
    login("editor")
    response = client.post("/admin/pages/new", data=form_data(title="Lịch tiếp dân", status="scheduled",
                                                               publish_at="2030-01-15T08:30"))
    assert response.status_code == 302
    # 08:30 in Hồ Chí Minh City (UTC+7) is 01:30 UTC.
    assert page_named("Lịch tiếp dân").publish_at.isoformat() == "2030-01-15T01:30:00"
    client.post("/admin/pages/new", data=form_data(title="Gõ tay", status="scheduled", publish_at="15/01/2030 08:30"))
    assert page_named("Gõ tay").publish_at.isoformat() == "2030-01-15T01:30:00"


def test_there_is_one_home_page(client, login, users):
    login("editor")
    first = make_page(users["editor"], "Trang chủ cũ", is_home=True)
    client.post("/admin/pages/new", data=form_data(title="Trang chủ mới", is_home="y"))
    assert db.session.scalars(select(Page.title).where(Page.is_home.is_(True))).all() == ["Trang chủ mới"]
    db.session.refresh(first)
    unset = client.post(f"/admin/pages/{page_named('Trang chủ mới').id}/edit",
                        data=form_data(page_named("Trang chủ mới"), is_home=None))
    assert unset.status_code == 400 and "cần một trang chủ" in errors_in(unset)


# -- refusing bad input ---------------------------------------------------------------

@pytest.mark.parametrize("changes, message", [
    ({"title": ""}, "Vui lòng nhập tiêu đề."),
    ({"title": "   "}, "Vui lòng nhập tiêu đề."),
    ({"title": "Dài " * 60}, "Tiêu đề dài tối đa 200 ký tự."),
    ({"status": "scheduled", "publish_at": "ngày mai"}, "Thời điểm không hợp lệ"),
    ({"status": "scheduled", "publish_at": "2030-02-30T08:00"}, "Thời điểm không hợp lệ"),
    ({"status": "scheduled", "publish_at": ""}, "Hãy nhập thời điểm xuất bản"),
    ({"status": "deleted"}, "Trạng thái không hợp lệ."),
    ({"slug": "admin"}, "đã được hệ thống dùng"),
    ({"slug": "!!!"}, "Đường dẫn chỉ gồm chữ cái"),
    ({"parent_id": "999999"}, "Trang cha không tồn tại."),
    ({"meta_description": "x" * 301}, "Mô tả dài tối đa 300 ký tự."),
])
def test_invalid_input_re_renders_with_a_message_and_saves_nothing(client, login, changes, message):
    login("editor")
    response = client.post("/admin/pages/new", data=form_data(**{"title": "Hợp lệ", **changes}))
    assert response.status_code == 400
    assert message in errors_in(response)
    assert count(Page) == 0 and count(PageRevision) == 0


def test_a_body_over_the_limit_is_refused(app, client, login):
    login("editor")
    limit = app.config["PAGE_BODY_MAX_BYTES"]
    response = client.post("/admin/pages/new", data=form_data(body="<p>" + "ư" * (limit // 2) + "</p>"))
    assert response.status_code == 400 and "Nội dung quá dài" in errors_in(response)
    assert count(Page) == 0


def test_a_duplicate_slug_among_siblings_is_refused(client, login, users):
    login("editor")
    about = make_page(users["editor"], "Giới thiệu")
    make_page(users["editor"], "Lịch sử", parent=about)
    response = client.post("/admin/pages/new", data=form_data(title="Lịch sử khác", slug="lich-su", parent_id=str(about.id)))
    assert response.status_code == 400 and "Đã có một trang cùng cấp" in errors_in(response)
    # The same slug elsewhere in the tree is fine, and a title alone gets a free slug.
    assert client.post("/admin/pages/new", data=form_data(title="Lịch sử", slug="lich-su")).status_code == 302
    assert client.post("/admin/pages/new", data=form_data(title="Lịch sử", parent_id=str(about.id))).status_code == 302
    assert page_named("Lịch sử") is not None
    assert "gioi-thieu/lich-su-2" in set(db.session.scalars(select(Page.path)))


def test_a_page_cannot_become_its_own_ancestor(client, login, users):
    login("editor")
    about = make_page(users["editor"], "Giới thiệu")
    history = make_page(users["editor"], "Lịch sử", parent=about)
    grandchild = make_page(users["editor"], "Tư liệu", parent=history)
    for parent in (about, grandchild):
        response = client.post(f"/admin/pages/{about.id}/edit", data=form_data(about, parent_id=str(parent.id)))
        assert response.status_code == 400
        assert "bên trong chính nó" in errors_in(response)
    db.session.refresh(about)
    assert about.parent_id is None and about.path == "gioi-thieu"


def test_a_failed_edit_changes_nothing(client, login, users):
    login("editor")
    page = make_page(users["editor"], "Liên hệ", body="<p>Cũ</p>")
    client.post(f"/admin/pages/{page.id}/edit", data=form_data(page, title="", body="<p>Mới</p>"))
    db.session.expire_all()
    assert db.session.get(Page, page.id).body == "<p>Cũ</p>"
    assert count(PageRevision) == 1


# -- the tree: order and deletion ----------------------------------------------------------

def menu_titles() -> list[str]:
    from cms.pages.queries import menu_tree

    db.session.expire_all()
    return [node.title for node in menu_tree()]


def test_reordering_moves_a_page_among_its_siblings(client, login, users):
    login("editor")
    one, two, three = (make_page(users["editor"], t) for t in ("Một", "Hai", "Ba"))
    assert menu_titles() == ["Một", "Hai", "Ba"]
    client.post(f"/admin/pages/{three.id}/move/up")
    assert menu_titles() == ["Một", "Ba", "Hai"]
    client.post(f"/admin/pages/{one.id}/move/down")
    assert menu_titles() == ["Ba", "Một", "Hai"]
    first = client.post(f"/admin/pages/{three.id}/move/up", follow_redirects=True)
    assert "đã ở vị trí đầu hoặc cuối" in first.get_data(as_text=True)


def test_delete_asks_for_confirmation_then_deletes(client, login, users):
    login("editor")
    page = make_page(users["editor"], "Tạm thời")
    confirm = client.get(f"/admin/pages/{page.id}/delete")
    assert confirm.status_code == 200 and "Xóa vĩnh viễn" in confirm.get_data(as_text=True)
    assert count(Page) == 1
    assert client.post(f"/admin/pages/{page.id}/delete").status_code == 302
    assert count(Page) == 0 and count(PageRevision) == 0
    assert client.get("/tam-thoi").status_code == 404


def test_a_page_with_children_or_the_home_page_is_not_deleted(client, login, users):
    login("editor")
    about = make_page(users["editor"], "Giới thiệu")
    make_page(users["editor"], "Lịch sử", parent=about)
    home = make_page(users["editor"], "Trang chủ", is_home=True)
    assert "còn trang con" in client.get(f"/admin/pages/{about.id}/delete").get_data(as_text=True)
    refused = client.post(f"/admin/pages/{about.id}/delete", follow_redirects=True)
    assert "còn trang con" in refused.get_data(as_text=True)
    client.post(f"/admin/pages/{home.id}/delete")
    assert count(Page) == 3


# -- roles ----------------------------------------------------------------------------------

def test_authors_write_drafts_but_cannot_publish(client, login, users):
    login("author")
    form = client.get("/admin/pages/new").get_data(as_text=True)
    assert 'value="published"' not in form and "is_home" not in form
    refused = client.post("/admin/pages/new", data=form_data(title="Bài của tác giả", status="published"))
    assert refused.status_code == 400 and "Chỉ biên tập viên" in errors_in(refused)
    assert client.post("/admin/pages/new", data=form_data(title="Bài của tác giả", status="draft")).status_code == 302
    page = page_named("Bài của tác giả")
    assert page.status == "draft" and page.author_id == users["author"].id
    assert client.post(f"/admin/pages/{page.id}/edit", data=form_data(page, body="<p>Sửa</p>")).status_code == 302


def test_authors_edit_only_their_own_drafts(client, login, users):
    editors_page = make_page(users["editor"], "Của biên tập viên", status="draft")
    own = make_page(users["author"], "Của tác giả", status="draft")
    login("author")
    assert client.get(f"/admin/pages/{editors_page.id}/edit").status_code == 403
    assert client.post(f"/admin/pages/{editors_page.id}/delete").status_code == 403
    assert client.get(f"/admin/pages/{own.id}/edit").status_code == 200
    own.status = "published"
    db.session.commit()
    assert client.get(f"/admin/pages/{own.id}/edit").status_code == 403, "published pages belong to editors"


def test_authors_cannot_reorder(client, login, users):
    page = make_page(users["editor"], "Một")
    login("author")
    assert client.post(f"/admin/pages/{page.id}/move/down").status_code == 403


# -- events -------------------------------------------------------------------------------

def test_changes_are_announced_to_plugins_after_commit(app, client, login, users, monkeypatch):
    host = app.extensions["cms_plugins"]
    seen = []
    original = host.call

    def spy(name, **kwargs):
        if name == "content_changed":
            committed = db.session.scalar(select(func.count()).select_from(Page))
            seen.append((kwargs["kind"], kwargs["action"], kwargs["obj"].title, committed))
        return original(name, **kwargs)

    monkeypatch.setattr(host, "call", spy)
    login("editor")
    client.post("/admin/pages/new", data=form_data(title="Nháp", status="draft"))
    page = page_named("Nháp")
    client.post(f"/admin/pages/{page.id}/edit", data=form_data(page, status="published"))
    client.post(f"/admin/pages/{page.id}/edit", data=form_data(page_named("Nháp"), body="<p>Sửa</p>"))
    client.post(f"/admin/pages/{page.id}/delete")
    assert seen == [("page", "created", "Nháp", 1), ("page", "published", "Nháp", 1),
                    ("page", "updated", "Nháp", 1), ("page", "deleted", "Nháp", 0)]


def test_the_page_tree_lists_every_page_with_its_actions(client, login, users):
    about = make_page(users["editor"], "Giới thiệu")
    make_page(users["editor"], "Lịch sử", parent=about, status="draft")
    login("editor")
    html = client.get("/admin/pages/").get_data(as_text=True)
    assert "Giới thiệu" in html and "Lịch sử" in html and "Bản nháp" in html
    assert "depth-1" in html and "Thêm trang con" in html


def test_the_page_tree_costs_the_same_queries_for_many_pages(client, login, users, count_queries):
    login("editor")
    make_page(users["editor"], "Một")
    client.get("/admin/pages/")
    with count_queries() as few:
        client.get("/admin/pages/")
    for index in range(15):
        make_page(users[("editor", "author", "admin")[index % 3]], f"Trang {index}", status="draft")
    client.get("/admin/pages/")
    with count_queries() as many:
        client.get("/admin/pages/")
    assert len(many) == len(few)
