"""Images uploaded from the editor: decoded before they are trusted,
re-encoded without metadata, served from /media/."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Media


def image_bytes(fmt: str = "PNG", size=(40, 30), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    options = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "Máy ảnh của phóng viên"  # Make
        options["exif"] = data
    image.save(out, fmt, **options)
    return out.getvalue()


def upload(client, data: bytes, name: str = "anh.png", json: bool = True):
    headers = {"Accept": "application/json"} if json else {}
    return client.post("/admin/media/upload", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def media_count() -> int:
    return db.session.scalar(select(func.count(Media.id)))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_editor_uploads_an_image_and_gets_its_url(client, login, fmt):
    login("author")
    response = upload(client, image_bytes(fmt), f"anh.{fmt.lower()}")
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["url"].startswith("/media/") and (body["width"], body["height"]) == (40, 30)
    served = client.get(body["url"])
    assert served.status_code == 200 and served.mimetype.startswith("image/")
    assert Image.open(io.BytesIO(served.data)).size == (40, 30)


def test_metadata_is_dropped_and_huge_images_scaled_down(client, login):
    login("editor")
    body = upload(client, image_bytes("JPEG", size=(3000, 1000), exif=True), "anh.jpg").get_json()
    stored = Image.open(io.BytesIO(client.get(body["url"]).data))
    assert stored.size == (2400, 800)
    assert not stored.getexif(), "EXIF (camera, GPS position) must not be published"


@pytest.mark.parametrize("data, name", [
    (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "anh.svg"),
    (b"<html><script>alert(1)</script></html>", "anh.png"),
    (b"GIF89a" + b"\x00" * 20, "anh.gif"),
    (image_bytes("PNG")[:60], "cut.png"),
    (image_bytes("BMP"), "anh.bmp"),
    (b"", "empty.png"),
])
def test_anything_that_is_not_a_whole_image_is_refused(client, login, data, name):
    login("editor")
    response = upload(client, data, name)
    assert response.status_code == 400
    assert response.get_json()["errors"]["file"]
    assert media_count() == 0


@pytest.mark.cms_config({"MAX_IMAGE_BYTES": 1000})
def test_images_over_the_size_limit_are_refused(client, login):
    login("editor")
    big = image_bytes("PNG", size=(400, 400))
    assert len(big) > 1000
    response = upload(client, big)
    assert response.status_code == 400 and "MB" in response.get_json()["message"]


def test_the_library_lists_uploads_and_the_plain_form_works_without_js(client, login):
    login("author")
    response = upload(client, image_bytes(), "bản đồ phường.png", json=False)
    assert response.status_code == 302
    page = client.get("/admin/media/").get_data(as_text=True)
    assert "bản đồ phường.png" in page and "/media/" in page
    refused = upload(client, b"not an image", "x.png", json=False)
    assert refused.status_code == 302
    assert "không phải là ảnh hợp lệ" in client.get("/admin/media/").get_data(as_text=True)


def test_deleting_an_image_removes_the_file(client, login, app):
    login("editor")
    body = upload(client, image_bytes()).get_json()
    assert client.get(f"/admin/media/{body['id']}/delete").status_code == 200
    assert client.post(f"/admin/media/{body['id']}/delete").status_code == 302
    assert media_count() == 0 and client.get(body["url"]).status_code == 404


def test_vendor_files_are_served_from_an_allowlist_only(client):
    from cms.vendor import NODE_MODULES

    if not (NODE_MODULES / "quill").is_dir():
        pytest.skip("node_modules is not installed (make install runs npm ci)")
    script = client.get("/_vendor/quill/quill.js?v=2")
    assert script.status_code == 200 and "javascript" in script.mimetype
    assert "max-age=31536000" in script.headers["Cache-Control"]
    for path in ("/_vendor/quill/package.json", "/_vendor/../package.json", "/_vendor/axe-core/axe.min.js"):
        assert client.get(path).status_code == 404, path
