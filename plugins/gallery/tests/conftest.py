"""Fixtures for the gallery's tests: image files made on the spot, albums,
and a helper that waits for the background renditions."""
from __future__ import annotations

from typing import Callable

import pytest

from cms.plugin import db

from .gallery_files import image_bytes


@pytest.fixture(autouse=True)
def _finish_background_work(app):
    """Background renditions must end before the test's database goes away."""
    from ..worker import shutdown

    yield
    shutdown(app)


@pytest.fixture
def wait_for_renditions(app) -> Callable[[], None]:
    from ..worker import wait_for_processing

    def wait() -> None:
        assert wait_for_processing(app, timeout=60), "renditions took longer than a minute"
        db.session.expire_all()

    return wait


@pytest.fixture
def make_album(app):
    """``make_album(slug, photos=0, published=False)``: an album whose photos are
    processed in place (no background thread) and published with alt text."""
    from .. import services
    from ..models import Album

    def make(slug: str = "le-hoi", photos: int = 0, published: bool = False, title: str | None = None, **fields):
        album = Album(title=title or slug.replace("-", " ").title(), slug=slug, **fields)
        db.session.add(album)
        db.session.commit()
        for number in range(photos):
            data = image_bytes((640 + number, 480), ((40 * number) % 255, 120, 200))
            photo = services.add_photo(album, f"anh-{number}.jpg", data)
            photo.alt, photo.caption, photo.published = f"Mô tả ảnh {number}", f"Chú thích {number}", True
            db.session.commit()
            services.process_photo(photo.id)
        if published:
            album.published = True
            album.published_at = services.utcnow()
        services.refresh_cover(album)
        db.session.commit()
        return album

    return make
