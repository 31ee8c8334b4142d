"""The gallery's tables: albums and photos (reads are in :mod:`.queries`).

A photo's files live in the gallery's storage (see :mod:`.storage`): the
original under a private key, the published renditions under content-hashed
keys recorded in ``renditions``. Rows never hold image data.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.plugin import User, db, utcnow

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
    # album would make the two tables depend on each other. The services keep
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
