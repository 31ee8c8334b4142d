"""Image files for upload tests: ones that carry every kind of metadata the
site must not publish, one whose header claims more pixels than the site
decodes, and a check that a stored file is clean.

    from cms.testing.images import HIDDEN_PAYLOADS, assert_no_metadata, pixel_bomb_png
"""
from __future__ import annotations

import io
import struct
import zlib
from functools import cache

from PIL import Image, ImageCms
from PIL.ExifTags import IFD
from PIL.PngImagePlugin import PngInfo

SECRET = "toa-do-bi-mat"
XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="{SECRET}"/></rdf:RDF>'
       f'</x:xmpmeta>').encode()
#: Info keys that would mean metadata survived (Pillow's names).
METADATA_KEYS = ("exif", "comment", "xmp", "XML:com.adobe.xmp", "icc_profile", "Comment", "Author", "Description",
                 "extension", "transparency_extension")


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Sen Camera"
    exif[0x010E] = SECRET
    exif.get_ifd(IFD.GPSInfo).update({1: "N", 2: (10.0, 48.0, 0.0), 3: "E", 4: (105.0, 11.0, 0.0)})
    return exif


def _icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size, (200, 60, 40) if mode == "RGB" else (200, 60, 40, 255))
    image.paste((20, 120, 200) if mode == "RGB" else (20, 120, 200, 255), (0, 0, size[0] // 2, size[1] // 2))
    return image


def jpeg_with_metadata(size: tuple[int, int] = (320, 240)) -> bytes:
    """A JPEG with a comment (COM), EXIF with a GPS position, XMP and an ICC profile."""
    out = io.BytesIO()
    _picture(size).save(out, "JPEG", comment=f"vi tri: {SECRET}".encode(), exif=_exif(), xmp=XMP,
                        icc_profile=_icc(), quality=90)
    return out.getvalue()


def png_with_metadata(size: tuple[int, int] = (320, 240)) -> bytes:
    """A PNG with text chunks (tEXt, iTXt XMP), EXIF and an ICC profile."""
    info = PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    _picture(size, "RGBA").save(out, "PNG", pnginfo=info, exif=_exif(), icc_profile=_icc())
    return out.getvalue()


def animated_gif(size: tuple[int, int] = (120, 90), frames: int = 3) -> bytes:
    """An animated GIF whose later frames and comment are a payload."""
    pictures = [Image.new("RGB", size, (40 * i, 90, 200 - 40 * i)) for i in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, "GIF", save_all=True, append_images=pictures[1:], duration=100, loop=0,
                     comment=SECRET.encode())
    return out.getvalue()


def webp_with_metadata(size: tuple[int, int] = (320, 240)) -> bytes:
    """A WebP with EXIF, XMP and an ICC profile."""
    out = io.BytesIO()
    _picture(size).save(out, "WEBP", exif=_exif(), xmp=XMP, icc_profile=_icc())
    return out.getvalue()


#: name → (file bytes, upload file name): one of each kind of hidden payload.
HIDDEN_PAYLOADS = {
    "jpeg-comment-exif-gps-xmp-icc": (jpeg_with_metadata(), "anh.jpg"),
    "png-text-xmp-exif-icc": (png_with_metadata(), "anh.png"),
    "animated-gif-comment": (animated_gif(), "anh.gif"),
    "webp-exif-xmp-icc": (webp_with_metadata(), "anh.webp"),
}


def assert_no_metadata(data: bytes) -> Image.Image:
    """Fail unless ``data`` is one still image with no metadata Pillow can see."""
    image = Image.open(io.BytesIO(data))
    found = sorted(key for key in image.info if key in METADATA_KEYS or isinstance(image.info[key], str))
    assert not found, f"{image.format} kept metadata: {found}"
    assert not image.getexif(), f"{image.format} kept EXIF"
    frames = getattr(image, "n_frames", 1)
    assert frames == 1, f"{image.format} kept {frames} frames"
    assert SECRET.encode() not in data and b"Sen Camera" not in data
    return image


@cache
def pixel_bomb_png(width: int = 7000, height: int = 7000) -> bytes:
    """A real, valid RGB PNG of ``width`` × ``height`` black pixels that
    weighs about 150 KB for 7000 × 7000: cheap to send, costly to decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(1 + 3 * width)
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
