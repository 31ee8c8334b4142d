"""Cover images: decoded with Pillow to prove they are images, then stored
as JPEG derivatives of a few widths (metadata such as GPS is dropped).

Files live in ``<UPLOAD_FOLDER>/news/`` as ``<stem>-<width>.jpg``; the stem
is random, so a URL never changes meaning and can be cached for a year.
"""
from __future__ import annotations

import uuid
import warnings
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

WIDTHS = (400, 800, 1600)
FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})
MAX_PIXELS = 40_000_000
MIN_SIDE = 16
JPEG_QUALITY = 82


class ImageRejected(ValueError):
    """The upload is not an image the site accepts; the message says why."""


def folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "news"


def decode(stream: BinaryIO, max_bytes: int) -> Image.Image:
    """Read and fully decode an upload, or raise :class:`ImageRejected`."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected(_("Ảnh quá lớn: tối đa %(n)d MB.", n=max_bytes // (1024 * 1024)))
    if not data:
        raise ImageRejected(_("Tệp tải lên rỗng."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(BytesIO(data))
            if probe.format not in FORMATS:
                raise ImageRejected(_("Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected(_("Ảnh có kích thước quá lớn (tối đa %(n)d megapixel).", n=MAX_PIXELS // 1_000_000))
            probe.verify()
            image = Image.open(BytesIO(data))
            image.load()
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise ImageRejected(_("Tệp không phải là ảnh hợp lệ.")) from exc
    if min(image.size) < MIN_SIDE:
        raise ImageRejected(_("Ảnh quá nhỏ (tối thiểu %(n)d điểm ảnh mỗi chiều).", n=MIN_SIDE))
    return ImageOps.exif_transpose(image)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency."""
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def widths_for(width: int) -> list[int]:
    """The derivative widths stored for an image ``width`` pixels wide."""
    smaller = [w for w in WIDTHS if w < width]
    return smaller + ([min(width, WIDTHS[-1])] if width not in smaller else [])


def filename(stem: str, width: int) -> str:
    return f"{stem}-{width}.jpg"


def store(image: Image.Image) -> tuple[str, int, int]:
    """Write the derivatives; return the stem and the largest one's size."""
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    stem = uuid.uuid4().hex
    rgb = _flatten(image)
    widths = widths_for(rgb.width)
    for width in widths:
        height = max(1, round(rgb.height * width / rgb.width))
        copy = rgb if width == rgb.width else rgb.resize((width, height), Image.Resampling.LANCZOS)
        copy.save(target / filename(stem, width), "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return stem, widths[-1], max(1, round(rgb.height * widths[-1] / rgb.width))


def remove(stem: str | None, width: int) -> None:
    """Delete an image's files (``width`` as stored); missing files are fine."""
    if not stem:
        return
    for w in widths_for(width):
        (folder() / filename(stem, w)).unlink(missing_ok=True)


def srcset(stem: str, width: int, url_for_file) -> str:
    return ", ".join(f"{url_for_file(filename(stem, w))} {w}w" for w in widths_for(width))
