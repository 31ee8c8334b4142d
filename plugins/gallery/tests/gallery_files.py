"""Helpers for the gallery's tests: image files made on the spot, uploads,
and a look at what the storage holds."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image
from PIL.ExifTags import IFD


SVG_FILE = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="4"/></svg>'
GPS_POSITION = {1: "N", 2: (10.0, 48.0, 0.0), 3: "E", 4: (105.0, 11.0, 0.0)}


def image_bytes(size=(800, 600), colour=(200, 60, 40), fmt="JPEG", exif: Image.Exif | None = None, **options) -> bytes:
    image = Image.new("RGBA" if fmt in ("PNG", "WEBP") else "RGB", size, colour)
    buffer = io.BytesIO()
    if exif is not None:
        options["exif"] = exif
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def camera_exif(orientation: int | None = None, taken: str | None = None, offset: str | None = None) -> Image.Exif:
    """EXIF as a phone writes it: make, GPS position, optional orientation and time."""
    exif = Image.Exif()
    exif[0x010F] = "Sen Camera"
    exif.get_ifd(IFD.GPSInfo).update(GPS_POSITION)
    if orientation:
        exif[0x0112] = orientation
    details = exif.get_ifd(IFD.Exif)
    if taken:
        details[0x9003] = taken
    if offset:
        details[0x9011] = offset
    return exif


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that claims huge dimensions: a decompression bomb's shape."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def upload(client, album_id: int, files: list[tuple[bytes, str]], json: bool = True, headers=None, **data):
    """Post files to the album's upload endpoint as the page's script (or a plain form) does."""
    payload = {"files": [(io.BytesIO(content), name) for content, name in files], **data}
    headers = {**({"Accept": "application/json"} if json else {}), **(headers or {})}
    return client.post(f"/admin/gallery/{album_id}/upload", data=payload, headers=headers,
                       content_type="multipart/form-data")


def stored_files(app) -> list[str]:
    from ..storage import get_storage

    return list(get_storage().keys())
