"""The gallery under the core's image budgets: the site's pixel budget caps
the plugin's own setting, decodes wait for a slot, and renditions carry no
metadata and one frame whatever the upload hid."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cms.plugin import db, decode_slot
from cms.testing.images import HIDDEN_PAYLOADS, assert_no_metadata, pixel_bomb_png

from .. import plugin
from ..models import Photo
from .gallery_files import stored_files, upload

pytestmark = pytest.mark.plugins("gallery")


def photo_count() -> int:
    return db.session.scalar(select(func.count(Photo.id)))


def fetch(client, key: str) -> bytes:
    response = client.get("/gallery/_media/" + key.removeprefix("public/"))
    assert response.status_code == 200
    return response.data


@pytest.mark.parametrize("kind", sorted(HIDDEN_PAYLOADS))
def test_renditions_carry_no_metadata_and_one_frame(app, client, login, make_album, wait_for_renditions, kind):
    data, name = HIDDEN_PAYLOADS[kind]
    album = make_album()
    login("editor")
    response = upload(client, album.id, [(data, name)])
    assert response.status_code == 201, response.get_json()
    wait_for_renditions()
    photo = db.session.get(Photo, response.get_json()["id"])
    assert photo.status == "ready", photo.error
    for entry in photo.renditions.values():
        for fmt in ("webp", "jpeg"):
            assert_no_metadata(fetch(client, entry[fmt]))


def test_the_site_pixel_budget_caps_the_gallery_setting(app, client, login, make_album):
    assert plugin.setting("max_megapixels") > 49, "the plugin alone would take 7000 × 7000"
    album = make_album()
    login("editor")
    response = upload(client, album.id, [(pixel_bomb_png(7000, 7000), "bom.png")])
    assert response.status_code == 422
    assert "quá nhiều điểm ảnh (tối đa 40 megapixel)" in response.get_json()["error"]
    assert photo_count() == 0 and stored_files(app) == []


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1, "IMAGE_QUEUE_SECONDS": 0.05})
def test_an_upload_waiting_too_long_for_a_decode_slot_is_told_to_retry(app, client, login, make_album):
    data, name = HIDDEN_PAYLOADS["png-text-xmp-exif-icc"]
    album = make_album()
    login("editor")
    with decode_slot():
        response = upload(client, album.id, [(data, name)])
        page = upload(client, album.id, [(data, name)], json=False)
    assert response.status_code == 503 and response.headers["Retry-After"].isdigit()
    assert "Máy chủ đang bận" in response.get_json()["error"]
    assert page.status_code == 302
    assert "Máy chủ đang bận" in client.get(f"/admin/gallery/{album.id}/").get_data(as_text=True)
    assert photo_count() == 0 and stored_files(app) == []
