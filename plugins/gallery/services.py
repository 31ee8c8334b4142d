"""What happens to albums and photos: adding an upload, making its
renditions, publishing rules, deleting with every file.

Views and the CLI call these; they commit, and they keep the database and the
storage in step (a failed upload leaves no file, a deletion removes every
file of what it deletes).
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Iterable

from flask_babel import gettext as _
from slugify import slugify
from sqlalchemy import select
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from cms.plugin import ValidationError, audit, call_hook, db, to_utc, utcnow

from . import imaging, plugin
from .models import FAILED, READY, Album, Photo
from .queries import (album_by_slug, all_file_keys, next_position, photo_with_checksum, published_photo_ids,
                      stale_pending_photos)
from .storage import ORIGINALS, PUBLIC, get_storage

log = logging.getLogger(__name__)
MB = 1024 * 1024
SLUG_MAX = 200
STALE_AFTER = timedelta(minutes=3)


def max_bytes() -> int:
    return int(plugin.setting("max_upload_mb")) * MB


def max_pixels() -> int:
    return int(plugin.setting("max_megapixels")) * 1_000_000


# -- uploads -----------------------------------------------------------------------


def add_photo(album: Album, filename: str, data: bytes, credit: str = "", user: Any = None) -> Photo:
    """Check ``data`` and keep it as a new, unpublished photo of ``album``.

    Raises :class:`imaging.ImageRefused` with the reason. Nothing is stored
    unless the whole upload succeeds. Queue the renditions afterwards with
    :func:`worker.queue`.
    """
    info = imaging.inspect(data, max_bytes(), max_pixels())
    checksum = hashlib.sha256(data).hexdigest()
    twin = photo_with_checksum(album.id, checksum)
    if twin is not None:
        raise imaging.ImageRefused(_("Ảnh này đã có trong album (%(name)s).", name=twin.original_name or twin.id))
    taken_at = info.taken_at if info.taken_at is None or info.taken_at_is_utc else to_utc(info.taken_at)
    photo = Photo(
        album_id=album.id, position=next_position(album.id), original_name=(filename or "")[:255],
        format=info.format, width=info.width, height=info.height, size=len(data), checksum=checksum,
        taken_at=taken_at, credit=(credit or "").strip()[:200], renditions={},
        uploaded_by_id=getattr(user, "id", None),
    )
    db.session.add(photo)
    db.session.flush()
    photo.original_key = f"{ORIGINALS}/{checksum[:2]}/{photo.id}-{checksum[:16]}.{info.extension}"
    store = get_storage()
    try:
        store.save(photo.original_key, data)
        audit("gallery.photo.uploaded", photo, f"album={album.slug} file={filename[:200]}")
        db.session.commit()
    except BaseException:
        db.session.rollback()
        store.delete(photo.original_key)
        raise
    return photo


# -- renditions ------------------------------------------------------------------------


def public_key(photo_id: int, width: int, data: bytes, extension: str) -> str:
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"{PUBLIC}/{digest[:2]}/{photo_id}-{width}-{digest}.{extension}"


def process_photo(photo_id: int) -> None:
    """Make and store the renditions of one photo, then mark it ready.

    Safe to run twice or concurrently (names are content-hashed) and against
    a photo deleted meanwhile (what was written is removed again).
    """
    photo = db.session.get(Photo, photo_id)
    if photo is None:
        return
    store = get_storage()
    try:
        renditions = imaging.render(store.read(photo.original_key))
    except Exception as exc:
        log.exception("gallery: cannot render photo %s", photo_id)
        photo.status, photo.error = FAILED, f"{type(exc).__name__}: {exc}"[:300]
        db.session.commit()
        return
    previous = photo.rendition_keys()
    entries, written = _store_renditions(store, photo.id, renditions)
    photo.renditions, photo.status, photo.error = entries, READY, ""
    try:
        db.session.commit()
    except (StaleDataError, ObjectDeletedError):
        db.session.rollback()
        for key in written - previous:
            store.delete(key)
        return
    for key in previous - written:
        store.delete(key)


def _store_renditions(store, photo_id: int, renditions: list[imaging.Rendition]) -> tuple[dict, set[str]]:
    entries: dict[str, dict[str, Any]] = {}
    written: set[str] = set()
    for rendition in renditions:
        entry: dict[str, Any] = {"w": rendition.width, "h": rendition.height}
        for fmt, data, extension in (("webp", rendition.webp, "webp"), ("jpeg", rendition.jpeg, "jpg")):
            key = public_key(photo_id, rendition.width, data, extension)
            if key not in written:
                store.save(key, data)
                written.add(key)
            entry[fmt] = key
        entries[rendition.size] = entry
    return entries, written


def requeue_stale(album: Album | None = None) -> list[int]:
    """Photos left pending by a lost job, to queue again."""
    before = utcnow() - STALE_AFTER
    stale = stale_pending_photos(before, album.id if album else None)
    for photo in stale:
        photo.updated_at = utcnow()
    db.session.commit()
    return [photo.id for photo in stale]


def retry(photo: Photo) -> None:
    photo.status, photo.error = "pending", ""
    db.session.commit()


# -- albums ---------------------------------------------------------------------------


def slug_for(title: str, wanted: str = "", album: Album | None = None) -> str:
    """The album's slug: the one asked for (must be free) or one made from the title."""
    if wanted:
        owner = album_by_slug(wanted, published_only=False)
        if owner is not None and owner is not album:
            raise ValidationError({"slug": _("Đường dẫn này đã được dùng cho album khác.")})
        return wanted
    base = slugify(title or "", max_length=SLUG_MAX, word_boundary=True) or "album"
    candidate, number = base, 1
    while (owner := album_by_slug(candidate, published_only=False)) is not None and owner is not album:
        number += 1
        candidate = f"{base[: SLUG_MAX - 8].rstrip('-')}-{number}"
    return candidate


