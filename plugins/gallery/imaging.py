"""Pillow work: deciding whether bytes are a photo we accept, and making the
published renditions of one.

Nothing here touches the database or the storage, so it can be tested and
run anywhere. An upload is judged by decoding it, never by its name or the
type the browser declared.
"""
from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.ExifTags import IFD

from cms.plugin import vn_number

ACCEPTED = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
WIDTHS = {"thumb": 320, "medium": 1024, "large": 1920}
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


class ImageRefused(ValueError):
    """The file is not a photo we publish; the message says why, for the editor.

    ``status`` is the HTTP status an upload endpoint answers with.
    """

    status = 422


class FileTooLarge(ImageRefused):
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
    image = _open(data, max_pixels)
    if _has_markup(data):
        raise ImageRefused(_("Tệp chứa mã HTML hoặc script lẫn trong ảnh nên không được chấp nhận."))
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
    """The published renditions of an original: upright, without metadata,
    one per width in :data:`WIDTHS` (never wider than the original).

    Sizes that would come out the same (a small original) share one file.
    """
    with Image.open(io.BytesIO(data), formats=OPEN_FORMATS) as opened:
        _draft_for_largest(opened)
        opened.load()
        source = _prepared(ImageOps.exif_transpose(opened))
    renditions: list[Rendition] = []
    for size, wanted in sorted(WIDTHS.items(), key=lambda item: -item[1]):
        width = min(wanted, source.width)
        height = max(1, round(source.height * width / source.width))
        if (width, height) != source.size:
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        renditions.append(Rendition(size, width, height, _encode_webp(source), _encode_jpeg(source)))
    return renditions


def _draft_for_largest(image: Image.Image) -> None:
    """Let a JPEG decode straight to a smaller scale when the largest
    rendition needs no more (a 6000 px photo decodes at 3000 px)."""
    displayed_width = image.height if image.getexif().get(ORIENTATION_TAG) in SWAPS_AXES else image.width
    scale = min(1.0, max(WIDTHS.values()) / displayed_width)
    if scale < 1.0:
        image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _prepared(image: Image.Image) -> Image.Image:
    """A copy in RGB or RGBA that carries no metadata but its colour profile."""
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    clean = image.convert("RGBA" if has_alpha else "RGB")
    clean.info = {"icc_profile": icc} if icc else {}
    return clean


def _encode_webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4, icc_profile=image.info.get("icc_profile"))
    return buffer.getvalue()


def _encode_jpeg(image: Image.Image) -> bytes:
    icc = image.info.get("icc_profile")
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc)
    return buffer.getvalue()

