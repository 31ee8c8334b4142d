"""Pillow work: deciding whether bytes are a photo we accept, and making the
published renditions of one.

Nothing here touches the database or the storage, so it can be tested and
run anywhere. An upload is judged by decoding it, never by its name or the
type the browser declared.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from PIL import Image, UnidentifiedImageError
from PIL.ExifTags import IFD

from cms.plugin import ImageRefused, decode_slot, encode_image, image_pixel_budget, prepare_image, vn_number

ACCEPTED = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
WIDTHS = {"thumb": 320, "medium": 1024, "large": 1920}
# Photos taller than this many times the largest width are narrowed to fit.
TALLEST = 8
WEBP_QUALITY = 80
JPEG_QUALITY = 82
ORIENTATION_TAG = 0x0112
SWAPS_AXES = {5, 6, 7, 8}
DATETIME_TAG, DATETIME_ORIGINAL_TAG, OFFSET_ORIGINAL_TAG = 0x0132, 0x9003, 0x9011
# Markup that has no business in a photo. Short markers are looked for only
# near the start and end of the file (where browsers sniff and where
# appended payloads sit); long ones anywhere, where chance matches are
# vanishingly rare even in compressed data.
EDGE_MARKERS = (b"<html", b"<svg", b"<body", b"<?xml", b"<?php", b"<img", b"<a ", b"<meta")
ANYWHERE_MARKERS = (b"<script", b"<iframe", b"<!doctype", b"javascript:", b"<object", b"onload=", b"onerror=")
EDGE_BYTES = 64 * 1024


class FileTooLarge(ImageRefused):
    """Refused for its size in bytes: the upload endpoint answers 413."""

    status = 413


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int  # as displayed, after the EXIF orientation
    height: int
    taken_at: datetime | None  # UTC when the camera recorded an offset, else camera-local
    taken_at_is_utc: bool

    @property
    def extension(self) -> str:
        return ACCEPTED[self.format]


@dataclass(frozen=True)
class Rendition:
    size: str
    width: int
    height: int
    webp: bytes
    jpeg: bytes


def inspect(data: bytes, max_bytes: int, max_pixels: int) -> ImageInfo:
    """Decode ``data`` fully and describe it, or raise :class:`ImageRefused`."""
    if not data:
        raise ImageRefused(_("Tệp rỗng."))
    if len(data) > max_bytes:
        raise FileTooLarge(_("Tệp quá lớn: tối đa %(mb)s MB mỗi ảnh.", mb=vn_number(max_bytes // (1024 * 1024))))
    image = _open(data, min(max_pixels, image_pixel_budget()))
    if _has_markup(data):
        raise ImageRefused(_("Tệp chứa mã HTML hoặc script lẫn trong ảnh nên không được chấp nhận."))
    with decode_slot():
        _decode(data)
    exif = image.getexif()
    width, height = image.size
    if exif.get(ORIENTATION_TAG) in SWAPS_AXES:
        width, height = height, width
    taken_at, is_utc = _taken_at(exif)
    return ImageInfo(image.format, width, height, taken_at, is_utc)


def _open(data: bytes, max_pixels: int) -> Image.Image:
    too_large = _("Ảnh có quá nhiều điểm ảnh (tối đa %(n)s megapixel); hãy thu nhỏ ảnh trước khi tải lên.",
                  n=vn_number(max_pixels // 1_000_000))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(too_large) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused(_("Tệp không phải là ảnh JPEG, PNG, WebP hoặc GIF hợp lệ.")) from None
    if image.format not in ACCEPTED:
        raise ImageRefused(_("Tệp không phải là ảnh JPEG, PNG, WebP hoặc GIF hợp lệ."))
    if image.width * image.height > max_pixels:
        raise ImageRefused(too_large)
    return image


def _decode(data: bytes) -> None:
    """Decode the whole first frame: truncated or corrupt files fail here.

    JPEGs are decoded at an eighth of their size: every byte of the stream is
    still read (so truncation is caught) at a quarter of the cost.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=OPEN_FORMATS) as image:
                image.verify()
            with Image.open(io.BytesIO(data), formats=OPEN_FORMATS) as image:
                image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageRefused(_("Tệp ảnh bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn).")) from None


def _has_markup(data: bytes) -> bool:
    edges = (data[:EDGE_BYTES] + b"\n" + data[-EDGE_BYTES:]).lower()
    if any(marker in edges for marker in EDGE_MARKERS + ANYWHERE_MARKERS):
        return True
    whole = data.lower()
    return any(marker in whole for marker in ANYWHERE_MARKERS)


def _taken_at(exif: Image.Exif) -> tuple[datetime | None, bool]:
    details = exif.get_ifd(IFD.Exif)
    raw = details.get(DATETIME_ORIGINAL_TAG) or exif.get(DATETIME_TAG)
    try:
        moment = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None, False
    offset = _offset(details.get(OFFSET_ORIGINAL_TAG))
    if offset is None:
        return moment, False
    return (moment - offset).replace(tzinfo=None), True


def _offset(raw: object) -> timedelta | None:
    """``"+07:00"`` as a timedelta, or ``None``."""
    text = str(raw or "").strip("\x00 ")
    if len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    try:
        delta = timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))
    except ValueError:
        return None
    return -delta if text[0] == "-" else delta


def render(data: bytes) -> list[Rendition]:
    """The published renditions of an original: upright, without metadata
    (the core's :func:`cms.plugin.prepare_image`), one per width in
    :data:`WIDTHS` (never wider than the original).

    Sizes that would come out the same (a small original) share one file.
    Runs in the background, so it waits for a decode slot as long as it takes.
    """
    widest = max(WIDTHS.values())
    source = prepare_image(data, (widest, widest * TALLEST), formats=OPEN_FORMATS, timeout=None).image
    renditions: list[Rendition] = []
    for size, wanted in sorted(WIDTHS.items(), key=lambda item: -item[1]):
        width = min(wanted, source.width)
        height = max(1, round(source.height * width / source.width))
        if (width, height) != source.size:
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        renditions.append(Rendition(size, width, height, encode_image(source, "WEBP", quality=WEBP_QUALITY, method=4),
                                    encode_image(source, "JPEG", quality=JPEG_QUALITY)))
    return renditions
