"""The reads the views, the admin, the hooks and the services run over
albums and photos; none of them writes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from cms.plugin import db

from .models import PENDING, READY, Album, Photo, rendition_keys


def listing_order() -> tuple:
    return (Album.position, Album.event_date.desc().nulls_last(), Album.id.desc())


def published_albums(page: int, per_page: int) -> tuple[list[Album], int]:
    """One page of published albums in display order, and how many there are."""
    total = db.session.scalar(select(func.count(Album.id)).where(Album.published.is_(True))) or 0
    albums = db.session.scalars(
        select(Album).where(Album.published.is_(True)).order_by(*listing_order())
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return list(albums), total


def latest_album() -> Album | None:
    """The most recently published album (the sidebar widget shows it)."""
    return db.session.scalar(
        select(Album).where(Album.published.is_(True))
        .order_by(Album.event_date.desc().nulls_last(), Album.published_at.desc(), Album.id.desc()).limit(1)
    )


def published_album_stamps() -> list[tuple[str, datetime]]:
    """``(slug, updated_at)`` of every published album, for the sitemap."""
    rows = db.session.execute(select(Album.slug, Album.updated_at).where(Album.published.is_(True)).order_by(Album.id))
    return [(slug, updated_at) for slug, updated_at in rows]


def album_by_slug(slug: str, published_only: bool = True) -> Album | None:
    query = select(Album).where(Album.slug == slug)
    if published_only:
        query = query.where(Album.published.is_(True))
    return db.session.scalar(query)


def published_albums_by_slug(slugs: set[str]) -> dict[str, Album]:
    """The published albums among ``slugs``, by slug (one query for a whole text)."""
    if not slugs:
        return {}
    found = db.session.scalars(select(Album).where(Album.slug.in_(slugs), Album.published.is_(True)))
    return {album.slug: album for album in found}


def published_photos(album: Album, limit: int | None = None) -> list[Photo]:
    query = (select(Photo).where(Photo.album_id == album.id, Photo.published.is_(True))
             .order_by(Photo.position, Photo.id))
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def published_photo_ids(album: Album) -> list[int]:
    return list(db.session.scalars(
        select(Photo.id).where(Photo.album_id == album.id, Photo.published.is_(True)).order_by(Photo.position, Photo.id)
    ))


def published_photo_counts(album_ids: list[int]) -> dict[int, int]:
    if not album_ids:
        return {}
    rows = db.session.execute(
        select(Photo.album_id, func.count(Photo.id))
        .where(Photo.album_id.in_(album_ids), Photo.published.is_(True)).group_by(Photo.album_id)
    ).all()
    return dict(rows)


def photo_counts(album_ids: list[int]) -> dict[int, tuple[int, int]]:
    """``{album_id: (published, total)}`` in one query, for the admin list."""
    if not album_ids:
        return {}
    published = func.sum(case((Photo.published.is_(True), 1), else_=0))
    rows = db.session.execute(
        select(Photo.album_id, func.coalesce(published, 0), func.count(Photo.id))
        .where(Photo.album_id.in_(album_ids)).group_by(Photo.album_id)
    ).all()
    return {album_id: (int(pub), int(total)) for album_id, pub, total in rows}


def all_albums() -> list[Album]:
    return list(db.session.scalars(select(Album).order_by(*listing_order())))


def album_photos(album: Album) -> list[Photo]:
    return list(db.session.scalars(
        select(Photo).where(Photo.album_id == album.id).order_by(Photo.position, Photo.id)
        .options(selectinload(Photo.uploaded_by))
    ))


def next_position(album_id: int) -> int:
    highest = db.session.scalar(select(func.max(Photo.position)).where(Photo.album_id == album_id))
    return (highest or 0) + 1


def photo_with_checksum(album_id: int, checksum: str) -> Photo | None:
    return db.session.scalar(select(Photo).where(Photo.album_id == album_id, Photo.checksum == checksum).limit(1))


def stale_pending_photos(before: datetime, album_id: int | None = None) -> list[Photo]:
    query = select(Photo).where(Photo.status == PENDING, Photo.updated_at < before)
    if album_id is not None:
        query = query.where(Photo.album_id == album_id)
    return list(db.session.scalars(query))


def unprocessed_photo_ids() -> list[int]:
    return list(db.session.scalars(select(Photo.id).where(Photo.status != READY).order_by(Photo.id)))


def all_file_keys() -> set[str]:
    """Every storage key some row still refers to (for the orphan check)."""
    keys: set[str] = set()
    for original, renditions in db.session.execute(select(Photo.original_key, Photo.renditions)):
        keys.add(original)
        keys.update(rendition_keys(renditions))
    return keys
