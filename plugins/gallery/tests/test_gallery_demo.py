"""The demo albums that ``cms init --demo`` loads."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.plugin import db

from ..demo import load
from ..models import Album, Photo


pytestmark = pytest.mark.plugins("gallery")


@pytest.mark.slow  # draws and renders the demo photos
def test_demo_loads_two_published_albums_of_drawn_photos_once(app, client):
    load()
    load()  # a second run adds nothing
    albums = db.session.scalars(select(Album).order_by(Album.id)).all()
    assert len(albums) == 2 and all(album.published and album.cover_id for album in albums)
    photos = db.session.scalars(select(Photo)).all()
    assert len(photos) == 7 and all(p.ready and p.published and p.alt and p.taken_at for p in photos)
    assert len({(p.width, p.height) for p in photos}) >= 5  # varied sizes and shapes
    sideways = next(p for p in photos if p.original_name == "ghe-cho-hang.jpg")
    assert (sideways.width, sideways.height) == (1600, 1067)  # stored turned, shown upright
    assert sideways.renditions["large"]["w"] == 1600
    page = client.get(f"/gallery/{albums[0].slug}/").get_data(as_text=True)
    assert page.count('class="gallery-item"') == 4
