"""The gallery's admin: who may use it, albums and their publishing rules,
the photo table, and deleting without leaving a file behind."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cms.plugin import db
from cms.testing import audit_count

from ..models import Album, Photo
from .gallery_files import image_bytes, stored_files, upload


pytestmark = pytest.mark.plugins("gallery")


def test_anonymous_visitors_are_sent_to_the_login_page(client, make_album):
    album = make_album()
    for url in ("/admin/gallery/", f"/admin/gallery/{album.id}/", "/admin/gallery/new"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url
    response = upload(client, album.id, [(image_bytes(), "a.jpg")], json=False)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_authors_are_refused_everything(client, login, make_album):
    album = make_album()
    login("author")
    for method, url in (("get", "/admin/gallery/"), ("get", f"/admin/gallery/{album.id}/"),
                        ("post", f"/admin/gallery/{album.id}/delete"), ("post", f"/admin/gallery/{album.id}/photos")):
        assert getattr(client, method)(url).status_code == 403, url
    assert upload(client, album.id, [(image_bytes(), "a.jpg")]).status_code == 403
    assert db.session.get(Album, album.id) is not None


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_manage_albums(role, client, login, make_album):
    make_album("da-co")
    login(role)
    page = client.get("/admin/gallery/")
    assert page.status_code == 200 and "Da Co" in page.get_data(as_text=True)
    admin_home = client.get("/admin/").get_data(as_text=True)
    assert "/admin/gallery/" in admin_home  # the sidebar entry


def test_creating_an_album_makes_a_vietnamese_slug(client, login):
    login("editor")
    response = client.post("/admin/gallery/new", data={
        "title": "Lễ hội Đua ghe ngo 2023", "description": "Mô tả", "event_date": "2023-11-06", "position": "3"})
    assert response.status_code == 302
    album = db.session.scalar(select(Album))
    assert album.slug == "le-hoi-dua-ghe-ngo-2023"
    assert album.event_date.isoformat() == "2023-11-06" and album.position == 3 and not album.published
    assert response.headers["Location"].endswith(f"/admin/gallery/{album.id}/")
    again = client.post("/admin/gallery/new", data={"title": "Lễ hội Đua ghe ngo 2023"})
    assert again.status_code == 302
    assert db.session.scalars(select(Album.slug).order_by(Album.id)).all() == [
        "le-hoi-dua-ghe-ngo-2023", "le-hoi-dua-ghe-ngo-2023-2"]
    assert audit_count("gallery.album.created") == 2


@pytest.mark.parametrize("data,message", [
    ({"title": ""}, "Vui lòng nhập tên album."),
    ({"title": "A", "event_date": "06/11/2023"}, "Ngày không hợp lệ"),
    ({"title": "A", "slug": "Có Dấu"}, "Chỉ dùng chữ thường không dấu"),
    ({"title": "A", "position": "đầu"}, "Vui lòng nhập một số nguyên."),
    ({"title": "A", "published": "y"}, "album cần ít nhất một ảnh đã xuất bản"),
    ({"title": "A" * 201}, "tối đa 200 ký tự"),
])
def test_bad_album_input_saves_nothing(data, message, client, login):
    login("editor")
    response = client.post("/admin/gallery/new", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Album.id))) == 0


def test_a_slug_in_use_is_refused(client, login, make_album):
    make_album("tet")
    other = make_album("trung-thu")
    login("editor")
    response = client.post(f"/admin/gallery/{other.id}/edit", data={"title": "Trung thu", "slug": "tet"})
    assert response.status_code == 400
    assert "đã được dùng" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Album, other.id).slug == "trung-thu"


def test_photos_need_alt_text_before_they_and_their_album_are_published(client, login, make_album, wait_for_renditions):
    album = make_album("su-kien")
    login("editor")
    photo_id = upload(client, album.id, [(image_bytes(), "a.jpg")]).get_json()["id"]
    wait_for_renditions()
    row = {"photos-0-id": str(photo_id), "photos-0-caption": "Khai mạc", "photos-0-alt": "", "photos-0-position": "1",
           "photos-0-published": "y"}
    refused = client.post(f"/admin/gallery/{album.id}/photos", data=row)
    assert refused.status_code == 400
    assert "Cần nhập mô tả thay thế (alt)" in refused.get_data(as_text=True)
    assert not db.session.get(Photo, photo_id).published
    publish_album = {"title": album.title, "slug": album.slug, "published": "y"}
    assert client.post(f"/admin/gallery/{album.id}/edit", data=publish_album).status_code == 400

    row["photos-0-alt"] = "Lãnh đạo thị xã cắt băng khai mạc"
    assert client.post(f"/admin/gallery/{album.id}/photos", data=row).status_code == 302
    db.session.expire_all()
    photo = db.session.get(Photo, photo_id)
    assert photo.published and photo.caption == "Khai mạc"
    assert client.post(f"/admin/gallery/{album.id}/edit", data=publish_album).status_code == 302
    db.session.expire_all()
    album = db.session.get(Album, album.id)
    assert album.published and album.published_at is not None and album.cover_id == photo_id


def test_the_photo_table_ignores_photos_of_other_albums(client, login, make_album):
    mine, theirs = make_album("cua-toi", photos=1), make_album("khac", photos=1)
    foreign = theirs.photos[0].id
    login("editor")
    response = client.post(f"/admin/gallery/{mine.id}/photos", data={
        "photos-0-id": str(foreign), "photos-0-alt": "đổi", "photos-0-delete": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Photo, foreign).alt == "Mô tả ảnh 0"


def test_deleting_photos_and_albums_leaves_no_orphan_files(app, client, login, make_album):
    from ..services import orphan_keys

    album = make_album("xoa", photos=3, published=True)
    keep = make_album("giu", photos=1, published=True)
    photos = db.session.scalars(select(Photo).where(Photo.album_id == album.id).order_by(Photo.id)).all()
    per_photo = len(photos[0].file_keys())
    assert per_photo == 5  # the original; thumbnail and full width (small originals share one file) × 2 formats
    assert len(stored_files(app)) == 4 * per_photo
    cover = album.cover_id
    login("editor")
    rows = {}
    for number, photo in enumerate(photos):
        rows.update({f"photos-{number}-id": str(photo.id), f"photos-{number}-alt": photo.alt,
                     f"photos-{number}-published": "y", f"photos-{number}-position": str(number)})
    rows["photos-0-delete"] = "y"
    assert client.post(f"/admin/gallery/{album.id}/photos", data=rows).status_code == 302
    assert len(stored_files(app)) == 3 * per_photo and orphan_keys() == []
    db.session.expire_all()
    assert db.session.get(Album, album.id).cover_id != cover  # the cover moved to a remaining photo

    confirm = client.get(f"/admin/gallery/{album.id}/delete")
    assert "2 ảnh" in confirm.get_data(as_text=True)
    assert client.post(f"/admin/gallery/{album.id}/delete").status_code == 302
    assert sorted(stored_files(app)) == sorted(keep.photos[0].file_keys()) and orphan_keys() == []
    assert db.session.scalar(select(func.count(Photo.id))) == 1
    assert client.get("/gallery/xoa/").status_code == 404


def test_stale_pending_photos_are_queued_again(app, client, login, make_album, wait_for_renditions):
    from datetime import timedelta

    from cms.plugin import utcnow
    from .. import services

    album = make_album()
    photo = services.add_photo(album, "mat.jpg", image_bytes())  # its job was never queued: a lost worker
    photo.updated_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    login("editor")
    client.get(f"/admin/gallery/{album.id}/")
    wait_for_renditions()
    assert db.session.get(Photo, photo.id).status == "ready"
