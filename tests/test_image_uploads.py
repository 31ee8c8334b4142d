"""Uploaded images within budgets (cms.images): pixels checked from the
header, a few decodes at a time, nothing published with metadata. The
media library and the site logo here; news covers and the gallery in their
plugins' tests."""
from __future__ import annotations

import contextlib
import io
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cms import images
from cms.extensions import db
from cms.models import Media
from cms.settings import site_settings
from cms.testing.images import HIDDEN_PAYLOADS, assert_no_metadata, pixel_bomb_png

TOO_MANY_PIXELS = "quá nhiều điểm ảnh"
BUSY = "Máy chủ đang bận"


def upload(client, data: bytes, name: str, json: bool = True):
    headers = {"Accept": "application/json"} if json else {}
    return client.post("/admin/media/upload", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers=headers)


def upload_logo(client, data: bytes, name: str):
    form = {"site_name": "Cổng Thông tin Phường Sen Hồng", "language": "vi", "timezone": "Asia/Ho_Chi_Minh",
            "logo_file": (io.BytesIO(data), name)}
    return client.post("/admin/settings", data=form, content_type="multipart/form-data")


def stored_files(app) -> list[Path]:
    return [path for path in Path(app.config["UPLOAD_FOLDER"]).rglob("*") if path.is_file()]


def media_count() -> int:
    return db.session.scalar(select(func.count(Media.id)))


@pytest.mark.parametrize("kind", sorted(HIDDEN_PAYLOADS))
def test_the_media_library_stores_images_without_metadata_or_extra_frames(client, login, kind):
    data, name = HIDDEN_PAYLOADS[kind]
    login("author")
    response = upload(client, data, name)
    assert response.status_code == 201, response.get_data(as_text=True)
    assert_no_metadata(client.get(response.get_json()["url"]).data)


@pytest.mark.parametrize("kind", sorted(HIDDEN_PAYLOADS))
def test_the_site_logo_is_stored_without_metadata_or_extra_frames(client, login, kind):
    data, name = HIDDEN_PAYLOADS[kind]
    login("admin")
    assert upload_logo(client, data, name).status_code == 302
    assert_no_metadata(client.get(site_settings()["logo"]).data)


def test_a_photo_is_turned_upright_before_its_exif_is_dropped(client, login):
    from PIL import Image

    picture = Image.new("RGB", (60, 40), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown rotated by 90°
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    login("author")
    body = upload(client, out.getvalue(), "doc.jpg").get_json()
    stored = assert_no_metadata(client.get(body["url"]).data)
    assert stored.size == (40, 60) and (body["width"], body["height"]) == (40, 60)


def test_a_pixel_bomb_is_refused_in_the_library_before_it_is_decoded(app, client, login, monkeypatch):
    bomb = pixel_bomb_png(7000, 7000)
    assert len(bomb) < 200_000
    monkeypatch.setattr(images, "_decode_within", lambda *args: pytest.fail("a refused image was decoded"))
    login("author")
    response = upload(client, bomb, "bomb.png")
    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.get_json()["errors"]["file"]
    assert stored_files(app) == [] and media_count() == 0
    page = upload(client, bomb, "bomb.png", json=False)
    assert page.status_code == 302
    assert TOO_MANY_PIXELS in client.get("/admin/media/").get_data(as_text=True)
    assert stored_files(app) == [] and media_count() == 0


def test_a_pixel_bomb_is_refused_as_the_logo(app, client, login):
    login("admin")
    response = upload_logo(client, pixel_bomb_png(7000, 7000), "logo.png")
    assert response.status_code == 400 and TOO_MANY_PIXELS in response.get_data(as_text=True)
    assert stored_files(app) == [] and media_count() == 0 and site_settings()["logo"] == ""


@pytest.mark.cms_config({"MAX_IMAGE_PIXELS": 2_000_000})
def test_the_pixel_budget_is_a_setting(client, login):
    login("author")
    response = upload(client, pixel_bomb_png(1500, 1500), "anh.png")
    assert response.status_code == 400 and "tối đa 2 megapixel" in response.get_json()["message"]
    assert upload(client, pixel_bomb_png(1400, 1400), "anh.png").status_code == 201


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1, "IMAGE_QUEUE_SECONDS": 0.05})
def test_an_upload_waiting_too_long_for_a_decode_slot_is_told_to_retry(app, client, login):
    data, name = HIDDEN_PAYLOADS["jpeg-comment-exif-gps-xmp-icc"]
    login("author")
    with images.decode_slot():  # another upload is being decoded
        busy = upload(client, data, name)
        page = upload(client, data, name, json=False)
    assert busy.status_code == 503 and busy.headers["Retry-After"].isdigit()
    assert BUSY in busy.get_json()["message"]
    assert page.status_code == 302 and BUSY in client.get("/admin/media/").get_data(as_text=True)
    assert stored_files(app) == [] and media_count() == 0
    assert upload(client, data, name).status_code == 201, "the slot is free again"


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1, "IMAGE_QUEUE_SECONDS": 0.05})
def test_the_logo_form_says_the_server_is_busy(app, client, login):
    data, name = HIDDEN_PAYLOADS["jpeg-comment-exif-gps-xmp-icc"]
    login("admin")
    with images.decode_slot():
        response = upload_logo(client, data, name)
    assert response.status_code == 400 and BUSY in response.get_data(as_text=True)
    assert stored_files(app) == [] and site_settings()["logo"] == ""


def decodes_overlap(app, monkeypatch) -> list[str]:
    """Two threads decode at once; return the order of their entries and exits.

    Each decode waits at a two-party barrier: it passes only if the other
    decode is running at the same time, and gives up after a moment if not.
    """
    barrier = threading.Barrier(2)
    events: list[str] = []
    real = images._decode_within

    def observed(image, box):
        events.append("enter")
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)
        events.append("exit")
        return real(image, box)

    monkeypatch.setattr(images, "_decode_within", observed)
    data = HIDDEN_PAYLOADS["png-text-xmp-exif-icc"][0]

    def decode():
        with app.test_request_context():
            images.prepare(data, (100, 100), timeout=None)

    threads = [threading.Thread(target=decode) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return events


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1})
def test_with_one_slot_two_decodes_run_one_after_the_other(app, monkeypatch):
    assert decodes_overlap(app, monkeypatch) == ["enter", "exit", "enter", "exit"]


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 2})
def test_with_two_slots_two_decodes_run_together(app, monkeypatch):
    assert decodes_overlap(app, monkeypatch) == ["enter", "enter", "exit", "exit"]


@pytest.mark.cms_config({"IMAGE_CONCURRENCY": 1})
def test_a_released_slot_goes_to_the_longest_waiter(app):
    """A background batch releasing and re-taking its slot cannot starve an upload."""
    slots = app.extensions["cms_image_slots"]
    assert slots.acquire(timeout=None)  # a gallery rendition is running
    served = threading.Event()

    def waiting_upload():
        with app.test_request_context(), images.decode_slot(timeout=5):  # gives up if the test fails
            served.set()

    upload_thread = threading.Thread(target=waiting_upload)
    upload_thread.start()
    while not slots._waiting:  # the upload is queued
        upload_thread.join(0.001)
    slots.release()  # the rendition ends...
    jumped = slots.acquire(timeout=0)  # ...and the next one asks at once
    if jumped:
        slots.release()
    upload_thread.join()
    assert not jumped, "the next rendition jumped the queue"
    assert served.is_set()
    assert slots.acquire(timeout=0), "the upload gave its slot back"
