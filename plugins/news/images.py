"""Cover images: checked and decoded within the core's image budgets
(pixels, memory, concurrency), then stored as JPEG derivatives of a few
widths, without metadata (GPS, comments, colour profile, later frames).

Files live in ``<UPLOAD_FOLDER>/news/`` as ``<stem>-<width>.jpg``; the stem
is random, so a URL never changes meaning and can be cached for a year.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image

from cms.plugin import ImageRefused, encode_image, prepare_image

WIDTHS = (400, 800, 1600)
MIN_SIDE = 16
JPEG_QUALITY = 82
# Covers taller than this many times their width are narrowed to fit.
TALLEST = 8


def folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "news"


def decode(stream: BinaryIO, max_bytes: int) -> Image.Image:
    """Read an upload and decode it no larger than the widest derivative,
    or raise :class:`ImageRefused` (also when the server is busy)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRefused(_("Ảnh quá lớn: tối đa %(n)d MB.", n=max_bytes // (1024 * 1024)))
    if not data:
        raise ImageRefused(_("Tệp tải lên rỗng."))
    return prepare_image(data, (WIDTHS[-1], WIDTHS[-1] * TALLEST), min_side=MIN_SIDE).image


def widths_for(width: int) -> list[int]:
    """The derivative widths stored for an image ``width`` pixels wide."""
    smaller = [w for w in WIDTHS if w < width]
    return smaller + ([min(width, WIDTHS[-1])] if width not in smaller else [])


def filename(stem: str, width: int) -> str:
    return f"{stem}-{width}.jpg"


def store(image: Image.Image) -> tuple[str, int, int]:
    """Write the derivatives (without metadata, flattened on white); return
    the stem and the largest one's size."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    stem = uuid.uuid4().hex
    widths = widths_for(image.width)
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        copy = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        (target / filename(stem, width)).write_bytes(encode_image(copy, "JPEG", quality=JPEG_QUALITY))
    return stem, widths[-1], max(1, round(image.height * widths[-1] / image.width))


def remove(stem: str | None, width: int) -> None:
    """Delete an image's files (``width`` as stored); missing files are fine."""
    if not stem:
        return
    for w in widths_for(width):
        (folder() / filename(stem, w)).unlink(missing_ok=True)


def srcset(stem: str, width: int, url_for_file) -> str:
    return ", ".join(f"{url_for_file(filename(stem, w))} {w}w" for w in widths_for(width))
