"""Cover images: decoded to prove they are images, resized, served, cleaned up."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from cms.plugin import db
from cms.testing.images import HIDDEN_PAYLOADS, assert_no_metadata, pixel_bomb_png

from ..models import Article
from .helpers import article_form

pytestmark = pytest.mark.plugins("news")


def the_article():
    db.session.expire_all()
    return db.session.scalars(select(Article)).one_or_none()


def cover_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "news"
    return sorted(folder.glob("*.jpg")) if folder.exists() else []


def test_uploaded_cover_is_resized_and_served(app, client, login, make_category, image_upload):
    category = make_category("Tin")
    login("editor")
    form = article_form(category, cover=image_upload("anh.png", size=(2400, 1600)), cover_alt="Toàn cảnh hội chợ",
                        cover_caption="Hội chợ năm nay", cover_credit="Minh Khoa")
    assert client.post("/admin/news/new", data=form).status_code == 302
    article = the_article()
    assert (article.cover_width, article.cover_height) == (1600, 1067)
    assert [p.name.split("-")[1] for p in cover_files(app)] == ["1600.jpg", "400.jpg", "800.jpg"]
    html = client.get(f"/news/{article.slug}").get_data(as_text=True)
    assert 'alt="Toàn cảnh hội chợ"' in html and "Hội chợ năm nay" in html and "Ảnh: Minh Khoa" in html
    assert f"/news/anh/{article.cover_stem}-800.jpg 800w" in html
    served = client.get(f"/news/anh/{article.cover_stem}-400.jpg")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert "max-age=31536000" in served.headers["Cache-Control"]
    assert Image.open(io.BytesIO(served.data)).size == (400, 267)


def test_small_covers_are_not_enlarged(app, client, login, make_category, image_upload):
    login("editor")
    client.post("/admin/news/new", data=article_form(make_category("Tin"), cover=image_upload(size=(600, 300))))
    assert [p.name.split("-")[1] for p in cover_files(app)] == ["400.jpg", "600.jpg"]


@pytest.mark.parametrize("payload, name", [
    (b"GIF89a not really an image", "anh.gif"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "anh.svg"),
    (b"", "rong.png"),
])
def test_files_that_are_not_images_are_refused(app, client, login, make_category, payload, name):
    login("editor")
    form = article_form(make_category("Tin"), cover=(io.BytesIO(payload), name))
    response = client.post("/admin/news/new", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tệp không phải là ảnh hợp lệ" in html or "Tệp tải lên rỗng." in html
    assert the_article() is None and cover_files(app) == []


def test_unsupported_image_formats_are_refused(app, client, login, make_category):
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100)).save(buffer, "BMP")
    buffer.seek(0)
    login("editor")
    response = client.post("/admin/news/new", data=article_form(make_category("Tin"), cover=(buffer, "anh.bmp")))
    assert "chỉ nhận JPEG, PNG, GIF hoặc WebP" in response.get_data(as_text=True)
    assert the_article() is None


def test_replacing_and_removing_a_cover_deletes_the_old_files(app, client, login, make_category, image_upload):
    category = make_category("Tin")
    login("editor")
    client.post("/admin/news/new", data=article_form(category, cover=image_upload(size=(900, 600))))
    article = the_article()
    first = article.cover_stem
    client.post(f"/admin/news/{article.id}", data=article_form(category, cover=image_upload(color=(0, 90, 0))))
    article = the_article()
    assert article.cover_stem != first
    assert all(first not in p.name for p in cover_files(app)) and cover_files(app)
    client.post(f"/admin/news/{article.id}", data=article_form(category, remove_cover="y"))
    assert the_article().cover is None and cover_files(app) == []


def test_deleting_an_article_deletes_its_cover(app, client, login, make_category, image_upload):
    login("editor")
    client.post("/admin/news/new", data=article_form(make_category("Tin"), cover=image_upload()))
    article = the_article()
    assert cover_files(app)
    client.post(f"/admin/news/{article.id}/delete")
    assert cover_files(app) == []


def test_a_failed_form_stores_no_file(app, client, login, make_category, image_upload):
    login("editor")
    client.post("/admin/news/new", data=article_form(make_category("Tin"), title="", cover=image_upload()))
    assert cover_files(app) == []


@pytest.mark.parametrize("kind", sorted(HIDDEN_PAYLOADS))
def test_covers_are_stored_without_metadata_or_extra_frames(app, client, login, make_category, kind):
    data, name = HIDDEN_PAYLOADS[kind]
    login("editor")
    response = client.post("/admin/news/new", data=article_form(make_category("Tin"), cover=(io.BytesIO(data), name)))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert cover_files(app)
    for path in cover_files(app):
        assert_no_metadata(path.read_bytes())


def test_a_pixel_bomb_cover_is_refused_and_nothing_is_saved(app, client, login, make_category):
    login("editor")
    form = article_form(make_category("Tin"), cover=(io.BytesIO(pixel_bomb_png(7000, 7000)), "bom.png"))
    response = client.post("/admin/news/new", data=form)
    assert response.status_code == 200
    assert "quá nhiều điểm ảnh (tối đa 40 megapixel)" in response.get_data(as_text=True)
    assert the_article() is None and cover_files(app) == []
    assert not any(Path(app.config["UPLOAD_FOLDER"]).rglob("*.*"))


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1, "IMAGE_QUEUE_SECONDS": 0.05})
def test_a_cover_waiting_too_long_for_a_decode_slot_gets_a_form_error(app, client, login, make_category):
    from cms.plugin import decode_slot

    data, name = HIDDEN_PAYLOADS["jpeg-comment-exif-gps-xmp-icc"]
    login("editor")
    category = make_category("Tin")
    with decode_slot():
        response = client.post("/admin/news/new", data=article_form(category, cover=(io.BytesIO(data), name)))
    assert response.status_code == 200 and "Máy chủ đang bận" in response.get_data(as_text=True)
    assert the_article() is None and cover_files(app) == []
