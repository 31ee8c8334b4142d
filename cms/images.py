"""Uploaded images within a budget, and stored without metadata.

Decoding is what costs: a 143 KB PNG can claim 7000×7000 pixels and take
150 MB or more once decoded, and a few at once take a worker's memory and
the CPU every other request needs. So an upload goes through three gates:

1. **Pixels, from the header.** :func:`open_image` reads only the header and
   refuses more than ``MAX_IMAGE_PIXELS`` (config, default 40 megapixels)
   before a single pixel is decoded.
2. **A decode slot.** :func:`decode_slot` lets at most ``IMAGE_CONCURRENCY``
   (config, default 1) decodes run at once per worker process; the others
   wait their turn, first come first served, up to ``IMAGE_QUEUE_SECONDS``
   (default 20) and then get
   :class:`ImagesBusy` ("server busy, try again": 503 with ``Retry-After``
   for JSON, a form error for pages).
3. **The smallest decode that serves.** :func:`prepare` decodes a JPEG at
   the smallest scale at least as large as the box asked for
   (``Image.draft``), shrinks every format as soon as it is decoded, and only
   then turns it upright and converts it.

What :func:`prepare` returns carries no metadata: EXIF (its orientation is
applied first), XMP, JPEG comments, PNG text chunks and the ICC profile (the
pixels are converted to sRGB first) are gone, and an animated GIF, PNG or
WebP keeps only its first frame. :func:`encode` writes it without adding any.
"""
from __future__ import annotations

import io
import threading
import warnings
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from flask import Flask, current_app
from flask_babel import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .errors import ServerBusy, ValidationError
from .formatting import vn_number

FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
ORIENTATION_TAG = 0x0112
SWAPS_AXES = {5, 6, 7, 8}
ENCODE_OPTIONS: dict[str, dict[str, Any]] = {"JPEG": {"quality": 86, "optimize": True, "progressive": True},
                  "PNG": {"optimize": True}, "WEBP": {"quality": 85}, "GIF": {}}
_SRGB = ImageCms.createProfile("sRGB")


class ImageRefused(ValidationError):
    """The upload is not an image the site takes; the message says why.

    A :class:`ValidationError` on the ``file`` field (forms show it there);
    ``status`` is the HTTP status an upload endpoint of its own answers with.
    """

    status = 422

    def __init__(self, message: str, field: str = "file") -> None:
        super().__init__({field: message})


class ImagesBusy(ServerBusy, ImageRefused):
    """Every decode slot stayed taken for ``IMAGE_QUEUE_SECONDS``: try again soon."""

    status = 503


@dataclass(frozen=True)
class Decoded:
    """An upload decoded by :func:`prepare`: ``image`` is upright, within the
    box, without metadata, in RGB, RGBA or L; ``format`` and ``size`` are the
    upload's own (``size`` as stored, before the EXIF orientation)."""

    image: Image.Image
    format: str
    size: tuple[int, int]


class DecodeSlots:
    """A semaphore that hands slots out in the order they were asked for.

    With a plain semaphore a gallery thread finishing one rendition could
    take the slot straight back for the next one, and an upload waiting in
    a request would time out behind a whole batch; here a released slot
    goes to the longest waiter.
    """

    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._free = size
        self._waiting: deque[threading.Event] = deque()

    def acquire(self, timeout: float | None) -> bool:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._lock:
            if turn.is_set():  # handed over just as the wait ran out
                return True
            self._waiting.remove(turn)
            return False

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            else:
                self._free += 1


def init_app(app: Flask) -> None:
    """The worker's decode slots; an app holds its own (tests build several)."""
    app.extensions["cms_image_slots"] = DecodeSlots(max(1, int(app.config["IMAGE_CONCURRENCY"])))


def pixel_budget() -> int:
    """The most pixels an upload may have (``MAX_IMAGE_PIXELS``)."""
    return int(current_app.config["MAX_IMAGE_PIXELS"])


