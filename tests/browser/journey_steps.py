"""The gallery step the core's hostile-input and plugin journeys still use."""
from __future__ import annotations

from PIL import Image


def published_album(title: str, slug: str, photos: list[dict[str, str]], description: str = ""):
    """An album of small processed photos, each given as its ``alt``,
    ``caption`` and ``credit``; made through the gallery's own service, as an
    upload followed by the photo form would."""
    from io import BytesIO

    from cms.extensions import db
    from cms.models import utcnow
    from plugins.gallery import service
    from plugins.gallery.models import Album

    album = Album(title=title, slug=slug, description=description)
    db.session.add(album)
    db.session.commit()
    for number, texts in enumerate(photos):
        data = BytesIO()
        Image.new("RGB", (320, 200), (30 + 7 * number % 200, 120, 90)).save(data, "JPEG")
        photo = service.add_photo(album, f"anh-{number}.jpg", data.getvalue())
        photo.alt, photo.caption, photo.credit = texts.get("alt", ""), texts.get("caption", ""), texts.get("credit", "")
        photo.published = True
        db.session.commit()
        service.process_photo(photo.id)
    album.published, album.published_at = True, utcnow()
    service.refresh_cover(album)
    db.session.commit()
    return album
