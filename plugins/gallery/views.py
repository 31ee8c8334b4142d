"""Public pages: the album grid, an album, one photo, and the renditions.

Unpublished albums and photos answer 404 except to logged-in staff, who see
them as a preview. Renditions are served from the gallery's storage under
content-hashed names with far-future cache headers.
"""
from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, abort, render_template, url_for
from flask_login import current_user

from cms.plugin import db, page_number

from . import plugin
from .models import Album, Photo
from .queries import (album_by_slug, published_albums, published_photo_counts, published_photo_ids,
                      published_photos)
from .storage import PUBLIC, get_storage

bp = Blueprint("plugin_gallery", __name__, template_folder="templates")

MEDIA_NAME = re.compile(r"^[0-9a-f]{2}/\d+-\d+-[0-9a-f]{16}\.(webp|jpg)$")
GRID_SIZES = "(min-width: 60em) 14rem, (min-width: 30em) 33vw, 50vw"
SRCSET_ORDER = ("thumb", "medium", "large")


# -- helpers for templates (the shortcode and the widget render outside this blueprint) --


@bp.app_template_global("gallery_media_url")
def media_url(photo: Photo, size: str, fmt: str = "jpeg") -> str:
    entry = (photo.renditions or {}).get(size) or {}
    key = entry.get(fmt, "")
    return url_for("plugin_gallery.media", name=key.removeprefix(f"{PUBLIC}/")) if key else ""


@bp.app_template_global("gallery_srcset")
def srcset(photo: Photo, fmt: str, sizes: tuple[str, ...] = SRCSET_ORDER) -> str:
    """``url 320w, url 1024w, ...`` without repeating a file small originals share."""
    seen: dict[str, int] = {}
    for size in sizes:
        entry = (photo.renditions or {}).get(size)
        if entry and fmt in entry:
            seen.setdefault(entry[fmt], entry["w"])
    return ", ".join(f"{url_for('plugin_gallery.media', name=key.removeprefix(f'{PUBLIC}/'))} {width}w"
                     for key, width in seen.items())


@bp.app_template_global("gallery_size")
def rendition_size(photo: Photo, size: str) -> dict[str, Any]:
    return (photo.renditions or {}).get(size) or {"w": photo.width, "h": photo.height}


@bp.app_template_global("gallery_grid_sizes")
def grid_sizes() -> str:
    return GRID_SIZES


def _is_staff() -> bool:
    return bool(current_user.is_authenticated)


def _album_or_404(slug: str) -> Album:
    album = album_by_slug(slug, published_only=not _is_staff())
    if album is None:
        abort(404)
    return album


# -- routes ------------------------------------------------------------------------------


@bp.get("/")
def index():
    page = page_number()
    per_page = int(plugin.setting("albums_per_page"))
    albums, total = published_albums(page, per_page)
    if page > 1 and not albums:
        abort(404)
    counts = published_photo_counts([album.id for album in albums])
    pages = max(1, -(-total // per_page))
    return render_template("gallery/index.html", albums=albums, counts=counts, page=page, pages=pages)


@bp.get("/<slug>/")
def album(slug: str):
    album = _album_or_404(slug)
    photos = published_photos(album)
    return _preview_aware(render_template("gallery/album.html", album=album, photos=photos,
                                          preview=not album.published), not album.published)


@bp.get("/<slug>/<int:photo_id>")
def photo(slug: str, photo_id: int):
    album = _album_or_404(slug)
    photo = db.session.get(Photo, photo_id)
    if photo is None or photo.album_id != album.id or not (photo.published or _is_staff()):
        abort(404)
    order = published_photo_ids(album)
    index = order.index(photo.id) if photo.id in order else None
    neighbours = {
        "prev": order[index - 1] if index else None,
        "next": order[index + 1] if index is not None and index + 1 < len(order) else None,
    }
    preview = not (album.published and photo.published)
    return _preview_aware(render_template("gallery/photo.html", album=album, photo=photo, index=index,
                                          count=len(order), neighbours=neighbours, preview=preview), preview)


def _preview_aware(html: str, preview: bool):
    """A staff preview of something unpublished stays out of every cache."""
    return (html, {"Cache-Control": "no-store"}) if preview else html


@bp.get("/_media/<path:name>")
def media(name: str):
    if not MEDIA_NAME.match(name):
        abort(404)
    key = f"{PUBLIC}/{name}"
    store = get_storage()
    if not store.exists(key):
        abort(404)
    return store.serve(key)