def _too_many_pixels(max_pixels: int) -> str:
    return _("Ảnh có quá nhiều điểm ảnh (tối đa %(n)s megapixel); hãy thu nhỏ ảnh trước khi tải lên.",
             n=vn_number(max(1, max_pixels // 1_000_000)))


def open_image(data: bytes, max_pixels: int | None = None, formats: tuple[str, ...] = FORMATS) -> Image.Image:
    """The upload opened lazily (only its header is read), or :class:`ImageRefused`
    when it is not one of ``formats`` or has more than ``max_pixels`` pixels
    (default :func:`pixel_budget`). Nothing is decoded here."""
    budget = pixel_budget() if max_pixels is None else min(max_pixels, pixel_budget())
    if not data:
        raise ImageRefused(_("Hãy chọn một tệp ảnh."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRefused(_too_many_pixels(budget)) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRefused(_("Tệp không phải là ảnh hợp lệ: chỉ nhận JPEG, PNG, GIF hoặc WebP.")) from None
    if image.width * image.height > budget:
        raise ImageRefused(_too_many_pixels(budget))
    return image


@contextmanager
def decode_slot(timeout: float | None = -1) -> Iterator[None]:
    """Hold one of the worker's ``IMAGE_CONCURRENCY`` decode slots.

    Waits at most ``timeout`` seconds (default ``IMAGE_QUEUE_SECONDS``;
    ``None`` waits as long as it takes, for background jobs), then raises
    :class:`ImagesBusy`.
    """
    wait = float(current_app.config["IMAGE_QUEUE_SECONDS"]) if timeout == -1 else timeout
    slots: DecodeSlots = current_app.extensions["cms_image_slots"]
    if not slots.acquire(timeout=wait):
        busy = ImagesBusy(_("Máy chủ đang bận xử lý ảnh khác; vui lòng thử lại sau ít phút."))
        busy.retry_after = max(1, round(wait or 1))
        raise busy
    try:
        yield
    finally:
        slots.release()


def prepare(data: bytes, box: tuple[int, int], *, max_pixels: int | None = None, min_side: int = 1,
            formats: tuple[str, ...] = FORMATS, timeout: float | None = -1) -> Decoded:
    """Check, decode and clean an upload, shrunk to fit ``box`` (width,
    height as displayed); raises :class:`ImageRefused` (or
    :class:`ImagesBusy`, see :func:`decode_slot`). The pixel budget is
    checked before waiting for a slot, so a refused file never queues."""
    probe = open_image(data, max_pixels, formats)
    assert probe.format  # set by Image.open for every format it accepts
    fmt, size = "JPEG" if probe.format == "MPO" else probe.format, probe.size
    if min(size) < min_side:
        raise ImageRefused(_("Ảnh quá nhỏ (tối thiểu %(n)d điểm ảnh mỗi chiều).", n=min_side))
    with decode_slot(timeout):
        try:
            probe.verify()
            with Image.open(io.BytesIO(data), formats=formats) as image:
                upright = _decode_within(image, box)
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
            raise ImageRefused(_("Tệp ảnh bị hỏng hoặc không đầy đủ (có thể tải lên bị gián đoạn).")) from None
        return Decoded(strip(upright), fmt, size)


def _decode_within(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """Decode the first frame no larger than needed, shrink it, turn it upright.

    Formats without a reduced decode (PNG, GIF, WebP) are decoded whole, then
    at once reduced by the largest whole factor that keeps the box filled,
    and the full-size pixels are let go before the finer resampling: the
    peak is the decoded image plus a quarter of it or less, instead of plus
    the resampler's intermediate copies.
    """
    if image.format in ("JPEG", "MPO"):
        # A JPEG's EXIF is read with its header: the draft can follow the orientation.
        image.draft(None, _fitted(image.size, _stored_box(image, box)))
    image.load()
    stored_box = _stored_box(image, box)
    target = _fitted(image.size, stored_box)
    factor = min(image.width // target[0], image.height // target[1])
    if factor > 1:
        small = image.reduce(factor)
        image.close()  # frees the full-size pixels now, not when the caller's block ends
        image = small
    image.thumbnail(stored_box, Image.Resampling.LANCZOS)
    return ImageOps.exif_transpose(image)


def _stored_box(image: Image.Image, box: tuple[int, int]) -> tuple[int, int]:
    """``box`` in the file's own axes (a portrait photo is often stored on its side)."""
    return box[::-1] if image.getexif().get(ORIENTATION_TAG) in SWAPS_AXES else box


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled down, keeping its shape, to fit ``box`` (the draft
    scale is chosen per axis, so a tall box must not ask for full height)."""
    scale = min(1.0, box[0] / size[0], box[1] / size[1])
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def strip(image: Image.Image) -> Image.Image:
    """A copy of ``image``'s current frame without any metadata: converted to
    sRGB when it carries an ICC profile, in RGB, RGBA (when it has
    transparency) or L, with an empty ``info``."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "L" if image.mode in ("1", "L") else "RGB"
    icc = image.info.get("icc_profile")
    clean = _to_srgb(image, icc, mode) if icc else None
    if clean is None:
        clean = image.convert(mode) if image.mode != mode else image.copy()
    clean.info = {}
    return clean


def _to_srgb(image: Image.Image, icc: bytes, mode: str) -> Image.Image | None:
    """The pixels converted from their embedded profile to sRGB; ``None``
    when the profile cannot be used (then it is dropped as it is)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        working = mode if mode != "L" else "RGB"
        if image.mode not in ("RGB", "RGBA", "CMYK", "L") or (working == "RGBA" and image.mode != "RGBA"):
            image = image.convert(working)
        return ImageCms.profileToProfile(image, source, _SRGB, outputMode=working)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    """``image`` saved as ``fmt`` (JPEG, PNG, GIF or WebP) with no metadata:
    its ``info`` is emptied first, and none is passed to the encoder."""
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = _on_white(image)
    image.info = {}
    out = io.BytesIO()
    image.save(out, fmt, **{**ENCODE_OPTIONS.get(fmt, {}), **options})
    return out.getvalue()


def _on_white(image: Image.Image) -> Image.Image:
    """RGB on white: JPEG has no transparency."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat
