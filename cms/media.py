"""Images uploaded from the editor: checked by decoding them, stored under the
instance's uploads folder, served at ``/media/<name>``.

An upload is trusted only after Pillow has decoded every pixel of it; the
stored file is re-encoded from those pixels (so metadata such as a phone's
GPS position is dropped) and scaled down when wider than a page ever needs.
Animated GIFs are kept as sent, after the same check.
"""
from __future__ import annotations

import io
import secrets
from pathlib import Path

from flask import Blueprint, current_app, send_from_directory
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from .audit import record
from .errors import ValidationError
from .extensions import db
from .models import Media, User

bp = Blueprint("media", __name__)

FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"),
           "GIF": ("gif", "image/gif"), "WEBP": ("webp", "image/webp")}
MAX_PIXELS = 50_000_000
MAX_EDGE = 2400
MEDIA_MAX_AGE = 30 * 24 * 3600
MEDIA_PREFIX = "/media"


def media_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "media"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _decode(data: bytes) -> Image.Image:
    """The fully decoded image, or ValidationError for anything else."""
    invalid = ValidationError({"file": _("Tệp không phải là ảnh hợp lệ hoặc đã bị hỏng.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise invalid from exc
    if fmt not in FORMATS:
        raise ValidationError({"file": _("Chỉ nhận ảnh JPEG, PNG, GIF hoặc WebP.")})
    if width * height > MAX_PIXELS:
        raise ValidationError({"file": _("Ảnh quá lớn (quá nhiều điểm ảnh).")})
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise invalid from exc
    return image


def _encode(image: Image.Image, data: bytes) -> tuple[bytes, int, int]:
    """Re-encode from pixels, upright and at most MAX_EDGE wide or high."""
    fmt = image.format
    if fmt == "GIF" and getattr(image, "is_animated", False):
        return data, image.width, image.height
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_EDGE, MAX_EDGE))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"JPEG": {"quality": 86, "optimize": True, "progressive": True},
               "PNG": {"optimize": True}, "WEBP": {"quality": 85}, "GIF": {}}[fmt]
    image.save(out, fmt, **options)
    return out.getvalue(), image.width, image.height


def save_upload(data: bytes, original_name: str, user: User | None) -> Media:
    """Check, store and record an uploaded image; commits."""
    if not data:
        raise ValidationError({"file": _("Hãy chọn một tệp ảnh.")})
    limit = current_app.config["MAX_IMAGE_BYTES"]
    if len(data) > limit:
        raise ValidationError({"file": _("Ảnh lớn hơn %(mb)d MB.", mb=limit // (1024 * 1024))})
    image = _decode(data)
    extension, content_type = FORMATS[image.format]
    stored, width, height = _encode(image, data)
    filename = f"{secrets.token_hex(12)}.{extension}"
    (media_folder() / filename).write_bytes(stored)
    media = Media(filename=filename, original_name=(original_name or "")[:255], content_type=content_type,
                  width=width, height=height, size=len(stored), uploaded_by_id=getattr(user, "id", None))
    db.session.add(media)
    db.session.flush()
    record("media.uploaded", media, f"{media.original_name} → {filename}", user=user)
    db.session.commit()
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
