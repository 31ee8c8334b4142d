"""Images uploaded from the editor: checked by decoding them, stored under the
instance's uploads folder, served at ``/media/<name>``.

An upload is trusted only after Pillow has decoded it, within the budgets of
:mod:`cms.images` (pixels, memory, concurrency); the stored file is re-encoded
from those pixels, upright and scaled down when wider than a page ever needs,
without any metadata (a phone's GPS position, comments, colour profile) and,
for an animation, as its first frame only.
"""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Blueprint, current_app, send_from_directory
from flask_babel import gettext as _
from sqlalchemy import select

from . import images
from .audit import record
from .errors import ValidationError
from .extensions import db
from .models import Media, User

bp = Blueprint("media", __name__)

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"),
           "GIF": ("gif", "image/gif"), "WEBP": ("webp", "image/webp")}
MAX_EDGE = 2400
MEDIA_MAX_AGE = 30 * 24 * 3600
MEDIA_PREFIX = "/media"


def media_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "media"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(data: bytes, original_name: str, user: User | None) -> Media:
    """Check, store and record an uploaded image; commits. Raises
    :class:`ValidationError` (:class:`cms.images.ImageRefused`) with nothing stored."""
    if not data:
        raise ValidationError({"file": _("Hãy chọn một tệp ảnh.")})
    limit = current_app.config["MAX_IMAGE_BYTES"]
    if len(data) > limit:
        raise ValidationError({"file": _("Ảnh lớn hơn %(mb)d MB.", mb=limit // (1024 * 1024))})
    decoded = images.prepare(data, (MAX_EDGE, MAX_EDGE))
    extension, content_type = FORMATS[decoded.format]
    stored = images.encode(decoded.image, decoded.format)
    width, height = decoded.image.size
    filename = f"{secrets.token_hex(12)}.{extension}"
    path = media_folder() / filename
    path.write_bytes(stored)
    try:
        media = Media(filename=filename, original_name=(original_name or "")[:255], content_type=content_type,
                      width=width, height=height, size=len(stored), uploaded_by_id=getattr(user, "id", None))
        db.session.add(media)
        db.session.flush()
        record("media.uploaded", media, f"{media.original_name} → {filename}", user=user)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return media


def delete_media(media: Media, user: User) -> None:
    record("media.deleted", media, f"{media.original_name} ({media.filename})", user=user)
    db.session.delete(media)
    db.session.commit()
    (media_folder() / media.filename).unlink(missing_ok=True)


def recent_media(limit: int = 60, offset: int = 0) -> list[Media]:
    return list(db.session.scalars(select(Media).order_by(Media.id.desc()).limit(limit).offset(offset)))


def media_url(media: Media) -> str:
    """The public path of an upload; plain, so it works outside a request (demo, CLI)."""
    return f"{MEDIA_PREFIX}/{media.filename}"


@bp.get(f"{MEDIA_PREFIX}/<name>")
def serve(name: str):
    """Uploaded files are public, like the pages that show them."""
    return send_from_directory(media_folder(), name, max_age=MEDIA_MAX_AGE)
