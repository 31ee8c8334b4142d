"""Albums and photos, and the queries the views and hooks run over them.

A photo's files live in the gallery's storage (see :mod:`.storage`): the
original under a private key, the published renditions under content-hashed
keys recorded in ``renditions``. Rows never hold image data.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, case, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from cms.extensions import db
from cms.models import User, utcnow

PENDING, READY, FAILED = "pending", "ready", "failed"
FORMATS = ("webp", "jpeg")


def rendition_keys(renditions: dict[str, Any] | None) -> set[str]:
    """The storage keys named by a ``renditions`` mapping (size -> formats)."""
    return {entry[fmt] for entry in (renditions or {}).values() for fmt in FORMATS if fmt in entry}


class Album(db.Model):
    __tablename__ = "gallery_album"
    __table_args__ = (Index("ix_gallery_album_listing", "published", "position", "event_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # No foreign key: a photo belongs to its album, and a key back from the
    # album would make the two tables depend on each other. The service keeps
    # it pointing at one of the album's published photos (see refresh_cover).
    cover_id: Mapped[int | None]
    event_date: Mapped[date | None]
    published: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    photos: Mapped[list["Photo"]] = relationship(
        back_populates="album", order_by="(Photo.position, Photo.id)",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    cover: Mapped["Photo | None"] = relationship(
        primaryjoin="foreign(Album.cover_id) == Photo.id", viewonly=True, lazy="selectin",
    )

    def __repr__(self) -> str:
        return f"<Album {self.slug}>"


class Photo(db.Model):
    __tablename__ = "gallery_photo"
    __table_args__ = (
        Index("ix_gallery_photo_album_order", "album_id", "position", "id"),
        Index("ix_gallery_photo_album_checksum", "album_id", "checksum"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    album_id: Mapped[int] = mapped_column(ForeignKey("gallery_album.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    caption: Mapped[str] = mapped_column(String(500), default="")
    alt: Mapped[str] = mapped_column(String(300), default="")
    credit: Mapped[str] = mapped_column(String(200), default="")
    published: Mapped[bool] = mapped_column(default=False)
    taken_at: Mapped[datetime | None]
    original_name: Mapped[str] = mapped_column(String(255), default="")
    original_key: Mapped[str] = mapped_column(String(255), default="")
    format: Mapped[str] = mapped_column(String(8))
    width: Mapped[int]
    height: Mapped[int]
    size: Mapped[int]
    checksum: Mapped[str] = mapped_column(String(64))  # SHA-256 of the original
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    error: Mapped[str] = mapped_column(String(300), default="")
    renditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    album: Mapped[Album] = relationship(back_populates="photos")
    uploaded_by: Mapped[User | None] = relationship()

    @property
    def ready(self) -> bool:
        return self.status == READY and bool(self.renditions)

    def rendition_keys(self) -> set[str]:
        """Every storage key of this photo's published renditions."""
        return rendition_keys(self.renditions)

    def file_keys(self) -> set[str]:
        """Every storage key this photo owns: the original and its renditions."""
        return self.rendition_keys() | ({self.original_key} if self.original_key else set())

    def __repr__(self) -> str:
        return f"<Photo {self.id} of album {self.album_id}>"


# -- queries ---------------------------------------------------------------------


def listing_order():
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


def published_photos(album: Album, limit: int | None = None) -> list[Photo]:
    query = (select(Photo).where(Photo.album_id == album.id, Photo.published.is_(True))
             .order_by(Photo.position, Photo.id))
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


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
