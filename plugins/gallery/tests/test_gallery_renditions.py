"""What visitors download: upright renditions in three widths, WebP and
JPEG, without EXIF or GPS, under content-hashed names cached for ever; the
originals are never reachable."""
from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image

from cms.plugin import db

from ..models import Photo
from .gallery_files import camera_exif, image_bytes, stored_files, upload


pytestmark = pytest.mark.plugins("gallery")


def uploaded_photo(client, album, data, name="anh.jpg") -> int:
    response = upload(client, album.id, [(data, name)])
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def fetch(client, key: str) -> bytes:
    response = client.get("/gallery/_media/" + key.removeprefix("public/"))
    assert response.status_code == 200
    return response.data


def test_renditions_have_three_widths_in_two_formats_never_upscaled(app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    big = uploaded_photo(client, album, image_bytes((2400, 1600)))
    small = uploaded_photo(client, album, image_bytes((700, 1000), (10, 90, 200)), "nho.jpg")
    wait_for_renditions()
    renditions = db.session.get(Photo, big).renditions
    assert {size: (r["w"], r["h"]) for size, r in renditions.items()} == {
        "thumb": (320, 213), "medium": (1024, 683), "large": (1920, 1280)}
    for entry in renditions.values():
        assert Image.open(io.BytesIO(fetch(client, entry["webp"]))).format == "WEBP"
        jpeg = Image.open(io.BytesIO(fetch(client, entry["jpeg"])))
        assert jpeg.format == "JPEG" and jpeg.size == (entry["w"], entry["h"])
    small_sizes = db.session.get(Photo, small).renditions
    assert small_sizes["thumb"]["w"] == 320
    assert small_sizes["medium"]["w"] == small_sizes["large"]["w"] == 700  # never wider than the original
    assert small_sizes["medium"]["jpeg"] == small_sizes["large"]["jpeg"]  # one shared file


def test_derivatives_carry_no_exif_and_no_gps(app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    original = image_bytes((1300, 900), exif=camera_exif(taken="2023:11:06 08:30:00"))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825), "the test file must carry GPS"
    photo_id = uploaded_photo(client, album, original)
    wait_for_renditions()
    for entry in db.session.get(Photo, photo_id).renditions.values():
        for fmt in ("webp", "jpeg"):
            data = fetch(client, entry[fmt])
            image = Image.open(io.BytesIO(data))
            assert not image.getexif(), f"{fmt} {entry['w']} kept EXIF"
            assert "exif" not in image.info and "xmp" not in image.info
            assert b"Sen Camera" not in data and b"GPS" not in data


def test_exif_orientation_is_applied(app, client, login, make_album, wait_for_renditions):
    """A camera stores the photo sideways and says so in EXIF; the published
    photo must be upright: red on the left, blue on the right. The photo is
    wide enough for the JPEG to be decoded at a reduced scale."""
    upright = Image.new("RGB", (3900, 600), (220, 20, 20))
    upright.paste((20, 20, 220), (1950, 0, 3900, 600))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # what the sensor wrote: 600 × 3900
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=camera_exif(orientation=6), quality=95)
    album = make_album()
    login("editor")
    photo_id = uploaded_photo(client, album, buffer.getvalue())
    photo = db.session.get(Photo, photo_id)
    assert (photo.width, photo.height) == (3900, 600)  # known at upload, before rendering
    wait_for_renditions()
    for size, (width, height) in {"large": (1920, 295), "thumb": (320, 49)}.items():
        entry = db.session.get(Photo, photo_id).renditions[size]
        image = Image.open(io.BytesIO(fetch(client, entry["jpeg"]))).convert("RGB")
        assert image.size == (width, height)
        left, right = image.getpixel((width // 4, height // 2)), image.getpixel((width * 3 // 4, height // 2))
        assert left[0] > 180 and left[2] < 80, left
        assert right[2] > 180 and right[0] < 80, right


def test_media_is_cached_for_ever_under_content_hashed_names(app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    photo_id = uploaded_photo(client, album, image_bytes((500, 400)))
    wait_for_renditions()
    key = db.session.get(Photo, photo_id).renditions["thumb"]["webp"]
    response = client.get("/gallery/_media/" + key.removeprefix("public/"))
    assert "immutable" in response.headers["Cache-Control"] and "max-age=31536000" in response.headers["Cache-Control"]
    assert response.mimetype == "image/webp"
    assert hashlib.sha256(response.data).hexdigest()[:16] in key


def test_originals_are_outside_the_public_url_space(app, client, login, make_album, wait_for_renditions):
    album = make_album()
    login("editor")
    photo_id = uploaded_photo(client, album, image_bytes((500, 400)))
    wait_for_renditions()
    original = db.session.get(Photo, photo_id).original_key
    assert original.startswith("originals/")
    name = original.removeprefix("originals/")
    for path in (f"/gallery/_media/{name}", f"/gallery/_media/../{original}", f"/gallery/_media/{original}",
                 "/gallery/_media/..%2F" + original):
        assert client.get(path).status_code == 404, path
    assert original in stored_files(app)


def test_a_photo_that_cannot_be_rendered_is_marked_failed_and_can_be_retried(app, client, login, make_album,
                                                                             wait_for_renditions, monkeypatch):
    from .. import imaging

    album = make_album()
    login("editor")
    real_render = imaging.render

    def out_of_memory(data):
        raise MemoryError("out of memory")

    monkeypatch.setattr(imaging, "render", out_of_memory)
    photo_id = uploaded_photo(client, album, image_bytes((500, 400)))
    wait_for_renditions()
    assert db.session.get(Photo, photo_id).status == "failed"
    page = client.get(f"/admin/gallery/{album.id}/").get_data(as_text=True)
    assert "Xử lý ảnh bị lỗi" in page
    monkeypatch.setattr(imaging, "render", real_render)
    assert client.post(f"/admin/gallery/photo/{photo_id}/retry").status_code == 302
    wait_for_renditions()
    assert db.session.get(Photo, photo_id).status == "ready"
