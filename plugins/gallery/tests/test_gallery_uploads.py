"""Uploads are judged by decoding them: photos are accepted, everything else
is refused with a reason an editor understands, and a refused or failed
upload leaves no file behind."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from cms.plugin import db
from cms.testing import schema_drift

from .gallery_files import SVG_FILE as SVG
from .gallery_files import camera_exif, image_bytes, png_header_only, stored_files, upload


pytestmark = pytest.mark.plugins("gallery")

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def photo_count() -> int:
    from ..models import Photo

    return db.session.scalar(select(func.count(Photo.id)))


def gif_polyglot() -> bytes:
    """A real GIF with a script appended, the classic GIFAR-style polyglot."""
    return image_bytes((40, 40), fmt="GIF") + b"<script>alert(1)</script>"


def gif_header_then_html() -> bytes:
    return b"GIF89a\x10\x00\x10\x00\x80\x00\x00<html><body><script>alert(1)</script></body></html>"


def jpeg_with_html_comment() -> bytes:
    return image_bytes((64, 64), comment=b"<html><body onload=alert(1)>")


REFUSED = {
    "svg": (SVG, "anh.svg", "không phải là ảnh JPEG, PNG, WebP hoặc GIF"),
    "html": (HTML, "anh.jpg", "không phải là ảnh JPEG, PNG, WebP hoặc GIF"),
    "gif-polyglot": (gif_polyglot(), "anh.gif", "mã HTML hoặc script"),
    "gif-header-html": (gif_header_then_html(), "anh.gif", None),
    "jpeg-comment-html": (jpeg_with_html_comment(), "anh.jpg", "mã HTML hoặc script"),
    "truncated-jpeg": (image_bytes((900, 700), (10, 200, 90), quality=95)[:-4000], "cut.jpg", "bị hỏng hoặc không đầy đủ"),
    "bomb-over-pillow-limit": (png_header_only(30000, 30000), "bomb.png", "quá nhiều điểm ảnh"),
    "bomb-over-site-limit": (png_header_only(9000, 8000), "big.png", "quá nhiều điểm ảnh"),
    "empty": (b"", "empty.jpg", None),
    "text": (b"just some text pretending to be a photo", "notes.png", "không phải là ảnh"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_each_refused_kind_gets_a_reason_and_leaves_nothing(kind, app, client, login, make_album):
    content, name, reason = REFUSED[kind]
    album = make_album()
    login("editor")
    response = upload(client, album.id, [(content, name)])
    assert response.status_code in (400, 422)
    answer = response.get_json()
    assert answer["ok"] is False and answer["name"] == name
    if reason:
        assert reason in answer["error"]
    assert photo_count() == 0
    assert stored_files(app) == []


def test_over_the_size_limit_is_refused_with_413(app, client, login, make_album):
    from .. import plugin

    app.extensions["cms_plugins"].save_settings("gallery", {"max_upload_mb": 1})
    db.session.commit()
    assert plugin.setting("max_upload_mb") == 1
    album = make_album()
    login("editor")
    big = image_bytes((1200, 1200), fmt="PNG", compress_level=0)
    assert len(big) > 1024 * 1024
    response = upload(client, album.id, [(big, "lon.png")])
    assert response.status_code == 413
    assert "tối đa 1 MB" in response.get_json()["error"]
    assert photo_count() == 0 and stored_files(app) == []


@pytest.mark.parametrize("fmt,name", [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp"), ("GIF", "a.gif")])
def test_accepted_formats_whatever_the_name(fmt, name, app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    response = upload(client, album.id, [(image_bytes((500, 300), fmt=fmt), "khong-duoi-" + name[::-1])])
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["ok"] is True
    wait_for_renditions()
    from ..models import Photo

    photo = db.session.get(Photo, response.get_json()["id"])
    assert photo.status == "ready" and (photo.width, photo.height) == (500, 300)
    assert not photo.published  # no alt text yet


def test_plain_form_upload_reports_each_file_and_keeps_the_good_ones(app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    files = [(image_bytes((400, 300)), "mot.jpg"), (SVG, "hai.svg"), (image_bytes((300, 400), fmt="PNG"), "ba.png")]
    response = upload(client, album.id, files, json=False, credit="Thúy Hằng")
    assert response.status_code == 302
    page = client.get(f"/admin/gallery/{album.id}/").get_data(as_text=True)
    assert "Đã tải lên 2 ảnh" in page
    assert "hai.svg" in page and "không phải là ảnh JPEG, PNG, WebP hoặc GIF" in page
    wait_for_renditions()
    from ..models import Photo

    photos = db.session.scalars(select(Photo).order_by(Photo.id)).all()
    assert [p.original_name for p in photos] == ["mot.jpg", "ba.png"]
    assert {p.credit for p in photos} == {"Thúy Hằng"}


def test_the_same_photo_twice_in_one_album_is_refused(app, client, login, make_album):
    album = make_album()
    login("editor")
    data = image_bytes((320, 240))
    assert upload(client, album.id, [(data, "a.jpg")]).status_code == 201
    again = upload(client, album.id, [(data, "b.jpg")])
    assert again.status_code == 422
    assert "đã có trong album" in again.get_json()["error"]


def test_a_storage_failure_leaves_neither_row_nor_file(app, client, login, make_album, monkeypatch):
    from .. import services

    album = make_album()
    login("editor")

    def broken_audit(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "audit", broken_audit)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    response = upload(client, album.id, [(image_bytes(), "a.jpg")])
    assert response.status_code == 500
    assert photo_count() == 0
    assert stored_files(app) == []


def test_upload_needs_the_csrf_token_which_the_script_sends_in_a_header(app, client, login, make_album):
    album = make_album()
    login("editor")
    app.config["WTF_CSRF_ENABLED"] = True
    refused = upload(client, album.id, [(image_bytes(), "a.jpg")])
    assert refused.status_code == 400
    page = client.get(f"/admin/gallery/{album.id}/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = upload(client, album.id, [(image_bytes(), "a.jpg")], headers={"X-CSRFToken": token})
    assert accepted.status_code == 201


def test_taken_date_comes_from_exif(app, client, login, make_album):
    from ..models import Photo

    album = make_album()
    login("editor")
    with_offset = image_bytes(exif=camera_exif(taken="2023:11:06 08:30:00", offset="+07:00"))
    local = image_bytes((810, 600), exif=camera_exif(taken="2023:11:06 09:15:00"))
    first = upload(client, album.id, [(with_offset, "a.jpg")]).get_json()["id"]
    second = upload(client, album.id, [(local, "b.jpg")]).get_json()["id"]
    assert db.session.get(Photo, first).taken_at.isoformat() == "2023-11-06T01:30:00"
    assert db.session.get(Photo, second).taken_at.isoformat() == "2023-11-06T02:15:00"  # read in the site's zone


def test_the_upload_answers_before_the_renditions_are_made(app, client, login, make_album, wait_for_renditions,
                                                           monkeypatch):
    """Twenty large photos must not hold requests: renditions happen in the background."""
    import threading
    import time

    from .. import imaging
    from ..models import Photo

    release = threading.Event()
    real_render = imaging.render

    def slow_render(data):
        release.wait(30)
        return real_render(data)

    monkeypatch.setattr(imaging, "render", slow_render)
    album = make_album()
    login("editor")
    started = time.monotonic()
    ids = [upload(client, album.id, [(image_bytes((640 + n, 480)), f"{n}.jpg")]).get_json()["id"] for n in range(3)]
    assert time.monotonic() - started < 10
    assert {db.session.get(Photo, i).status for i in ids} == {"pending"}
    release.set()
    wait_for_renditions()
    assert {db.session.get(Photo, i).status for i in ids} == {"ready"}


def test_models_and_migrations_do_not_drift(app):
    assert schema_drift("gallery") == []