def refresh_cover(album: Album) -> None:
    """Keep the cover on one of the album's published photos (the first by default)."""
    ids = published_photo_ids(album)
    if album.cover_id not in ids:
        album.cover_id = ids[0] if ids else None


def check_publishable(album: Album) -> None:
    """An album goes public only with at least one published photo (which has alt text)."""
    if album.published and not published_photo_ids(album):
        raise ValidationError({"published": _(
            "Chưa thể xuất bản: album cần ít nhất một ảnh đã xuất bản (ảnh phải có mô tả thay thế).")})


def save_album(album: Album, values: dict[str, Any]) -> str:
    """Apply form values to a new or existing album, check the rules, commit.

    Returns the action (``created``, ``updated`` or ``published``) for the
    ``content_changed`` event, which is fired here after the commit.
    """
    created = album.id is None
    was_published = bool(album.published)
    album.title = values["title"].strip()
    album.slug = slug_for(album.title, values.get("slug") or "", album)
    for key in ("description", "event_date", "position", "published"):
        setattr(album, key, values[key])
    album.cover_id = values.get("cover_id") or None
    if created:
        db.session.add(album)
        db.session.flush()
    refresh_cover(album)
    try:
        check_publishable(album)
    except ValidationError:
        db.session.rollback()
        raise
    if album.published and album.published_at is None:
        album.published_at = utcnow()
    action = "created" if created else ("published" if album.published and not was_published else "updated")
    audit(f"gallery.album.{action}", album, album.slug)
    db.session.commit()
    call_hook("content_changed", kind="gallery.album", obj=album, action=action)
    return action


@dataclass
class PhotoChange:
    photo_id: int
    caption: str
    alt: str
    credit: str
    position: int
    published: bool
    delete: bool = False


def update_photos(album: Album, changes: Iterable[PhotoChange]) -> tuple[int, int]:
    """Save the photo table of an album; returns ``(updated, deleted)``.

    Publishing a photo without alt text is refused (forms check it first).
    """
    photos = {p.id: p for p in _fresh_photos(album)}
    doomed: list[Photo] = []
    updated = 0
    for change in changes:
        photo = photos.get(change.photo_id)
        if photo is None:
            continue
        if change.delete:
            doomed.append(photo)
            continue
        if change.published and not change.alt.strip():
            raise ValidationError({str(photo.id): _("Cần nhập mô tả thay thế (alt) trước khi xuất bản ảnh.")})
        photo.caption, photo.alt, photo.credit = change.caption.strip(), change.alt.strip(), change.credit.strip()
        photo.position, photo.published = change.position, change.published
        updated += 1
    keys = _delete_rows(doomed)
    db.session.flush()
    refresh_cover(album)
    audit("gallery.photos.updated", album, f"updated={updated} deleted={len(doomed)}")
    db.session.commit()
    _remove_files(keys)
    if album.published:
        call_hook("content_changed", kind="gallery.album", obj=album, action="updated")
    return updated, len(doomed)


def delete_album(album: Album) -> None:
    """Delete the album, its photos and every file they own."""
    keys = _delete_rows(_fresh_photos(album))
    audit("gallery.album.deleted", album, album.slug)
    db.session.delete(album)
    db.session.commit()
    _remove_files(keys)
    call_hook("content_changed", kind="gallery.album", obj=album, action="deleted")


def _fresh_photos(album: Album) -> list[Photo]:
    """The album's photos as the database has them now (a worker may have
    just written renditions that must be deleted too)."""
    query = select(Photo).where(Photo.album_id == album.id).execution_options(populate_existing=True)
    return list(db.session.scalars(query))


def _delete_rows(photos: list[Photo]) -> set[str]:
    keys: set[str] = set()
    for photo in photos:
        keys |= photo.file_keys()
        audit("gallery.photo.deleted", photo, photo.original_name[:200])
        db.session.delete(photo)
    return keys


def _remove_files(keys: Iterable[str]) -> None:
    store = get_storage()
    for key in keys:
        try:
            store.delete(key)
        except OSError:
            log.exception("gallery: could not delete %s; `cms gallery clean` will", key)


def orphan_keys() -> list[str]:
    """Files in the storage that no photo refers to (left by a crash)."""
    known = all_file_keys()
    return [key for key in get_storage().keys() if key not in known]
